"""Service: the stable entry point (URL, auth, limits) that deployments serve behind."""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, no_angle_brackets, not_echoed_paths, spec_field
from ..statuses import run_state
from .common import NonBlank, Tag, UpgradeConfig

SERVICE_NAME = r"^[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}$"
METRICS_PATH = r"^(http|https),([1-9][0-9]{0,4}),[A-Za-z0-9._-][A-Za-z0-9._/-]*$"



class RateLimit(Spec):
    num: int = Field(ge=1, le=10000)
    """Most requests the service accepts per `unit` of time; requests above it are refused."""
    unit: Literal["SECONDS", "MINUTES"] = "SECONDS"
    """Time window that `num` counts requests in."""


class FuseConfig(Spec):
    error_rate_fuse_enable: bool = False
    """Whether a circuit breaker stops calls when the error rate of the service reaches error_rate_threshold."""
    error_rate_threshold: float | None = Field(default=None, gt=0, le=1)
    """Error rate (a fraction of the requests, kept to two decimals) that trips the circuit breaker."""


class ElbConnection(Spec):
    elb_id: NonBlank = Field(min_length=1)
    """ID of your load balancer in Elastic Load Balance (ELB) that the service is connected to; not blank."""
    m_tls: bool | None = None
    """Whether the load balancer's HTTPS listener also authenticates clients (mutual TLS); only with service
    protocol HTTPS or WSS."""
    ca_cert_id: str | None = None
    """ID of the certificate the HTTPS listener checks client certificates with; only with service protocol
    HTTPS or WSS."""
    server_cert_id: str | None = None
    """ID of the server certificate the HTTPS listener presents; only with service protocol HTTPS or WSS."""
    sni_cert_ids: list[str] | None = None
    """IDs of the SNI certificates of the HTTPS listener, chosen by the host name a client asks for; only with
    service protocol HTTPS or WSS."""


class SecretVolume(Spec):
    secret_name: str | None = None
    """Name of the secret; for a DEW secret, the secret in Data Encryption Workshop to mount."""
    secret_key: str = Field(min_length=1, max_length=63, pattern=r"^[A-Za-z0-9._-]+$")
    """Key of the secret value; must not start with '..'."""
    secret_value: NonBlank = Field(min_length=1, max_length=32768)
    """The secret value, base64-encoded and not blank; pass it as a Pulumi secret so it stays encrypted in the
    state."""
    mount_path: str = Field(max_length=255, pattern=r"^/(.*/)?$")
    """Container directory the secret is mounted in: a new directory, neither inside nor around the path of
    another secret."""


    @field_validator("secret_key")
    @classmethod
    def _not_dotdot(cls, value: str) -> str:
        if value.startswith(".."):
            raise ValueError("must not start with '..'")
        return value


class ServiceSecret(Spec):
    secret_enable: bool = False
    """Whether secrets are mounted into the service's containers."""
    secret_type: Literal["custom", "dew"] | None = None
    """Where the secrets come from: custom (the values given in secret_volumes) or dew (secrets kept in Data
    Encryption Workshop)."""
    secret_volumes: list[SecretVolume] | None = Field(default=None, max_length=30)
    """The secrets to mount, each at its own path."""
    group_enable: bool | None = None
    """Whether the mounted secret files belong to a user group of the image (group_id), so that only that
    group can read them."""
    group_id: int | None = Field(default=None, ge=1000, le=4294967294)
    """ID of the image's user group that owns the mounted secret files, with group_enable."""


