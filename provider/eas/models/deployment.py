"""Deployment: one EAS service, a member of the service group that is our Service.

The model is the service JSON (eas-api.md 2; CreateService/UpdateService
bodies) in its own key names (`metadata.rpc.keepalive` is `rpc_keepalive`
here, `storage[].oss.readOnly` is `read_only`), plus the settings EAS keeps
outside the JSON and changes through other operations: the traffic weight
(ReleaseService), labels, the safety lock, mirroring and the run state.

Two keys of the JSON belong to other resources and are never part of the
diffed JSON: `token` (an ApiKey) and, while a ScalingRule exists, the
instance count (`metadata.instance`).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, from_live, spec_field
from ..statuses import LOCKS, group_weight
from .common import NAME, RESERVED_LABEL_PREFIX, check_labels, check_name

PERCENT = re.compile(r"^(100|[1-9]?[0-9])%$")
PROCESSOR_TYPES = {"c": "C", "c++": "C++", "cpp": "C++", "java": "Java", "python": "Python"}


def _amount(value: int | str | None) -> int | str | None:
    """A rolling-update amount: a whole number of instances, or a percentage of them."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("must be a whole number of instances (>= 0) or a percentage string, e.g. '25%'")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # the engine sends every number as a float
    if isinstance(value, int):
        if value < 0:
            raise ValueError("must not be negative")
        return value
    if isinstance(value, str) and PERCENT.match(value.strip()):
        return value.strip()
    raise ValueError("must be a whole number of instances (>= 0) or a percentage from '0%' to '100%'")


class RollingStrategy(Spec):
    max_surge: int | str | None = None
    """Instances a rolling update may start on top of `instance`: a whole number, or a percentage of the
    instances rounded up. EAS's default is 2% of the instances, at least one."""
    max_unavailable: int | str | None = None
    """Instances a rolling update may take out of service at once: a whole number, or a percentage of the
    instances rounded down. Unset, the provider's checks assume 0."""

    _amounts = field_validator("max_surge", "max_unavailable", mode="before")(classmethod(lambda cls, v: _amount(v)))

    @model_validator(mode="after")
    def _can_progress(self) -> "RollingStrategy":
        if self.max_surge in (0, "0%") and self.max_unavailable in (0, "0%", None):
            raise ValueError("max_surge: cannot be 0 while max_unavailable is 0 too: no instance could ever be "
                             "replaced")
        return self


class Metadata(Spec):
    group: str = Field(pattern=NAME)
    """Name of the service group the deployment belongs to: the Service's `name`. The group appears with its
    first member; a member that joins later takes no group traffic until its weight is released."""
    instance: int = spec_field(1, change=Action.SCALE, ge=1)
    """Number of instances (workers). A change of the count alone scales, with no new version. While a
    ScalingRule of the deployment exists it owns the count, and the provider leaves the live value alone."""
    cpu: int | None = Field(default=None, ge=1)
    """CPU cores of each instance. On public resources cpu and memory are required unless
    cloud.computing gives an instance type."""
    memory: int | None = Field(default=None, ge=1)
    """Memory of each instance, in MB (with cpu: see there)."""
    gpu: int | None = Field(default=None, ge=0)
    """GPUs of each instance."""
    resource: str | None = Field(default=None, min_length=1)
    """ID of the dedicated resource group to run on (eas-r-...); unset runs on public resources."""
    rpc_worker_threads: int | None = Field(default=None, alias="rpc.worker_threads", ge=1)
    """Threads that handle requests concurrently in each instance (`rpc.worker_threads`)."""
    rpc_max_queue_size: int | None = Field(default=None, alias="rpc.max_queue_size", ge=1)
    """Longest request queue of an instance (`rpc.max_queue_size`); when it is full, new requests are refused
    with HTTP 450."""
    rpc_keepalive: int | None = Field(default=None, alias="rpc.keepalive", ge=1)
    """Timeout of one request, in milliseconds (`rpc.keepalive`)."""
    rpc_rate_limit: int | None = Field(default=None, alias="rpc.rate_limit", ge=0)
    """Queries per second an instance accepts before it refuses requests with HTTP 429 (`rpc.rate_limit`);
    0 for no limit."""
    enable_webservice: bool | None = None
    """Whether the service is an AI-Web application (a web UI served by the containers)."""
    rolling_strategy: RollingStrategy | None = None
    """Pace of rolling updates: how far the instance count may go above and below `instance`."""

    _group = field_validator("group")(classmethod(lambda cls, v: check_name(v)))


