"""The argument objects of InferenceService: what a team declares, independent of how a cloud builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

import pulumi

from inference_iac.core.errors import ReportedError

DEFAULT_MAX_SURGE = "25%"
DEFAULT_MAX_UNAVAILABLE = "0%"


class InferenceServiceArgsError(ReportedError, ValueError):
    """The argument object breaks a rule; the message names every offending field."""


@dataclass
class CustomSpecArgs:
    """Resources of a custom flavor (dedicated pools only)."""

    cpu: pulumi.Input[float]
    memory: pulumi.Input[int]  # MB
    gpu: Optional[pulumi.Input[float]] = None
    ascend: Optional[pulumi.Input[int]] = None


@dataclass
class CronRuleArgs:
    """Scale to `target_replicas` at each `schedule` (5-field cron, no seconds)."""

    name: str
    schedule: pulumi.Input[str]
    target_replicas: pulumi.Input[int]


@dataclass
class ScalingRuleArgs:
    """A deployment's periodic scaling; while enabled it owns the replica count."""

    rules: list[CronRuleArgs]
    enabled: pulumi.Input[bool] = True


@dataclass
class DeploymentArgs:
    """One deployment of the service: `name` is unique within it."""

    name: str
    image: pulumi.Input[str]
    # Exactly one of flavor and custom_spec.
    flavor: Optional[pulumi.Input[str]] = None
    custom_spec: Optional[CustomSpecArgs] = None
    replicas: pulumi.Input[int] = 1
    # Relative traffic weight 0-100. None leaves it to whatever owns traffic
    # (a CanaryRelease); a new deployment then starts at 100.
    weight: Optional[pulumi.Input[int]] = None
    envs: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    pool_id: Optional[pulumi.Input[str]] = None
    # Shortcut for HTTP readiness and liveness probes on this path.
    health_path: Optional[str] = None
    health_initial_delay_seconds: Optional[int] = None
    port: Optional[pulumi.Input[int]] = None
    cmd: Optional[pulumi.Input[str]] = None
    description: Optional[pulumi.Input[str]] = None
    max_surge: pulumi.Input[str] = DEFAULT_MAX_SURGE
    max_unavailable: pulumi.Input[str] = DEFAULT_MAX_UNAVAILABLE
    scaling: Optional[ScalingRuleArgs] = None


@dataclass
class ApiKeyArgs:
    """A SERVICE-scope key bound to this service; its value is a secret output."""

    name: str
    description: Optional[pulumi.Input[str]] = None


@dataclass
class PrivateConnectionArgs:
    """Private access from a VPC subnet (created after the deployments: it needs a running service)."""

    vpc_id: pulumi.Input[str]
    subnet_id: pulumi.Input[str]
    name: str = "private"
    custom_urls: Optional[Sequence[pulumi.Input[str]]] = None
    approval_wait_seconds: Optional[int] = None


@dataclass
class InferenceServiceArgs:
    """A whole inference service: its deployments, keys and private access."""

    deployments: list[DeploymentArgs]
    # The service's name in the cloud; the component name when None.
    service_name: Optional[str] = None
    description: Optional[pulumi.Input[str]] = None
    auth_type: pulumi.Input[str] = "API_KEY"
    protocol: pulumi.Input[str] = "HTTPS"
    port: pulumi.Input[int] = 8080
    # Connections wait for the owner's approval when true.
    intranet_approval: Optional[pulumi.Input[bool]] = None
    tags: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    api_keys: list[ApiKeyArgs] = field(default_factory=list)
    private_connections: list[PrivateConnectionArgs] = field(default_factory=list)
    allow_replace: bool = False
    timeout_seconds: Optional[int] = None


def duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def api_key_name(component: str, key: ApiKeyArgs) -> str:
    # Keys are project-wide, so their names carry the component's.
    return f"{component}-key-{key.name}"
