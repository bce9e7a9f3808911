"""Deployment: a versioned group of identical replicas serving behind a service."""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar, Iterator, Literal

from pydantic import Field, ValidatorFunctionWrapHandler, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, no_angle_brackets, spec_field
from .common import NonBlank, UpgradeConfig, not_blank_if_set, rollout_shape
from .service import METRICS_PATH

DEPLOYMENT_NAME = r"^[A-Za-z0-9_-]+$"
UNIT_NAME = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
ENV_KEY = re.compile(r"^[A-Za-z_.-][A-Za-z0-9_.-]{0,63}$")
POOL_FLAVOR = r"^[A-Za-z0-9._-]{1,128}$"
VERSION = r"^\d{1,2}\.\d{1,2}\.\d{1,2}$"
MOUNT_PATH = re.compile(r"^/([A-Za-z0-9._/-]*/)?$")
PROBE_URL = r"^/[A-Za-z0-9_/:-]{0,1023}$"
PROBE_CMD_FORBIDDEN = "#~^$|%&*<>()'\"[]{}"
METRIC_PORT = r"^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"
MAX_INT32 = 2**31 - 1
MAX_FILE_MOUNTS = 15
MAX_DUMPS = 10
PUBLIC_POOL_REFUSED = ("must name a dedicated resource pool: the public pool cannot take an individual deployment "
                       "(one there cannot be added, started, stopped, scaled or upgraded on its own, only through "
                       "its service)")

# Set while a live deployment (as the API returns it) is read into the input shape: rules
# about what a user must give (a dedicated pool, a replica count the upgrade policy can
# work with) do not hold for what already runs, which must still show up as drift.
_READING_LIVE: ContextVar[bool] = ContextVar("reading_live_deployment", default=False)


@contextmanager
def _reading_live() -> Iterator[None]:
    token = _READING_LIVE.set(True)
    try:
        yield
    finally:
        _READING_LIVE.reset(token)


def _mount_path(value: str) -> str:
    if not MOUNT_PATH.match(value):
        raise ValueError("must start and end with '/' and hold only letters, digits, '-', '_', '.' or '/'")
    return value


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


class Image(Spec):
    source: Literal["SWR", "IMAGE"] = "SWR"
    """Where the image comes from: SWR (SoftWare Repository for Container) or IMAGE (an image managed by
    ModelArts)."""
    swr_path: NonBlank = Field(min_length=1, max_length=1024)
    """Address of the image, in the form its `source` uses (for SWR, the image path with its tag); not blank."""
    id: str | None = Field(default=None, max_length=64)
    """ID of the image in ModelArts."""
    category: Literal["GPU", "CPU", "ASCEND"] | None = None
    """Processor the image is built for; the platform assumes CPU when it is not given."""


class CustomSpec(Spec):
    cpu: float = Field(ge=0.01)
    """CPU cores of each instance, to two decimals."""
    memory: int = Field(ge=4)
    """Memory of each instance, in MB (at least 4)."""
    gpu: float | None = Field(default=None, ge=0)
    """GPUs of each instance; a fraction (two decimals) takes a share of a GPU."""
    ascend: int | None = Field(default=None, ge=0)
    """Ascend NPUs of each instance."""
    arch: Literal["x86", "arm64"] | None = None
    """CPU architecture of the nodes to run on."""