class EnvVar(Spec):
    name: str = Field(min_length=1, max_length=256)
    """Name of the environment variable."""
    value: str = Field(default="", max_length=65536)
    """Its value. Put secrets in a mounted store, not here: the value is part of the service JSON."""


class Container(Spec):
    image: str = Field(min_length=1, max_length=1024)
    """Image the container runs (a registry address with its tag)."""
    port: int | None = Field(default=None, ge=1, le=65535)
    """Port the container serves requests on."""
    script: str | None = Field(default=None, max_length=65536)
    """Command line that starts the service in the container."""
    command: str | None = Field(default=None, max_length=65536)
    """Entry command of the container, when `script` is not used."""
    env: list[EnvVar] | None = None
    """Environment variables of the container."""


class Oss(Spec):
    path: str = Field(pattern=r"^oss://.+")
    """OSS path to mount: oss://bucket/dir/."""
    read_only: bool | None = Field(default=None, alias="readOnly")
    """Whether the container can only read the mounted data (`readOnly`)."""


class Storage(Spec):
    mount_path: str = Field(pattern=r"^/", max_length=1024)
    """Absolute directory in the container the storage is mounted at."""
    oss: Oss | None = None
    """An OSS path mounted at mount_path."""
    properties: dict[str, str] | None = None
    """What the mount holds for the platform, e.g. {"resource_type": "model"}."""


class InstanceType(Spec):
    type: str = Field(min_length=1, max_length=128)
    """ECS instance type."""


class Computing(Spec):
    instance_type: str | None = Field(default=None, min_length=1, max_length=128)
    """ECS instance type each instance runs on (e.g. ecs.gn6i-c4g1.xlarge), instead of cpu and memory."""
    instances: list[InstanceType] | None = Field(default=None, max_length=32)
    """Instance types to choose from, in order of preference (the newer form of instance_type)."""


class CloudNetworking(Spec):
    vpc_id: str | None = Field(default=None, min_length=1)
    """VPC the instances get a network interface in, to reach your resources (outbound access)."""
    vswitch_id: str | None = Field(default=None, min_length=1)
    """vSwitch of that VPC."""
    security_group_id: str | None = Field(default=None, min_length=1)
    """Security group of the instances' network interfaces."""

    @model_validator(mode="after")
    def _together(self) -> "CloudNetworking":
        if (self.vpc_id or self.vswitch_id) and not (self.vpc_id and self.vswitch_id and self.security_group_id):
            raise ValueError("vpc_id: vpc_id, vswitch_id and security_group_id are given together")
        return self


class Cloud(Spec):
    computing: Computing | None = None
    """Instance types to run on (public resources by type)."""
    networking: CloudNetworking | None = None
    """A VPC the instances can reach (not how callers reach the service: see `networking`)."""


class Networking(Spec):
    gateway: str | None = Field(default=None, min_length=1)
    """ID of the dedicated Gateway the service is reached through (its `gateway_id`); unset, the shared
    gateway."""


class Mirror(Spec):
    ratio: int = Field(ge=0, le=100)
    """Percentage of this deployment's requests copied to the targets (their answers are discarded)."""
    targets: list[str] = Field(min_length=1, max_length=16)
    """Names of the deployments (EAS services) that receive the copies."""

    @field_validator("targets")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        for name in value:
            check_name(name)
        if len(set(value)) != len(value):
            raise ValueError("must not name a deployment twice")
        return value


