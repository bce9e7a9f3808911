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
    """CPU cores per replica."""
    memory: pulumi.Input[int]
    """Memory per replica, in MB."""
    gpu: Optional[pulumi.Input[float]] = None
    """GPUs per replica, if any."""
    ascend: Optional[pulumi.Input[int]] = None
    """Ascend NPUs per replica, if any."""


@dataclass
class CronRuleArgs:
    """Scale to `target_replicas` at each `schedule` (5-field cron, no seconds)."""

    name: str
    """The rule's name: 4-64 lower-case letters, digits and '-', unique in the deployment."""
    schedule: pulumi.Input[str]
    """When to scale: a 5-field cron expression (minute hour day-of-month month day-of-week)."""
    target_replicas: pulumi.Input[int]
    """The replica count to scale to."""


@dataclass
class ScalingRuleArgs:
    """A deployment's periodic scaling; while enabled it owns the replica count."""

    rules: list[CronRuleArgs]
    """The periodic rules (at most 10)."""
    enabled: pulumi.Input[bool] = True
    """False keeps the rules but switches every one of them off."""


@dataclass
class DeploymentArgs:
    """One deployment of the service: `name` is unique within it."""

    name: str
    """The deployment's name, unique within the service; its resource is `<component>-<name>`."""
    image: pulumi.Input[str]
    """The container image to serve (an SWR path on ModelArts)."""
    flavor: Optional[pulumi.Input[str]] = None
    """The instance flavor; give exactly one of flavor and custom_spec."""
    custom_spec: Optional[CustomSpecArgs] = None
    """Custom resources instead of a flavor (dedicated pools only)."""
    replicas: pulumi.Input[int] = 1
    """Number of replicas; a scaling rule owns it while enabled."""
    weight: Optional[pulumi.Input[int]] = None
    """Relative traffic weight 0-100. None leaves it to whatever owns traffic (a CanaryRelease); a new
    deployment then starts at 100."""
    envs: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Environment variables of the containers."""
    pool_id: Optional[pulumi.Input[str]] = None
    """The dedicated resource pool to run on; required (the public pool cannot take a deployment of its own)."""
    health_path: Optional[str] = None
    """Shortcut for HTTP readiness and liveness probes on this path (starting with '/')."""
    health_initial_delay_seconds: Optional[int] = None
    """Seconds the probes wait after a replica starts."""
    port: Optional[pulumi.Input[int]] = None
    """The port the image listens on."""
    cmd: Optional[pulumi.Input[str]] = None
    """The command the container runs instead of the image's own."""
    description: Optional[pulumi.Input[str]] = None
    """A description of the deployment."""
    max_surge: pulumi.Input[str] = DEFAULT_MAX_SURGE
    """Extra replicas a rolling upgrade may add, as a percentage of replicas (rounded up)."""
    max_unavailable: pulumi.Input[str] = DEFAULT_MAX_UNAVAILABLE
    """Replicas a rolling upgrade may take out of service, as a percentage (rounded down)."""
    scaling: Optional[ScalingRuleArgs] = None
    """Periodic scaling of this deployment (dedicated pools only)."""


@dataclass
class ApiKeyArgs:
    """A SERVICE-scope key bound to this service; its value is a secret output."""

    name: str
    """The key's short name; the key itself is named `<component>-key-<name>`."""
    description: Optional[pulumi.Input[str]] = None
    """A description of the key (changing it makes a new key)."""


@dataclass
class PrivateConnectionArgs:
    """Private access from a VPC subnet (created after the deployments: it needs a running service)."""

    vpc_id: pulumi.Input[str]
    """The VPC the callers are in."""
    subnet_id: pulumi.Input[str]
    """The subnet of that VPC the private endpoint is placed in."""
    name: str = "private"
    """The connection's short name; its resource is `<component>-conn-<name>`."""
    custom_urls: Optional[Sequence[pulumi.Input[str]]] = None
    """Up to 10 own URLs the service is also reachable at from the VPC."""
    approval_wait_seconds: Optional[int] = None
    """How long a create waits for the service owner's approval before recording APPROVING."""


@dataclass
class InferenceServiceArgs:
    """A whole inference service: its deployments, keys and private access."""

    deployments: list[DeploymentArgs]
    """The deployments serving behind the service (at least one)."""
    service_name: Optional[str] = None
    """The service's name in the cloud; the component name when None."""
    description: Optional[pulumi.Input[str]] = None
    """A description of the service."""
    auth_type: pulumi.Input[str] = "API_KEY"
    """How callers authenticate: API_KEY (the default), TOKEN or NONE."""
    protocol: pulumi.Input[str] = "HTTPS"
    """The protocol callers use: HTTPS (the default), HTTP, WS or WSS."""
    port: pulumi.Input[int] = 8080
    """The port the deployments' images listen on."""
    intranet_approval: Optional[pulumi.Input[bool]] = None
    """True makes private connections wait for the service owner's approval."""
    tags: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Tags of the service."""
    api_keys: list[ApiKeyArgs] = field(default_factory=list)
    """API keys bound to the service (each value is a secret output)."""
    private_connections: list[PrivateConnectionArgs] = field(default_factory=list)
    """Private access from VPCs, created once the deployments run."""
    allow_replace: bool = False
    """False (the default) makes a change that would recreate the service fail at preview."""
    timeout_seconds: Optional[int] = None
    """How long each child resource waits for the platform at each step (default 1200)."""


def duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def api_key_name(component: str, key: ApiKeyArgs) -> str:
    # Keys are project-wide, so their names carry the component's.
    return f"{component}-key-{key.name}"