class Health(Spec):
    check_method: Literal["HTTP", "EXEC"] = "HTTP"
    """How the probe checks the container: HTTP sends a GET to `url` (a 200-399 answer passes); EXEC runs `cmd`
    in the container (exit code 0 passes)."""
    url: str | None = Field(default=None, pattern=PROBE_URL, max_length=1024)
    """Path the probe requests: '/' followed by letters, digits, '-', '_', '/' or ':' (no query string);
    required when check_method is HTTP."""
    cmd: str | None = Field(default=None, max_length=1024)
    """Command the probe runs, which must exist in the image; required when check_method is EXEC. It must not
    contain any of # ~ ^ $ | % & * < > ( ) ' " [ ] { }."""
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS"] | None = None
    """Protocol of the probe's request; it must match the protocol the container serves."""
    initial_delay_seconds: int = Field(default=30, ge=1, le=MAX_INT32)
    """Wait before the first probe, in seconds."""
    timeout_seconds: int = Field(default=30, ge=1, le=MAX_INT32)
    """Time one probe may take before it counts as failed, in seconds."""
    period_seconds: int = Field(default=10, ge=1, le=MAX_INT32)
    """Interval between two probes, in seconds."""
    failure_threshold: int = Field(default=3, ge=1, le=MAX_INT32)
    """Consecutive failed probes after which the check fails."""

    @field_validator("cmd")
    @classmethod
    def _plain_command(cls, value: str | None) -> str | None:
        not_blank_if_set(value)
        bad = sorted({ch for ch in value or "" if ch in PROBE_CMD_FORBIDDEN})
        if bad:
            raise ValueError(f"must not contain {' '.join(bad)}")
        return value

    @model_validator(mode="after")
    def _target(self) -> "Health":
        if self.check_method == "HTTP" and not self.url:
            raise ValueError("url: required when check_method is HTTP")
        if self.check_method == "EXEC" and not self.cmd:
            raise ValueError("cmd: required when check_method is EXEC")
        return self


class Mount(Spec):
    source: Literal["OBS", "OBSFS", "EFS", "LOCAL"]
    """Kind of storage, in any letter case: OBS (a bucket), OBSFS (an OBS parallel file system), EFS (an elastic
    file system such as SFS Turbo) or LOCAL (a directory of the host)."""
    address: str | None = Field(default=None, max_length=1024)
    """Address of the data in the storage, in that storage's form (e.g. obs://bucket/path/)."""
    mount_path: str = Field(max_length=255)
    """Container directory the storage is mounted at: it starts and ends with '/', holds only letters, digits,
    '-', '_', '.' and '/', is used by no other mount of the unit and does not lie inside another mount."""
    host_cache: bool | None = None
    """Whether the data is cached on the node's local disk to load faster."""
    efs_sub_path: str | None = None
    """Sub-directory of the file system to mount, for source EFS."""
    read_only: bool | None = None
    """Whether the container can only read the mounted data."""
    os_warm_up: bool | None = None
    """Whether the data is pre-warmed on the resource pool's nodes (named by source_name); replicas are then
    placed on pre-warmed nodes only."""
    source_name: str | None = Field(default=None, max_length=64)
    """Name of the pre-warmed data (at most 64 characters); required when os_warm_up is true."""

    _slashes = field_validator("mount_path")(classmethod(lambda cls, v: _mount_path(v)))
    _source_case = field_validator("source", mode="before")(classmethod(lambda cls, v: _upper(v)))
    _source_name_given = field_validator("source_name")(classmethod(lambda cls, v: not_blank_if_set(v)))

    @model_validator(mode="after")
    def _warm_up_source(self) -> "Mount":
        if self.os_warm_up and not self.source_name:
            raise ValueError("source_name: required when os_warm_up is true")
        return self


class ModelMount(Mount):
    asset_id: str | None = None
    """ID of the platform asset (a preset model) to use; required when the model comes from the asset
    catalogue."""


class Dump(Spec):
    source: Literal["OBS", "OBSFS"]
    """Storage the artifacts are dumped to, in any letter case: an OBS bucket or an OBS parallel file system."""
    address: str | None = Field(default=None, max_length=1024)
    """OBS address (obs:// or https) the artifacts are written to; not the bucket or file system of a file or
    model mount."""
    mount_path: str = Field(max_length=255)
    """Container directory whose artifacts are dumped: it starts and ends with '/', holds only letters, digits,
    '-', '_', '.' and '/', and is used by no other mount of the unit."""

    _slashes = field_validator("mount_path")(classmethod(lambda cls, v: _mount_path(v)))
    _source_case = field_validator("source", mode="before")(classmethod(lambda cls, v: _upper(v)))