class ServiceInvoke(Spec):
    port: int = Field(default=8080, ge=1, le=65535)
    """Port number of the service's inference endpoint."""
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS"] = "HTTPS"
    """Protocol the service is called with; WS and WSS make it a WebSocket service. Asynchronous services take
    only HTTP or HTTPS, and the TLS settings of elb_connection need HTTPS or WSS."""
    auth_type: Literal["API_KEY", "TOKEN", "NONE"] = "API_KEY"
    """How callers authenticate: API_KEY (a bearer API key; ApiKeys can be bound only to such services), TOKEN
    (a project-scoped IAM token) or NONE (anyone who reaches the URL may call)."""
    internet_access_enable: bool | None = None
    """Whether the service can be called from the internet through its public URL."""
    intranet_approval_enable: bool | None = None
    """Whether private network connections to the service wait for the owner's approval; when off they are
    approved automatically."""
    dynamic_routing_enable: bool | None = None
    """Whether intelligent routing picks the replica for each request, following `strategy`."""
    strategy: Literal["ROUND_ROBIN", "ORIGIN_IP_HASH", "MIN_CONN", "MIN_FIRST_TOKEN_TIME", "COMPOSITE", "SLO_BASED"] | None = None
    """Intelligent routing policy: round robin, source-IP hash, fewest connections, shortest time to first token,
    overall load (COMPOSITE, which reads the metric_api_* endpoint) or SLO priority."""
    metric_api_scheme: Literal["HTTP", "HTTPS"] | None = None
    """Protocol of the containers' metrics endpoint that intelligent routing reads."""
    metric_api_port: str | None = Field(default=None, pattern=r"^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$")
    """Port of the containers' metrics endpoint that intelligent routing reads."""
    metric_api_path: str | None = None
    """Path of the containers' metrics endpoint that intelligent routing reads."""
    ems_enable: bool | None = None
    """Whether EMS acceleration is on for the service."""
    request_retry_enable: bool | None = None
    """Whether the platform's request proxy dispatches a failed request again."""
    request_retry_cnt_max: int | None = Field(default=None, ge=1, le=10)
    """How many times the proxy retries a failed request, with request_retry_enable."""
    request_retry_interval_ms: int | None = Field(default=None, ge=1, le=10000)
    """Wait between two retries of a request, in milliseconds."""
    fuse_configs: FuseConfig | None = None
    """Circuit breaker that stops calls when too many of them fail."""
    elb_connection: ElbConnection | None = None
    """Connection of the service to a load balancer of yours, with the TLS settings of its HTTPS listener."""
    # Accepted by create/update, never returned by GET.
    custom_urls: list[str] | None = spec_field(None, echoed=False, max_length=10)
    """Custom addresses the service can also be called at."""

    @model_validator(mode="after")
    def _tls_needs_tls(self) -> "ServiceInvoke":
        elb = self.elb_connection
        if elb and (elb.m_tls or elb.ca_cert_id or elb.server_cert_id or elb.sni_cert_ids) \
                and self.protocol not in ("HTTPS", "WSS"):
            raise ValueError("elb_connection: TLS settings need protocol HTTPS or WSS")
        return self


class ServiceLimit(Spec):
    rate_limit: RateLimit = Field(default_factory=lambda: RateLimit(num=100))
    """Cap on the number of requests the service accepts per second or minute."""
    request_size_limit: int = Field(default=12, ge=1, le=50)
    """Largest request the service accepts, in MB."""
    request_timeout: int = Field(default=60, ge=1, le=7200)
    """How long a request may wait for the first byte of its response, in seconds; a streamed response restarts
    the wait with every chunk."""
    ip_white_list: list[str] | None = Field(default=None, max_length=10)
    """Source IP addresses or CIDR blocks allowed to call the service, all others being refused; not together
    with ip_black_list."""
    ip_black_list: list[str] | None = Field(default=None, max_length=10)
    """Source IP addresses or CIDR blocks refused by the service; not together with ip_white_list."""

    @model_validator(mode="after")
    def _one_access_list(self) -> "ServiceLimit":
        if self.ip_white_list and self.ip_black_list:
            raise ValueError("ip_black_list: not together with ip_white_list (the two are exclusive: set one of "
                             "them)")
        return self


class ServerTaskLimit(Spec):
    max_task: int = Field(ge=0, le=10000)
    """Most tasks an asynchronous service holds at a time; finished, failed, timed-out and deleted tasks do not
    count."""


class RuntimeConfig(Spec):
    service_invoke: ServiceInvoke = Field(default_factory=ServiceInvoke)
    """How the service is called: port, protocol, authentication, network access and request routing."""
    service_limit: ServiceLimit = Field(default_factory=ServiceLimit)
    """Limits on the requests the service accepts: rate, size, time and source addresses."""
    # Secret values are never read back.
    service_secret: ServiceSecret | None = spec_field(None, echoed=False)
    """Secrets mounted into the service's containers."""
    server_task_limit: ServerTaskLimit | None = None
    """Task quota of an asynchronous service: required when the service type is ASYNC_REAL_TIME, refused
    otherwise."""
    smart_routing_enable: bool | None = None
    """Whether smart traffic splitting is on for the service."""


class LtsFile(Spec):
    log_path: str = Field(pattern=r"^/", max_length=512)
    """Path in the container where the log files are written."""
    file_pattern: NonBlank = Field(min_length=1, max_length=255)
    """Name pattern of the log files to collect, not blank; it must not match archives (.gz, .tar, .zip)."""

    @field_validator("file_pattern")
    @classmethod
    def _plain_files(cls, value: str) -> str:
        if value.endswith((".gz", ".tar", ".zip")):
            raise ValueError("must not match archives (.gz, .tar, .zip)")
        return value


class LogConfig(Spec):
    type: Literal["STDOUT", "EVENT", "FILE"]
    """Which logs go to Log Tank Service (LTS): STDOUT (container output), EVENT (Kubernetes events) or FILE
    (log files in the containers); one config per type."""
    status: Literal["ON", "OFF"] = "ON"
    """Whether these logs are sent to LTS."""
    log_group_id: str | None = None
    """Your LTS log group to write to; the platform creates one when it is not given."""
    log_stream_id: str | None = None
    """Your LTS log stream to write to; the platform creates one when it is not given."""
    files: list[LtsFile] | None = Field(default=None, max_length=10)
    """The log files to collect, for type FILE."""


