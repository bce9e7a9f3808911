"""Deployment: a versioned group of identical replicas serving behind a service."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, no_angle_brackets, spec_field
from .common import UpgradeConfig

UNIT_NAME = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
ENV_KEY = re.compile(r"^[A-Za-z_.-][A-Za-z0-9_.-]{0,63}$")
POOL_FLAVOR = r"^[A-Za-z0-9._-]{1,128}$"
VERSION = r"^\d{1,2}\.\d{1,2}\.\d{1,2}$"


def _mount_path(value: str) -> str:
    if not (value.startswith("/") and value.endswith("/")):
        raise ValueError("must start and end with '/'")
    return value


class Image(Spec):
    source: Literal["SWR", "IMAGE"] = "SWR"
    swr_path: str = Field(min_length=1)
    id: str | None = None
    category: Literal["GPU", "CPU", "ASCEND"] | None = None


class CustomSpec(Spec):
    cpu: float = Field(ge=0.01)
    memory: int = Field(ge=1)  # MB
    gpu: float | None = Field(default=None, ge=0)
    ascend: int | None = Field(default=None, ge=0)
    arch: Literal["x86", "arm64"] | None = None


class Health(Spec):
    check_method: Literal["HTTP", "EXEC"] = "HTTP"
    url: str | None = Field(default=None, pattern=r"^/", max_length=1024)
    cmd: str | None = Field(default=None, max_length=1024)
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS"] | None = None
    initial_delay_seconds: int = Field(default=30, ge=0)
    timeout_seconds: int = Field(default=30, ge=1)
    period_seconds: int = Field(default=10, ge=1)
    failure_threshold: int = Field(default=3, ge=1)

    @model_validator(mode="after")
    def _target(self) -> "Health":
        if self.check_method == "HTTP" and not self.url:
            raise ValueError("url: required when check_method is HTTP")
        if self.check_method == "EXEC" and not self.cmd:
            raise ValueError("cmd: required when check_method is EXEC")
        return self


class Mount(Spec):
    source: Literal["OBS", "OBSFS", "EFS", "LOCAL"]
    address: str | None = None
    mount_path: str = Field(max_length=255)
    host_cache: bool | None = None
    efs_sub_path: str | None = None
    read_only: bool | None = None
    os_warm_up: bool | None = None
    source_name: str | None = None

    _slashes = field_validator("mount_path")(classmethod(lambda cls, v: _mount_path(v)))

    @field_validator("source", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _warm_up_source(self) -> "Mount":
        if self.os_warm_up and not self.source_name:
            raise ValueError("source_name: required when os_warm_up is true")
        return self


class ModelMount(Mount):
    asset_id: str | None = None


class Dump(Spec):
    source: Literal["OBS", "OBSFS"]
    address: str | None = None
    mount_path: str = Field(max_length=255)

    _slashes = field_validator("mount_path")(classmethod(lambda cls, v: _mount_path(v)))


class TerminationGrace(Spec):
    pre_stop_cmd: str | None = None
    termination_grace_period_seconds: int | None = Field(default=None, ge=0)


class SecurityConfig(Spec):
    user_id: int | None = Field(default=None, ge=1, le=60000)
    group_id: int | None = Field(default=None, ge=1, le=60000)


class Affinity(Spec):
    affinity_type: Literal["AFFINITY", "ANTI_AFFINITY"]
    required: bool
    selection_mode: Literal["IP"] = "IP"
    targets: dict[str, str] = Field(max_length=20)


class UnitConfig(Spec):
    image: Image
    flavor: str | None = None
    custom_spec: CustomSpec | None = None
    pool_resource_flavor: str | None = Field(default=None, pattern=POOL_FLAVOR)
    name: str | None = Field(default=None, max_length=16, pattern=UNIT_NAME)
    role: str | None = None
    count: int | None = Field(default=None, ge=1)
    group_count: int | None = Field(default=None, ge=1, le=100)
    cmd: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    envs: dict[str, str] = Field(default_factory=dict)
    readiness_health: Health | None = None
    startup_health: Health | None = None
    liveness_health: Health | None = None
    recovery: Literal["Instance", "Role", "Pod"] | None = None
    npu_reset_enable: bool | None = None
    cpu_affinity: bool | None = None
    termination_grace: TerminationGrace | None = None
    security_config: SecurityConfig | None = None
    affinity: Affinity | None = None
    files: list[Mount] | None = None
    models: list[ModelMount] | None = None
    dumps: list[Dump] | None = Field(default=None, max_length=20)

    @field_validator("envs")
    @classmethod
    def _env_names(cls, envs: dict[str, str]) -> dict[str, str]:
        for key, value in envs.items():
            if not ENV_KEY.match(key):
                raise ValueError(f"env name {key!r} must be 1-64 of [A-Za-z0-9_.-] and not start with a digit")
            if any(ch in value for ch in "<^>"):
                raise ValueError(f"env {key!r} must not contain '<', '^' or '>'")
        return envs

    @model_validator(mode="after")
    def _resources(self) -> "UnitConfig":
        if self.custom_spec is not None and self.flavor not in (None, "custom"):
            raise ValueError("custom_spec: set flavor to 'custom' (or leave it out) when giving a custom spec")
        if self.custom_spec is None and not self.flavor and not self.pool_resource_flavor:
            raise ValueError("flavor: give a flavor, a pool_resource_flavor or a custom_spec")
        return self


class AdvancedConfig(Spec):
    port: int = Field(default=8080, ge=1, le=65535)
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS", "TCP", "NA"] = "HTTP"
    upgrade_config: UpgradeConfig = Field(default_factory=UpgradeConfig)
    deploy_timeout_minutes: int | None = Field(default=None, ge=1, le=300)
    dynamic_routing_enable: bool | None = None
    strategy: str | None = None
    ems_enable: bool | None = None
    metric_api_scheme: Literal["HTTP", "HTTPS"] | None = None
    metric_api_port: str | None = None
    metric_api_path: str | None = None
    custom_metrics_path: str | None = Field(default=None, max_length=255)
    mooncake_enable: bool | None = None


# The fields of a deployment update request (GroupConfigUpdateRequest) that a
# deployment GET echoes back. An update carries them all: a field the model
# does not declare keeps its live value.
UPDATE_REQUEST_FIELDS = ("name", "pool_id", "framework", "count", "weight", "deploy_type", "system_log_dump_enable",
                         "unit_configs", "secret_type", "secret_name", "priority", "high_avail_switch", "description",
                         "advanced_config", "model", "mirror_traffic_enable", "mirror_traffic_weight",
                         "deployment_task_limit", "schedule_strategy")


class DeploymentSpec(Spec):
    # Anything not declared otherwise below (image, flavor, env, pool, probes,
    # mounts, ports, upgrade policy...) rolls out as a new deployment version.
    service_id: str = spec_field(change=Action.REPLACE, why="a deployment belongs to one service for life",
                                 api=False, min_length=1)
    name: str = spec_field(change=Action.REPLACE, on_update=True, min_length=1, max_length=64,
                           why="deployments are addressed by name (scale, instances); renaming is not supported")
    # Replica count alone: no new version.
    count: int = spec_field(1, change=Action.SCALE, ge=1, le=128)
    # None leaves the weight to whatever owns traffic (a CanaryRelease); a new
    # deployment then starts with the full weight.
    weight: int | None = spec_field(None, change=Action.TRAFFIC, ge=0, le=100)
    # Used only when creating with no `weight`: a canary starts at 0 and is
    # then moved by a CanaryRelease. Never compared afterwards.
    initial_weight: int | None = spec_field(None, api=False, create_only=True, ge=0, le=100)
    pool_id: str | None = None
    framework: Literal["COMMON", "VLLM", "MINDIE"] = "COMMON"
    deploy_type: Literal["SINGLE", "MULTI"] | None = None
    workload_type: Literal["DEPLOYMENT", "LWS"] | None = spec_field(
        None, change=Action.REPLACE, why="the update API does not accept a workload type")
    schedule_strategy: Literal["HIGH_AVAILABILITY", "HIGH_UTILIZATION", "HIGH_PERFORMANCE"] | None = None
    high_avail_switch: bool | None = None
    priority: int | None = Field(default=None, ge=1, le=3)
    secret_type: Literal["dew", "agency"] | None = None
    secret_name: str | None = None
    system_log_dump_enable: bool | None = None
    description: str = spec_field("", change=Action.UPDATE, max_length=512)
    mirror_traffic_enable: bool | None = spec_field(None, change=Action.TRAFFIC)
    mirror_traffic_weight: int | None = spec_field(None, change=Action.TRAFFIC, ge=0, le=100)
    model: ModelMount | None = None
    unit_configs: list[UnitConfig] = Field(min_length=1)
    advanced_config: AdvancedConfig = Field(default_factory=AdvancedConfig)
    # The wanted run state. None leaves it alone.
    state: Literal["running", "stopped"] | None = spec_field(None, change=Action.START_STOP, api=False)

    _description = field_validator("description")(no_angle_brackets)

    @model_validator(mode="after")
    def _consistency(self) -> "DeploymentSpec":
        if self.secret_type == "dew" and not self.secret_name:
            raise ValueError("secret_name: required when secret_type is 'dew'")
        if self.pool_id is None and any(u.custom_spec for u in self.unit_configs):
            raise ValueError("unit_configs: custom specs need a dedicated pool (set pool_id)")
        if self.deploy_type != "MULTI" and len(self.unit_configs) > 1:
            raise ValueError("unit_configs: only MULTI deployments have more than one unit")
        return self

    def create_body(self) -> dict[str, Any]:
        first_weight = 100 if self.initial_weight is None else self.initial_weight
        body = {"weight": first_weight, **self.api_fields()}
        if "mirror_traffic_weight" in body:  # a string in the create request, an int elsewhere
            body["mirror_traffic_weight"] = str(body["mirror_traffic_weight"])
        return body

    def update_body(self, live: dict[str, Any]) -> dict[str, Any]:
        return update_body(live, self.update_fields())

    @classmethod
    def from_api(cls, service_id: str, live: dict[str, Any], state: str | None = None) -> "DeploymentSpec":
        return cls.project({**live, "service_id": service_id, "state": state})


def update_body(live: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The one builder of deployment update requests: the live deployment's
    configuration with `changes` laid over it.

    PUT replaces the configuration wholesale and needs name, weight and
    advanced_config, so everything the request accepts is sent; what the caller
    does not change keeps its live value (a weight-only change makes no new
    version).
    """
    body = {key: live[key] for key in UPDATE_REQUEST_FIELDS if live.get(key) is not None}
    body.update({key: value for key, value in changes.items() if key in UPDATE_REQUEST_FIELDS})
    body.setdefault("weight", 100)
    if isinstance(body.get("model"), dict):
        body["model"] = {k: v for k, v in body["model"].items() if k != "asset_id"}  # GroupModel has no asset id
    return body