class TerminationGrace(Spec):
    pre_stop_cmd: str | None = Field(default=None, max_length=255)
    """Command run in the container when it is asked to stop (to close connections, flush files...); it must
    finish within termination_grace_period_seconds."""
    termination_grace_period_seconds: int | None = Field(default=None, ge=0, le=3600)
    """Longest time between the stop signal and a forced kill of the container, in seconds (at most an
    hour)."""


class SecurityConfig(Spec):
    user_id: int | None = Field(default=None, ge=1, le=60000)
    """User ID the container runs as."""
    group_id: int | None = Field(default=None, ge=1, le=60000)
    """Group ID the container runs as."""


class Affinity(Spec):
    affinity_type: Literal["AFFINITY", "ANTI_AFFINITY"]
    """AFFINITY places the unit on the target nodes; ANTI_AFFINITY keeps it off them."""
    required: bool
    """Whether the rule is strict (the unit stays unscheduled rather than break it) or only a preference."""
    selection_mode: Literal["IP"] = "IP"
    """How targets names the nodes: IP, by their IP addresses."""
    targets: dict[str, str] = Field(max_length=20)
    """The nodes the rule is about, named as selection_mode says."""


class UnitConfig(Spec):
    image: Image
    """Container image the unit runs."""
    flavor: NonBlank | None = None
    """Resource flavor (preset spec) of each instance of the unit, or 'custom' with custom_spec. A unit needs a
    flavor, a pool_resource_flavor or a custom_spec."""
    custom_spec: CustomSpec | None = None
    """Resources of each instance when no preset flavor fits; needs flavor 'custom' (or none) and a dedicated
    pool (pool_id)."""
    pool_resource_flavor: str | None = Field(default=None, pattern=POOL_FLAVOR)
    """Flavor of the dedicated pool's node pool to run on; with several units, all must use the same node
    pool."""
    name: str | None = Field(default=None, max_length=16, pattern=UNIT_NAME)
    """Name of the unit, such as that of a prefill or decode role; the platform's intelligent O&M of multi-role
    deployments relies on it."""
    role: str | None = None
    """Role of the unit; COMMON is the documented value."""
    count: int | None = Field(default=None, ge=1, le=128)
    """Resource instances of the flavor in each replica of the unit (e.g. 4 instances of an 8-card flavor for
    32 cards)."""
    group_count: int | None = Field(default=None, ge=1, le=100)
    """Replicas of the unit in each deployment replica; ignored for deploy_type SINGLE and workload_type
    DEPLOYMENT."""
    cmd: str | None = Field(default=None, max_length=4096)
    """Command that starts the container."""
    port: int | None = Field(default=None, ge=1, le=65535)
    """Port of the unit's container."""
    envs: dict[str, str] = Field(default_factory=dict)
    """Environment variables of the container. Names are 1-64 letters, digits, '_', '-' and '.' and do not
    start with a digit; values must not contain HTML ('<' or '>'). Put secrets in mounted secrets, not here."""
    readiness_health: Health | None = None
    """Readiness probe: while it fails, the instance is taken out of load balancing."""
    startup_health: Health | None = None
    """Startup probe: the other probes wait until it passes, and a failure restarts the instance. Without it,
    a replica counts as running as soon as it is scheduled."""
    liveness_health: Health | None = None
    """Liveness probe: a failure restarts the instance."""
    recovery: Literal["Instance", "Role", "Pod"] | None = None
    """What the platform rebuilds when a pod restarts after a fault or change: the whole deployment replica
    (Instance), the unit (Role) or the pod alone (Pod); unset, it rebuilds nothing."""
    npu_reset_enable: bool | None = None
    """Whether the platform recovers from NPU and hardware faults on its own, moving the work off the faulty
    node."""
    cpu_affinity: bool | None = None
    """Whether the container is bound to fixed CPU cores for speed."""
    termination_grace: TerminationGrace | None = None
    """Graceful shutdown: a stop command and the time a stopping container gets; identical for every unit of a
    multi-role deployment."""
    security_config: SecurityConfig | None = None
    """User and group IDs the container runs as."""
    affinity: Affinity | None = None
    """Node affinity or anti-affinity of the unit; it takes precedence over the deployment's
    schedule_strategy."""
    files: list[Mount] | None = Field(default=None, max_length=MAX_FILE_MOUNTS)
    """Storage mounted into the container: model weights, code and other data (at most 15 mounts)."""
    models: list[ModelMount] | None = Field(default=None, max_length=MAX_FILE_MOUNTS)
    """Model storage to mount (at most 15); deprecated by the platform in favour of `files`."""
    dumps: list[Dump] | None = Field(default=None, max_length=MAX_DUMPS)
    """Container directories whose artifacts are dumped to OBS (at most 10)."""

    @field_validator("envs")
    @classmethod
    def _env_names(cls, envs: dict[str, str]) -> dict[str, str]:
        for key, value in envs.items():
            if not ENV_KEY.match(key):
                raise ValueError(f"env name {key!r} must be 1-64 of [A-Za-z0-9_.-] and not start with a digit")
            if "<" in value or ">" in value:
                raise ValueError(f"env {key!r} must not contain HTML ('<' or '>')")
        return envs

    @model_validator(mode="after")
    def _resources(self) -> "UnitConfig":
        if self.custom_spec is not None and self.flavor not in (None, "custom"):
            raise ValueError("custom_spec: set flavor to 'custom' (or leave it out) when giving a custom spec")
        if self.custom_spec is None and self.flavor == "custom":
            raise ValueError("custom_spec: required when flavor is 'custom'")
        if self.custom_spec is None and not self.flavor and not self.pool_resource_flavor:
            raise ValueError("flavor: give a flavor, a pool_resource_flavor or a custom_spec")
        return self

    @model_validator(mode="after")
    def _one_mount_per_path(self) -> "UnitConfig":
        seen: dict[str, str] = {}
        for key in ("files", "models", "dumps"):
            for index, mount in enumerate(getattr(self, key) or []):
                where = f"{key}[{index}]"
                if mount.mount_path in seen:
                    raise ValueError(f"{where}.mount_path: {mount.mount_path!r} is already the mount path of "
                                     f"{seen[mount.mount_path]}; each mount needs its own directory")
                seen[mount.mount_path] = where
        return self


