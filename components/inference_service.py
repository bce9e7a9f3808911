"""InferenceService: a production-ready inference service from one typed argument object.

One component wires the service, its deployments (each with its weight), API
keys bound to the service, per-deployment cron scaling rules and private
(intranet) connections. Children are parented to the component and named
after it, so two components never collide and `pulumi stack` groups them.

The cloud is an argument: `InferenceServiceArgs(cloud="modelarts")` (the
default, Huawei Cloud ModelArts v2) or `cloud="eas"` (Alibaba Cloud
PAI-EAS). One argument class for both keeps a program portable and its
review simple; each cloud's backend (`modelarts.py`, `eas.py`) maps the
arguments onto its resources and refuses, at preview and with the reason,
an argument its cloud cannot carry. On EAS the service is a service group
(`inference_iac.eas.Service`), each deployment a member EAS service named
`<service_name>_<name>`, the one API key the group's own token, and
`private_urls` holds the group's VPC endpoint under the key "intranet".

Defaults are the ones a production service should have, so leaving a field
out never weakens it:

- callers must authenticate (`auth_type="API_KEY"`) over HTTPS;
- rolling upgrades never remove a ready replica before its replacement is
  ready (`max_unavailable="0%"`) and add at most a quarter more replicas at a
  time (`max_surge="25%"`, rounded up, so at least one). 25 % rather than the
  platform's 1 % keeps a large deployment's rollout to about four waves; use
  "1%" (one extra replica at a time) on a dedicated pool with little spare
  capacity;
- `allow_replace=False` on the service: a change that can only be applied by
  deleting and recreating the service (its URL and bindings go with it) fails
  at preview until the caller sets it explicitly.

On EAS the same defaults hold: every call carries a token (an EAS service
has no unauthenticated mode), the rolling pace is the members'
`metadata.rolling_strategy` (25 % surge, 0 % unavailable), and
`allow_replace=False` guards the group and its members (a member's
replacement takes its endpoint and token with it).
"""

from __future__ import annotations

from types import ModuleType
from typing import Mapping, Optional

import pulumi

from inference_iac.core.unknowns import is_unknown

from . import eas, modelarts
from .args import (CLOUDS, DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, EAS, MODELARTS, ApiKeyArgs, CronRuleArgs,
                   CustomSpecArgs, DeploymentArgs, InferenceServiceArgs, InferenceServiceArgsError,
                   PrivateConnectionArgs, ScalingRuleArgs)
from .backend import Built
from .modelarts import deployment_inputs, service_inputs

TYPE = "inference:components:InferenceService"
BACKENDS: dict[str, ModuleType] = {MODELARTS: modelarts, EAS: eas}

__all__ = ["DEFAULT_MAX_SURGE", "DEFAULT_MAX_UNAVAILABLE", "TYPE", "ApiKeyArgs", "CronRuleArgs", "CustomSpecArgs",
           "DeploymentArgs", "InferenceService", "InferenceServiceArgs", "InferenceServiceArgsError",
           "PrivateConnectionArgs", "ScalingRuleArgs", "deployment_inputs", "service_inputs", "validate"]


def backend_of(name: str, args: InferenceServiceArgs) -> ModuleType:
    backend = None if is_unknown(args.cloud) else BACKENDS.get(args.cloud)
    if backend is None:
        # The cloud decides which resources exist at all: it must be a plain value.
        raise InferenceServiceArgsError(f"InferenceService {name}: cloud: {args.cloud!r} is not a cloud this "
                                        f"component builds on (one of {', '.join(CLOUDS)})")
    return backend


def validate(name: str, args: InferenceServiceArgs) -> None:
    """Raise InferenceServiceArgsError listing every problem, each prefixed by its argument path."""
    problems = backend_of(name, args).problems(name, args)
    if problems:
        raise InferenceServiceArgsError(f"InferenceService {name}: " + "; ".join(problems))


def _collect(outputs: Mapping[str, pulumi.Output]) -> pulumi.Output[dict]:
    """One Output of a dict, {} when there is nothing to collect."""
    return pulumi.Output.all(**outputs) if outputs else pulumi.Output.from_input({})


class InferenceService(pulumi.ComponentResource):
    service: pulumi.CustomResource
    deployments: dict[str, pulumi.CustomResource]
    api_keys: dict[str, pulumi.CustomResource]
    scaling_rules: dict[str, pulumi.CustomResource]
    connections: dict[str, pulumi.CustomResource]
    api_key_outputs: dict[str, pulumi.Output[str]]
    service_id: pulumi.Output[str]
    predict_url: pulumi.Output[str]
    deployment_ids: pulumi.Output[dict]
    api_key_values: pulumi.Output[dict]
    connection_ids: pulumi.Output[dict]
    connection_statuses: pulumi.Output[dict]
    private_urls: pulumi.Output[dict]

    def __init__(self, name: str, args: InferenceServiceArgs, opts: Optional[pulumi.ResourceOptions] = None):
        validate(name, args)  # before registering anything: a bad object leaves no half-built component
        super().__init__(TYPE, name, None, opts)
        self._expose(backend_of(name, args).build(self, name, args))

    def _expose(self, built: Built) -> None:
        self.service = built.service
        self.deployments = built.deployments
        self.scaling_rules = built.scaling_rules
        self.api_keys = built.api_keys
        self.connections = built.connections
        # Each key's value by its short name (on EAS no ApiKey resource stands behind it).
        self.api_key_outputs = built.api_key_values
        self.service_id = built.service_id
        self.predict_url = built.predict_url
        self.deployment_ids = _collect(built.deployment_ids)
        self.api_key_values = pulumi.Output.secret(_collect(built.api_key_values))
        self.connection_ids = _collect(built.connection_ids)
        self.connection_statuses = _collect(built.connection_statuses)
        self.private_urls = _collect(built.private_urls)
        self.register_outputs({
            "service_id": self.service_id,
            "predict_url": self.predict_url,
            "deployment_ids": self.deployment_ids,
            "api_keys": self.api_key_values,
            "connection_ids": self.connection_ids,
            "connection_statuses": self.connection_statuses,
            "private_urls": self.private_urls,
        })