class DeploymentSpec(Spec):
    # Anything not declared otherwise below (image, resources, mounts, processor, ...) is a new
    # version of the service JSON, rolled out instance by instance.
    unlisted_change: ClassVar[Action] = Action.ROLLING_UPGRADE

    name: str = spec_field(change=Action.REPLACE, why="EAS addresses a service by its name, which cannot change",
                           pattern=NAME)
    """Name of the EAS service, unique in the region."""
    metadata: Metadata
    """Group, instance count and resources of each instance, request handling and the rolling-update pace."""
    containers: list[Container] | None = Field(default=None, min_length=1, max_length=16)
    """Containers of each instance, for a service that runs custom images; or use a processor."""
    processor: str | None = Field(default=None, min_length=1)
    """Built-in processor to serve the model with (e.g. tensorflow_cpu_1.12), instead of containers."""
    processor_path: str | None = Field(default=None, min_length=1)
    """Address (OSS or HTTP) of a custom processor package; .tar.gz, .tar.bz2 and .zip are unpacked."""
    processor_entry: str | None = Field(default=None, min_length=1)
    """Main file of a C, C++ or Python processor (implements Load() and Process()); required for them."""
    processor_mainclass: str | None = Field(default=None, min_length=1)
    """Main class of a Java processor's JAR; required for Java."""
    processor_type: Literal["C", "C++", "Java", "Python"] | None = None
    """Language of the custom processor: C, C++, Java or Python (any letter case; cpp for C++)."""
    model_path: str | None = Field(default=None, min_length=1)
    """Address (OSS or public HTTP) of the model file or directory; archives are unpacked."""
    model_entry: str | None = Field(default=None, min_length=1)
    """Main file of the model, passed to the processor's Load(); unset, model_path itself."""
    model_settings: dict[str, Any] | str | None = Field(default=None, alias="model_config")
    """Configuration passed to the processor's initialize() (`model_config` in the service JSON)."""
    oss_endpoint: str | None = Field(default=None, min_length=1)
    """Endpoint of the OSS bucket; required when model_path or processor_path is an oss:// path."""
    role_arn: str | None = Field(default=None, min_length=1)
    """RAM role the service reads OSS paths with."""
    storage: list[Storage] | None = Field(default=None, max_length=64)
    """Storage mounted into the containers: model weights, code and other data."""
    cloud: Cloud | None = None
    """Instance types and the VPC the instances reach."""
    networking: Networking | None = None
    """How callers reach the service: through a dedicated Gateway."""
    features: dict[str, str] | None = spec_field(
        None, change=Action.REPLACE, why="EAS reads features only when it creates a service")
    """Platform features switched on for the service, e.g. {"eas.aliyun.com/enable-rollout": "true"}."""
    workspace_id: str | None = spec_field(None, change=Action.REPLACE, min_length=1, max_length=64,
                                          why="a service cannot move between workspaces")
    """PAI workspace the service is created in."""
    # ----- outside the service JSON ---------------------------------------------------------------
    weight: int | None = spec_field(None, change=Action.TRAFFIC, update_via="ReleaseService", ge=0, le=1000)
    """Share of the group's traffic, relative to the other members' weights (0 takes none). Unset leaves it
    to whatever owns traffic (a TrafficShift or CanaryRelease)."""
    initial_weight: int | None = spec_field(None, api=False, create_only=True, ge=0, le=1000)
    """Weight the deployment is created with when `weight` is unset, e.g. 0 for a canary that a TrafficShift
    then moves up; unset too, a new deployment takes weight 100."""
    labels: dict[str, str] | None = spec_field(None, change=Action.UPDATE, update_via="label API")
    """Labels of the service (keys 1-128 characters, not starting with 'aliyun', 'acs:' or 'inference-iac.');
    a change adds, overwrites and removes labels without a new version."""
    safety_lock: Literal[LOCKS] | None = spec_field(None, change=Action.UPDATE, update_via="safety lock API")
    """Operations the platform refuses: all (every change), dangerous (delete and stop) or none. Deleting the
    Deployment releases the lock first."""
    mirror: Mirror | None = spec_field(None, change=Action.TRAFFIC, update_via="mirror API")
    """Copies of this deployment's live traffic sent to other deployments (e.g. a shadow canary); set it on
    the stable deployment. Unset leaves the live mirror alone; ratio 0 stops the copies."""
    state: Literal["running", "stopped"] | None = spec_field(None, change=Action.START_STOP, api=False)
    """Run state the provider keeps the deployment in; unset leaves it alone."""

    @model_validator(mode="before")
    @classmethod
    def _no_token(cls, data: Any) -> Any:
        if isinstance(data, dict) and "token" in data:
            raise ValueError("token: a service's token is an ApiKey resource's (deployment_name), never part of "
                             "the Deployment's inputs")
        return data

    @field_validator("processor_type", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        if isinstance(value, str) and value.lower() in PROCESSOR_TYPES:
            return PROCESSOR_TYPES[value.lower()]
        return value

    _labels = field_validator("labels")(classmethod(lambda cls, v: v if v is None else check_labels(v)))

    @model_validator(mode="after")
    def _consistency(self) -> "DeploymentSpec":
        if not self.containers and not self.processor and not (self.processor_path or self.processor_type):
            raise ValueError("containers: a service runs containers (custom images) or a processor "
                             "(processor, or processor_path with processor_type)")
        if (self.processor_path is None) != (self.processor_type is None):
            raise ValueError("processor_type: processor_path and processor_type are given together")
        if self.processor_type == "Java" and not self.processor_mainclass:
            raise ValueError("processor_mainclass: required when processor_type is Java")
        if self.processor_type in ("C", "C++", "Python") and not self.processor_entry:
            raise ValueError(f"processor_entry: required when processor_type is {self.processor_type}")
        uses_oss = any(str(p or "").startswith("oss://") for p in (self.model_path, self.processor_path))
        if uses_oss and not self.oss_endpoint:
            raise ValueError("oss_endpoint: required when model_path or processor_path is an oss:// path")
        if self.mirror is not None and self.name in self.mirror.targets:
            raise ValueError("mirror: a deployment cannot mirror its traffic to itself")
        paths = [s.mount_path for s in self.storage or []]
        if len(set(paths)) != len(paths):
            raise ValueError("storage: two mounts share a mount_path")
        return self

    @model_validator(mode="after")
    def _sized(self, info: ValidationInfo) -> "DeploymentSpec":
        """On public resources EAS sizes an instance by cpu and memory or by an instance type; without
        either (and without a dedicated resource group) CreateService is refused."""
        computing = self.cloud.computing if self.cloud else None
        typed = computing is not None and bool(computing.instance_type or computing.instances)
        if from_live(info) or typed or self.metadata.resource:
            return self
        for key in ("cpu", "memory"):
            if getattr(self.metadata, key) is None:
                raise ValueError(f"metadata.{key}: missing; an instance on public resources is sized by "
                                 "metadata.cpu and metadata.memory, or by cloud.computing.instance_type (or "
                                 "instances); on a dedicated resource group (metadata.resource) neither is needed")
        return self

    # ----- the service JSON ------------------------------------------------------------------------

    def service_json(self, token: str | None = None) -> dict[str, Any]:
        """The service JSON this spec stands for (the whole body of a create, or of a replace update);
        `token` is the live one, kept so that an update does not take it away from its ApiKey."""
        body = self.model_dump(mode="json", by_alias=True, exclude_none=True, include=set(JSON_FIELDS))
        if token:
            body["token"] = token
        return body

    def create_weight(self) -> int:
        if self.weight is not None:
            return self.weight
        return 100 if self.initial_weight is None else self.initial_weight

    @classmethod
    def from_api(cls, live: dict[str, Any], *, mirror: dict[str, Any] | None = None,
                 state: str | None = None) -> "DeploymentSpec":
        """The live service (DescribeService, decoded by the client) in input shape."""
        config = {k: v for k, v in (live.get("config") or {}).items() if k != "token"}
        labels = {k: v for k, v in (live.get("labels") or {}).items() if not k.startswith(RESERVED_LABEL_PREFIX)}
        provider = {"weight": group_weight(live), "labels": labels,
                    "safety_lock": live.get("SafetyLock") or None, "workspace_id": live.get("WorkspaceId") or None,
                    "mirror": mirror, "state": state}
        return cls.project({**config, "name": config.get("name") or live.get("ServiceName"), **provider})


# The keys of the service JSON (everything else is the provider's, or another operation's).
JSON_FIELDS = ("name", "metadata", "containers", "processor", "processor_path", "processor_entry",
               "processor_mainclass", "processor_type", "model_path", "model_entry", "model_settings", "oss_endpoint",
               "role_arn", "storage", "cloud", "networking", "features")