class AdvancedConfig(Spec):
    port: int = Field(default=8080, ge=1, le=65535)
    """Port the image listens on for inference requests."""
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS", "TCP", "NA"] = "HTTP"
    """Protocol the containers serve: HTTP or HTTPS behind an HTTP(S) service, the service's own protocol
    behind a WebSocket one; TCP, or NA for none."""
    upgrade_config: UpgradeConfig = Field(default_factory=UpgradeConfig)
    """Pace of the deployment's rolling upgrades."""
    deploy_timeout_minutes: int | None = Field(default=None, ge=1, le=300)
    """Time a replica may take to be deployed and start, in minutes, before the deployment fails."""
    dynamic_routing_enable: bool | None = None
    """Whether intelligent routing picks the replica for each request, following `strategy`."""
    strategy: Literal["ROUND_ROBIN", "ORIGIN_IP_HASH", "MIN_CONN", "MIN_FIRST_TOKEN_TIME", "COMPOSITE", "SLO_BASED"] | None = None
    """Intelligent routing policy: ROUND_ROBIN, ORIGIN_IP_HASH, MIN_CONN, MIN_FIRST_TOKEN_TIME, COMPOSITE
    (overall load, which reads the metric_api_* endpoint) or SLO_BASED."""
    ems_enable: bool | None = None
    """Whether EMS acceleration is on for the deployment."""
    metric_api_scheme: Literal["HTTP", "HTTPS"] | None = None
    """Protocol of the containers' metrics endpoint that intelligent routing reads."""
    metric_api_port: str | None = Field(default=None, pattern=METRIC_PORT)
    """Port of the containers' metrics endpoint that intelligent routing reads, '1' to '65535'."""
    metric_api_path: str | None = None
    """Path of the containers' metrics endpoint that intelligent routing reads."""
    custom_metrics_path: str | None = Field(default=None, max_length=255, pattern=METRICS_PATH)
    """Where the platform collects custom metrics from the containers, as 'protocol,port,path' (e.g.
    'http,8080,metrics')."""
    mooncake_enable: bool | None = None
    """Whether the Mooncake cache is on for the deployment."""


