"""Service: the stable entry point (URL, auth, limits) that deployments serve behind."""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, no_angle_brackets, not_echoed_paths, spec_field
from ..statuses import run_state
from .common import Tag, UpgradeConfig

SERVICE_NAME = r"^[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}$"
METRICS_PATH = r"^(http|https),([1-9][0-9]{0,4}),[A-Za-z0-9._-][A-Za-z0-9._/-]*$"



class RateLimit(Spec):
    num: int = Field(ge=1, le=10000)
    unit: Literal["SECONDS", "MINUTES"] = "SECONDS"


class FuseConfig(Spec):
    error_rate_fuse_enable: bool = False
    error_rate_threshold: float | None = Field(default=None, gt=0, le=1)


class ElbConnection(Spec):
    elb_id: str = Field(min_length=1)
    m_tls: bool | None = None
    ca_cert_id: str | None = None
    server_cert_id: str | None = None
    sni_cert_ids: list[str] | None = None


class SecretVolume(Spec):
    secret_name: str | None = None
    secret_key: str = Field(min_length=1, max_length=63, pattern=r"^[A-Za-z0-9._-]+$")
    secret_value: str = Field(min_length=1, max_length=32768)  # base64; pass it as a Pulumi secret
    mount_path: str = Field(max_length=255, pattern=r"^/(.*/)?$")


    @field_validator("secret_key")
    @classmethod
    def _not_dotdot(cls, value: str) -> str:
        if value.startswith(".."):
            raise ValueError("must not start with '..'")
        return value


class ServiceSecret(Spec):
    secret_enable: bool = False
    secret_type: Literal["custom", "dew"] | None = None
    secret_volumes: list[SecretVolume] | None = Field(default=None, max_length=30)
    group_enable: bool | None = None
    group_id: int | None = Field(default=None, ge=1000, le=4294967294)


class ServiceInvoke(Spec):
    port: int = Field(default=8080, ge=1, le=65535)
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS"] = "HTTPS"
    auth_type: Literal["API_KEY", "TOKEN", "NONE"] = "API_KEY"
    internet_access_enable: bool | None = None
    intranet_approval_enable: bool | None = None
    dynamic_routing_enable: bool | None = None
    strategy: Literal["ROUND_ROBIN", "ORIGIN_IP_HASH", "MIN_CONN", "MIN_FIRST_TOKEN_TIME", "COMPOSITE", "SLO_BASED"] | None = None
    metric_api_scheme: Literal["HTTP", "HTTPS"] | None = None
    metric_api_port: str | None = Field(default=None, pattern=r"^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$")
    metric_api_path: str | None = None
    ems_enable: bool | None = None
    request_retry_enable: bool | None = None
    request_retry_cnt_max: int | None = Field(default=None, ge=1, le=10)
    request_retry_interval_ms: int | None = Field(default=None, ge=1, le=10000)
    fuse_configs: FuseConfig | None = None
    elb_connection: ElbConnection | None = None
    # Accepted by create/update, never returned by GET.
    custom_urls: list[str] | None = spec_field(None, echoed=False, max_length=10)

    @model_validator(mode="after")
    def _tls_needs_tls(self) -> "ServiceInvoke":
        elb = self.elb_connection
        if elb and (elb.m_tls or elb.ca_cert_id or elb.server_cert_id or elb.sni_cert_ids) \
                and self.protocol not in ("HTTPS", "WSS"):
            raise ValueError("elb_connection: TLS settings need protocol HTTPS or WSS")
        return self


class ServiceLimit(Spec):
    rate_limit: RateLimit = Field(default_factory=lambda: RateLimit(num=100))
    request_size_limit: int = Field(default=12, ge=1, le=50)  # MB
    request_timeout: int = Field(default=60, ge=1, le=7200)  # seconds
    ip_white_list: list[str] | None = Field(default=None, max_length=10)
    ip_black_list: list[str] | None = Field(default=None, max_length=10)

    @model_validator(mode="after")
    def _one_access_list(self) -> "ServiceLimit":
        if self.ip_white_list and self.ip_black_list:
            raise ValueError("ip_white_list and ip_black_list are exclusive: set one of them")
        return self


class ServerTaskLimit(Spec):
    max_task: int = Field(ge=0, le=10000)


class RuntimeConfig(Spec):
    service_invoke: ServiceInvoke = Field(default_factory=ServiceInvoke)
    service_limit: ServiceLimit = Field(default_factory=ServiceLimit)
    # Secret values are never read back.
    service_secret: ServiceSecret | None = spec_field(None, echoed=False)
    server_task_limit: ServerTaskLimit | None = None
    smart_routing_enable: bool | None = None


class LtsFile(Spec):
    log_path: str = Field(pattern=r"^/", max_length=512)
    file_pattern: str = Field(min_length=1, max_length=255)

    @field_validator("file_pattern")
    @classmethod
    def _plain_files(cls, value: str) -> str:
        if value.endswith((".gz", ".tar", ".zip")):
            raise ValueError("must not match archives (.gz, .tar, .zip)")
        return value


class LogConfig(Spec):
    type: Literal["STDOUT", "EVENT", "FILE"]
    status: Literal["ON", "OFF"] = "ON"
    log_group_id: str | None = None
    log_stream_id: str | None = None
    files: list[LtsFile] | None = Field(default=None, max_length=10)


