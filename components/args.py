"""The argument objects of InferenceService: what a team declares, independent of how a cloud builds it.

The rules here are the component's own (how it combines resources); every
limit of a resource is checked by the cloud backend through that resource's
model (`modelarts.py`, `eas.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

import pulumi

from inference_iac.core.errors import ReportedError
from inference_iac.core.unknowns import is_unknown

DEFAULT_MAX_SURGE = "25%"
DEFAULT_MAX_UNAVAILABLE = "0%"
MODELARTS = "modelarts"
EAS = "eas"
CLOUDS = (MODELARTS, EAS)
# Short names of keys and connections: they become part of child resource names.
_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$")


class InferenceServiceArgsError(ReportedError, ValueError):
    """The argument object breaks a rule; the message names every offending field."""


@dataclass
class CustomSpecArgs:
    """Resources of each replica instead of a flavor: a custom flavor on ModelArts (dedicated pools only), the
    instance's cores and memory on EAS (whole numbers there)."""

    cpu: pulumi.Input[float]
    """CPU cores per replica."""
    memory: pulumi.Input[int]
    """Memory per replica, in MB."""
    gpu: Optional[pulumi.Input[float]] = None
    """GPUs per replica, if any."""
    ascend: Optional[pulumi.Input[int]] = None
    """Ascend NPUs per replica, if any (ModelArts only)."""


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
    """The container image to serve (an SWR path on ModelArts, a registry address on EAS)."""
    flavor: Optional[pulumi.Input[str]] = None
    """The instance flavor (on EAS: the ECS instance type, e.g. ecs.c6.large); give exactly one of flavor and
    custom_spec."""
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
    """The dedicated resource pool to run on: on ModelArts required (the public pool cannot take a deployment
    of its own); on EAS the dedicated resource group (eas-r-...), public resources when None."""
    health_path: Optional[str] = None
    """Shortcut for HTTP readiness and liveness probes on this path (starting with '/'; ModelArts only)."""
    health_initial_delay_seconds: Optional[int] = None
    """Seconds the probes wait after a replica starts (ModelArts only)."""
    port: Optional[pulumi.Input[int]] = None
    """The port the image listens on; the service's `port` when None."""
    cmd: Optional[pulumi.Input[str]] = None
    """The command the container runs instead of the image's own."""
    description: Optional[pulumi.Input[str]] = None
    """A description of the deployment (ModelArts only: an EAS service has none)."""
    max_surge: pulumi.Input[str] = DEFAULT_MAX_SURGE
    """Extra replicas a rolling upgrade may add, as a percentage of replicas (rounded up)."""
    max_unavailable: pulumi.Input[str] = DEFAULT_MAX_UNAVAILABLE
    """Replicas a rolling upgrade may take out of service, as a percentage (rounded down)."""
    scaling: Optional[ScalingRuleArgs] = None
    """Periodic scaling of this deployment (on ModelArts dedicated pools only; on EAS the cron scaler)."""


@dataclass
class ApiKeyArgs:
    """A key callers of this service authenticate with; its value is a secret output.

    ModelArts: a SERVICE-scope key bound to the service, any number of them. EAS: the service group's own
    token (one per service, which EAS creates with the group and no API changes), so at most one."""

    name: str
    """The key's short name; the key itself is named `<component>-key-<name>`."""
    description: Optional[pulumi.Input[str]] = None
    """A description of the key (changing it makes a new key; ModelArts only)."""


@dataclass
class PrivateConnectionArgs:
    """Private access from a VPC subnet (created after the deployments: it needs a running service; ModelArts
    only: EAS links VPCs to a dedicated gateway, see inference_iac.eas.IntranetConnection)."""

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
    """A description of the service (ModelArts only: an EAS service group has none)."""
    auth_type: pulumi.Input[str] = "API_KEY"
    """How callers authenticate: API_KEY (the default), TOKEN or NONE. EAS always takes the service's token:
    only API_KEY."""
    protocol: pulumi.Input[str] = "HTTPS"
    """The protocol callers use: HTTPS (the default), HTTP, WS or WSS (ModelArts; EAS endpoints have no such
    setting, so only the default)."""
    port: pulumi.Input[int] = 8080
    """The port the deployments' images listen on (a deployment's own `port` wins)."""
    intranet_approval: Optional[pulumi.Input[bool]] = None
    """True makes private connections wait for the service owner's approval (ModelArts only)."""
    tags: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Tags of the service (on EAS: labels of each deployment's EAS service)."""
    api_keys: list[ApiKeyArgs] = field(default_factory=list)
    """API keys bound to the service (each value is a secret output)."""
    private_connections: list[PrivateConnectionArgs] = field(default_factory=list)
    """Private access from VPCs, created once the deployments run."""
    allow_replace: bool = False
    """False (the default) makes a change that would recreate the service fail at preview."""
    timeout_seconds: Optional[int] = None
    """How long each child resource waits for the platform at each step (default 1200)."""
    cloud: str = MODELARTS
    """Where the service is built: "modelarts" (Huawei Cloud ModelArts, the default) or "eas" (Alibaba Cloud
    PAI-EAS). The same arguments, with the same production defaults, on either; an argument a cloud cannot
    carry is refused at preview with the reason."""


def duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def label_problem(value: str, where: str) -> str | None:
    """Why a key's or connection's short name cannot be used, or None."""
    if _LABEL.match(value or ""):
        return None
    return f"{where}.name: {value!r} must be 1-32 lower-case letters, digits or '-'"


def compute_problem(d: DeploymentArgs, where: str) -> str | None:
    if (d.flavor is None) == (d.custom_spec is None):
        return f"{where}.flavor: give exactly one of flavor and custom_spec"
    return None


def component_rules(args: InferenceServiceArgs) -> list[str]:
    """Rules of the component itself (how it combines resources), not of any one model or cloud."""
    found = []
    if not args.deployments:
        found.append("deployments: at least one deployment is needed to serve traffic")
    for dup in duplicates([d.name for d in args.deployments]):
        found.append(f"deployments: name {dup!r} is used twice (names must be unique within the service)")
    auth = args.auth_type
    if args.api_keys and not is_unknown(auth) and auth != "API_KEY":
        found.append(f"api_keys: the service's auth_type is {auth}; API keys work only with auth_type API_KEY")
    for dup in duplicates([k.name for k in args.api_keys]):
        found.append(f"api_keys: name {dup!r} is used twice")
    for dup in duplicates([c.name for c in args.private_connections]):
        found.append(f"private_connections: name {dup!r} is used twice")
    return found


def api_key_name(component: str, key: ApiKeyArgs) -> str:
    # Keys are project-wide, so their names carry the component's.
    return f"{component}-key-{key.name}"
