"""InferenceService: a production-ready ModelArts service from one typed argument object.

One component wires the service, its deployments (each with its weight), API
keys bound to the service, per-deployment cron scaling rules and private
(intranet) connections. Children are parented to the component and named
after it, so two components never collide and `pulumi stack` groups them.

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
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi

from inference_iac.modelarts import ApiKey, Deployment, IntranetConnection, ScalingRule, Service

from . import modelarts as backend
from .args import (DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, ApiKeyArgs, CronRuleArgs, CustomSpecArgs,
                   DeploymentArgs, InferenceServiceArgs, InferenceServiceArgsError, PrivateConnectionArgs,
                   ScalingRuleArgs, api_key_name)
from .modelarts import deployment_inputs, service_inputs

TYPE = "inference:components:InferenceService"

__all__ = ["DEFAULT_MAX_SURGE", "DEFAULT_MAX_UNAVAILABLE", "TYPE", "ApiKeyArgs", "CronRuleArgs", "CustomSpecArgs",
           "DeploymentArgs", "InferenceService", "InferenceServiceArgs", "InferenceServiceArgsError",
           "PrivateConnectionArgs", "ScalingRuleArgs", "deployment_inputs", "service_inputs", "validate"]


def validate(name: str, args: InferenceServiceArgs) -> None:
    """Raise InferenceServiceArgsError listing every problem, each prefixed by its argument path."""
    problems = backend.problems(name, args)
    if problems:
        raise InferenceServiceArgsError(f"InferenceService {name}: " + "; ".join(problems))


def _collect(outputs: Mapping[str, pulumi.Output]) -> pulumi.Output[dict]:
    """One Output of a dict, {} when there is nothing to collect."""
    return pulumi.Output.all(**outputs) if outputs else pulumi.Output.from_input({})


class InferenceService(pulumi.ComponentResource):
    service: Service
    deployments: dict[str, Deployment]
    api_keys: dict[str, ApiKey]
    scaling_rules: dict[str, ScalingRule]
    connections: dict[str, IntranetConnection]
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
        self._timeout = {} if args.timeout_seconds is None else {"timeout_seconds": args.timeout_seconds}
        child = pulumi.ResourceOptions(parent=self)

        self.service = Service(f"{name}-svc", {**service_inputs(name, args), "allow_replace": args.allow_replace,
                                               **self._timeout}, opts=child)
        service_id = self.service.service_id
        self.deployments = {
            d.name: Deployment(f"{name}-{d.name}", {**deployment_inputs(d, service_id), **self._timeout}, opts=child)
            for d in args.deployments
        }
        # Keys and connections need a running service: they wait for the deployments.
        running = pulumi.ResourceOptions(parent=self, depends_on=list(self.deployments.values()))
        self.scaling_rules = {
            d.name: ScalingRule(f"{name}-{d.name}-scaling", {
                **backend.scaling_inputs(d, service_id, self.deployments[d.name].deployment_id), **self._timeout},
                opts=child)
            for d in args.deployments if d.scaling is not None
        }
        self.api_keys = {
            key.name: ApiKey(api_key_name(name, key), {**backend.api_key_inputs(name, key, service_id),
                                                       **self._timeout}, opts=running)
            for key in args.api_keys
        }
        self.connections = {
            c.name: IntranetConnection(f"{name}-conn-{c.name}", {**backend.connection_inputs(c, service_id),
                                                                  **self._options(c), **self._timeout}, opts=running)
            for c in args.private_connections
        }
        self._expose()

    @staticmethod
    def _options(c: PrivateConnectionArgs) -> dict[str, Any]:
        return {} if c.approval_wait_seconds is None else {"approval_wait_seconds": c.approval_wait_seconds}

    def _expose(self) -> None:
        self.service_id = self.service.service_id
        self.predict_url = self.service.predict_url
        self.deployment_ids = _collect({n: d.deployment_id for n, d in self.deployments.items()})
        self.api_key_values = pulumi.Output.secret(_collect({n: k.api_key for n, k in self.api_keys.items()}))
        self.connection_ids = _collect({n: c.connection_id for n, c in self.connections.items()})
        self.connection_statuses = _collect({n: c.status for n, c in self.connections.items()})
        self.private_urls = _collect({n: c.url_list for n, c in self.connections.items()})
        self.register_outputs({
            "service_id": self.service_id,
            "predict_url": self.predict_url,
            "deployment_ids": self.deployment_ids,
            "api_keys": self.api_key_values,
            "connection_ids": self.connection_ids,
            "connection_statuses": self.connection_statuses,
            "private_urls": self.private_urls,
        })