# The fields of a deployment update request (GroupConfigUpdateRequest) that a
# deployment GET echoes back. An update carries them all: a field the model
# does not declare keeps its live value.
UPDATE_REQUEST_FIELDS = ("name", "pool_id", "framework", "count", "weight", "deploy_type", "system_log_dump_enable",
                         "unit_configs", "secret_type", "secret_name", "priority", "high_avail_switch", "description",
                         "advanced_config", "model", "mirror_traffic_enable", "mirror_traffic_weight",
                         "deployment_task_limit", "schedule_strategy")


class DeploymentSpec(Spec):
    unlisted_change: ClassVar[Action] = Action.ROLLING_UPGRADE

    # Anything not declared otherwise below (image, flavor, env, pool, probes,
    # mounts, ports, upgrade policy...) rolls out as a new deployment version.
    service_id: NonBlank = spec_field(change=Action.REPLACE, why="a deployment belongs to one service for life",
                                      api=False, min_length=1)
    """ID of the service the deployment serves behind."""
    name: str = spec_field(change=Action.REPLACE, on_update=True, min_length=1, max_length=128,
                           pattern=DEPLOYMENT_NAME,
                           why="deployments are addressed by name (scale, instances); renaming is not supported")
    """Name of the deployment within its service: 1-128 letters, digits, '-' or '_'."""
    # Replica count alone: no new version.
    count: int = spec_field(1, change=Action.SCALE, ge=1, le=128)
    """Number of replicas. While an enabled ScalingRule of the deployment is active, the rule owns the count
    and the provider leaves the live value alone."""
    weight: int | None = spec_field(None, change=Action.TRAFFIC, ge=0, le=100)
    """Share of the service's live traffic, relative to the other deployments' weights (all 0: an even split).
    Unset leaves it to whatever owns traffic (a TrafficShift or CanaryRelease)."""
    initial_weight: int | None = spec_field(None, api=False, create_only=True, ge=0, le=100)
    """Weight the deployment is created with when `weight` is unset, e.g. 0 for a canary that a CanaryRelease
    then moves up; unset too, a new deployment takes the full weight (100)."""
    pool_id: str = Field(max_length=128)
    """ID of the dedicated resource pool to run on (at most 128 characters). Required: a deployment on the
    public pool cannot be added, started, stopped, scaled or upgraded on its own."""
    framework: Literal["COMMON", "VLLM", "MINDIE"] = "COMMON"
    """Serving framework of the deployment: COMMON (any image), VLLM or MINDIE."""
    deploy_type: Literal["SINGLE", "MULTI"] | None = None
    """Whether each replica runs on a single node (SINGLE) or spans several (MULTI); only MULTI deployments may
    have more than one unit."""
    workload_type: Literal["DEPLOYMENT", "LWS"] | None = spec_field(
        None, change=Action.REPLACE, why="the update API does not accept a workload type")
    """Kind of workload that runs the replicas: DEPLOYMENT, or LWS (a leader-worker set, for replicas spread
    over several nodes)."""
    schedule_strategy: Literal["HIGH_AVAILABILITY", "HIGH_UTILIZATION", "HIGH_PERFORMANCE"] | None = None
    """How a dedicated pool places the replicas: spread over nodes (HIGH_AVAILABILITY, the platform's choice
    when unset), packed onto few nodes (HIGH_UTILIZATION) or HIGH_PERFORMANCE."""
    high_avail_switch: bool | None = None
    """Older switch that spreads replicas over nodes; the platform is retiring it in favour of
    schedule_strategy."""
    priority: int | None = Field(default=None, ge=1, le=3)
    """Scheduling priority on a dedicated pool, 3 the highest; while the deployment runs, the API accepts only
    its current value."""
    secret_type: Literal["dew", "agency"] | None = None
    """Credentials the deployment uses for storage and log reporting: a DEW secret (`dew`, named by
    secret_name) or temporary agency credentials (`agency`, which need a recent Everest add-on and cluster)."""
    secret_name: NonBlank | None = None
    """Name of the DEW secret holding the credentials; required when secret_type is 'dew'."""
    system_log_dump_enable: bool | None = None
    """Whether system logs are dumped for 30 days to a fixed parallel file system mount; physical NPU pools
    only."""
    description: str = spec_field("", change=Action.UPDATE, max_length=512)
    """Free text about the deployment; it must not contain '<' or '>'."""
    mirror_traffic_enable: bool | None = spec_field(None, change=Action.TRAFFIC)
    """Whether the deployment gets a copy of live traffic (its answers discarded) instead of a share of it;
    synchronous HTTP or HTTPS services only, and one deployment must still take live traffic."""
    mirror_traffic_weight: int | None = spec_field(None, change=Action.TRAFFIC, ge=0, le=100)
    """Percentage of the live traffic copied to the deployment while mirroring is on."""
    model: ModelMount | None = None
    """Where the model comes from: a storage mount of its weights, or a platform asset (asset_id)."""
    unit_configs: list[UnitConfig] = Field(min_length=1)
    """Inference units of each replica: one for a SINGLE deployment, several (such as prefill and decode units)
    for MULTI."""
    advanced_config: AdvancedConfig = Field(default_factory=AdvancedConfig)
    """Container port and protocol, rolling-upgrade pace, deployment timeout, routing and metrics settings."""
    state: Literal["running", "stopped"] | None = spec_field(None, change=Action.START_STOP, api=False)
    """Run state the provider keeps the deployment in; unset leaves it alone."""

    _description = field_validator("description")(no_angle_brackets)

    @model_validator(mode="before")
    @classmethod
    def _pool_given(cls, data: Any) -> Any:
        # A missing pool_id is judged by the field's own validator, which says why it is needed.
        if isinstance(data, dict) and data.get("pool_id") is None:
            data = {**data, "pool_id": None}
        return data

    @field_validator("pool_id", mode="wrap")
    @classmethod
    def _dedicated_pool(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if value is None:
            if _READING_LIVE.get():
                return None  # a live deployment may run on the public pool
            raise ValueError(PUBLIC_POOL_REFUSED)
        value = handler(value)
        if not value.strip():
            raise ValueError("must not be blank (only whitespace); it " + PUBLIC_POOL_REFUSED)
        return value

    @model_validator(mode="after")
    def _consistency(self) -> "DeploymentSpec":
        if self.secret_type == "dew" and not self.secret_name:
            raise ValueError("secret_name: required when secret_type is 'dew'")
        if self.deploy_type != "MULTI" and len(self.unit_configs) > 1:
            raise ValueError("unit_configs: only MULTI deployments have more than one unit")
        return self

    @model_validator(mode="after")
    def _rollout_possible(self) -> "DeploymentSpec":
        if _READING_LIVE.get():
            return self  # the live count may have been scaled since
        rolling = self.advanced_config.upgrade_config.rolling_update
        shape = rollout_shape(self.count, rolling)
        if shape.surge == 0 and shape.unavailable == 0:
            raise ValueError(f"advanced_config.upgrade_config.rolling_update.max_unavailable: "
                             f"{rolling.max_unavailable} of {self.count} replica(s) rounds down to 0 while max_surge "
                             f"is 0%, so a rolling upgrade could never replace a replica; raise one of them")
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
        """The live deployment in input shape; one on the public pool reads with pool_id None."""
        with _reading_live():
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