class AutoStop(Spec):
    type: Literal["STOP"] = "STOP"
    """What the timer does when it expires: STOP the service, the only action."""
    time_unit: Literal["MINUTES", "HOURS", "DAYS"] = "HOURS"
    """Unit of `duration`."""
    duration: int = Field(ge=1)
    """How long the service runs before the platform stops it, in time_unit; 1 minute to 7 days in all."""

    @model_validator(mode="after")
    def _within_a_week(self) -> "AutoStop":
        minutes = self.duration * {"MINUTES": 1, "HOURS": 60, "DAYS": 1440}[self.time_unit]
        if not 1 <= minutes <= 7 * 1440:
            raise ValueError(f"duration: auto-stop must be between 1 minute and 7 days in all, got {self.duration} "
                             f"{self.time_unit.lower()}")
        return self


class ServiceSpec(Spec):
    name: str = Field(pattern=SERVICE_NAME)
    """Service name; no two services may share it until one of them is deleted."""
    type: Literal["REAL_TIME", "ASYNC_REAL_TIME"] = spec_field(
        "REAL_TIME", change=Action.REPLACE, why="the call mode (sync/async) of a service is fixed at creation")
    """Call mode: REAL_TIME answers each request directly; ASYNC_REAL_TIME queues requests as tasks and needs
    runtime_config.server_task_limit and protocol HTTP or HTTPS."""
    deploy_type: Literal["SINGLE", "MULTI"] = spec_field(
        "SINGLE", change=Action.REPLACE, why="single/multi-node deployment type is fixed at creation")
    """Whether each replica of the service's deployments runs on a single node (SINGLE) or spans several
    (MULTI)."""
    workload_type: Literal["DEPLOYMENT", "LWS"] | None = spec_field(
        None, change=Action.REPLACE, why="the workload type is fixed at creation", echoed=False)
    """Kind of workload that runs the replicas: DEPLOYMENT, or LWS (a leader-worker set, for replicas spread
    over several nodes)."""
    description: str = Field(default="", max_length=512)
    """Free text about the service; it must not contain '<' or '>'."""
    workspace_id: NonBlank = spec_field("0", change=Action.REPLACE, why="a service cannot move between workspaces",
                                        min_length=1, max_length=64)
    """ModelArts workspace the service belongs to: '0' for the default workspace, else a workspace ID (at most 64
    characters)."""
    task_type: Literal["TEXT_GENERATION", "IMAGE_UNDERSTANDING", "VIDEO_GENERATION", "IMAGE_GENERATION",
                       "RERANK", "VECTOR_MODEL", "EMBEDDING"] | None = None
    """Kind of model the service serves (text generation, reranking, embedding...), which the console's
    evaluation and live comparison rely on."""
    runtime_config: RuntimeConfig = Field(default_factory=RuntimeConfig)
    """How the service is called and what it accepts: invocation, request limits, secrets, task quota."""
    upgrade_config: UpgradeConfig | None = None
    """Service-level pace of rolling upgrades; each deployment has its own in advanced_config.upgrade_config."""
    lts_strategy: Literal["POOL", "AUTO_CREATE", "DEFAULT"] | None = None
    """Where logs go in Log Tank Service (LTS): POOL uses the log stream of the resource pool's log plug-in,
    AUTO_CREATE creates a stream, DEFAULT lets the platform choose."""
    # GET echoes the types and statuses but not the file lists.
    log_configs: list[LogConfig] | None = spec_field(None, echoed=False, max_length=3)
    """Which logs are sent to LTS; at most one config per log type."""
    # Changed through the tag API, which leaves the service version alone.
    tags: list[Tag] = spec_field(default_factory=list, change=Action.UPDATE, update_via="tag API", max_length=20)
    """Key-value tags on the service; each key at most once."""
    schedule: list[AutoStop] | None = Field(default=None, max_length=1)
    """Auto-stop timer: the platform stops the service once it has run for the given time."""
    custom_metrics_path: str | None = spec_field(None, echoed=False, max_length=255, pattern=METRICS_PATH)
    """Where the platform collects custom metrics from the containers, as 'protocol,port,path' (e.g.
    'http,8080,metrics'); it must match what the image serves, or no metrics arrive."""
    deploy_timeout_minutes: int | None = Field(default=None, ge=0, le=300)
    """Service-level deployment timeout in minutes, kept by the API for compatibility; prefer each deployment's
    advanced_config.deploy_timeout_minutes."""
    state: Literal["running", "stopped"] | None = spec_field(None, change=Action.START_STOP, api=False)
    """Run state the provider keeps the service in; unset leaves it to the deployments."""

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