class AutoStop(Spec):
    type: Literal["STOP"] = "STOP"
    time_unit: Literal["MINUTES", "HOURS", "DAYS"] = "HOURS"
    duration: int = Field(ge=1)

    @model_validator(mode="after")
    def _within_a_week(self) -> "AutoStop":
        minutes = self.duration * {"MINUTES": 1, "HOURS": 60, "DAYS": 1440}[self.time_unit]
        if not 1 <= minutes <= 7 * 1440:
            raise ValueError("auto-stop must be between 1 minute and 7 days")
        return self


class ServiceSpec(Spec):
    name: str = Field(pattern=SERVICE_NAME)
    type: Literal["REAL_TIME", "ASYNC_REAL_TIME"] = spec_field(
        "REAL_TIME", change=Action.REPLACE, why="the call mode (sync/async) of a service is fixed at creation")
    deploy_type: Literal["SINGLE", "MULTI"] = spec_field(
        "SINGLE", change=Action.REPLACE, why="single/multi-node deployment type is fixed at creation")
    workload_type: Literal["DEPLOYMENT", "LWS"] | None = spec_field(
        None, change=Action.REPLACE, why="the workload type is fixed at creation", echoed=False)
    description: str = Field(default="", max_length=512)
    workspace_id: str = spec_field("0", change=Action.REPLACE, why="a service cannot move between workspaces")
    task_type: Literal["TEXT_GENERATION", "IMAGE_UNDERSTANDING", "VIDEO_GENERATION", "IMAGE_GENERATION",
                       "RERANK", "VECTOR_MODEL", "EMBEDDING"] | None = None
    runtime_config: RuntimeConfig = Field(default_factory=RuntimeConfig)
    upgrade_config: UpgradeConfig | None = None
    lts_strategy: Literal["POOL", "AUTO_CREATE", "DEFAULT"] | None = None
    # GET echoes the types and statuses but not the file lists.
    log_configs: list[LogConfig] | None = spec_field(None, echoed=False, max_length=3)
    # Changed through the tag API, which leaves the service version alone.
    tags: list[Tag] = spec_field(default_factory=list, change=Action.UPDATE, update_via="tag API", max_length=20)
    schedule: list[AutoStop] | None = Field(default=None, max_length=1)
    custom_metrics_path: str | None = spec_field(None, echoed=False, max_length=255, pattern=METRICS_PATH)
    deploy_timeout_minutes: int | None = Field(default=None, ge=0, le=300)
    # The wanted run state. None leaves it to the deployments.
    state: Literal["running", "stopped"] | None = spec_field(None, change=Action.START_STOP, api=False)

    _description = field_validator("description")(no_angle_brackets)

    @field_validator("log_configs")
    @classmethod
    def _one_per_type(cls, configs: list[LogConfig] | None) -> list[LogConfig] | None:
        types = [c.type for c in configs or []]
        if len(types) != len(set(types)):
            raise ValueError("at most one log config per type (STDOUT, EVENT, FILE)")
        return configs

    @field_validator("tags")
    @classmethod
    def _unique_tag_keys(cls, tags: list[Tag]) -> list[Tag]:
        keys = [t.key for t in tags]
        if len(keys) != len(set(keys)):
            raise ValueError("tag keys must be unique")
        return tags

    @model_validator(mode="after")
    def _call_mode_rules(self) -> "ServiceSpec":
        invoke = self.runtime_config.service_invoke
        if self.type == "ASYNC_REAL_TIME":
            if invoke.protocol not in ("HTTP", "HTTPS"):
                raise ValueError("runtime_config.service_invoke.protocol: asynchronous services accept only HTTP or HTTPS")
            if self.runtime_config.server_task_limit is None:
                raise ValueError("runtime_config.server_task_limit: required for asynchronous services (max_task 0-10000)")
        elif self.runtime_config.server_task_limit is not None:
            raise ValueError("runtime_config.server_task_limit: only asynchronous services have a task limit")
        return self

    def create_body(self) -> dict[str, Any]:
        # Deployments are separate resources, so the service starts without any.
        return {**self.api_fields(), "group_configs": []}

    def update_body(self) -> dict[str, Any]:
        return self.update_fields()

    @classmethod
    def from_api(cls, live: dict[str, Any], previous: dict[str, Any] | None = None) -> "ServiceSpec":
        """Project a GET response onto the create-body shape.

        `previous` (the last outputs) supplies the fields GET does not return,
        and the wanted run state, which is not an API field.
        """
        version = live.get("version") or {}
        flat = {
            **live,
            "description": version.get("description", ""),
            "runtime_config": copy.deepcopy(version.get("runtime_config")),
            "upgrade_config": version.get("upgrade_config"),
            "lts_strategy": version.get("lts_strategy"),
            "log_configs": version.get("log_configs"),
            "tags": [{"key": t.get("key"), "value": t.get("value", "")} for t in live.get("tags") or []],
            "schedule": [{k: s[k] for k in ("type", "time_unit", "duration") if k in s} for s in live.get("schedule") or []] or None,
        }
        for path in not_echoed_paths(cls):
            _copy_path(previous or {}, flat, path)
        flat["state"] = run_state(str(live.get("status", "")))
        return cls.project(flat)


def _copy_path(source: dict[str, Any], target: dict[str, Any], path: tuple[str, ...]) -> None:
    value: Any = source
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return
        value = value[key]
    node = target
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = copy.deepcopy(value)
