"""Service: one or more published models deployed behind one v1 service (real-time, batch or edge).

Field names are the v1 API's own (seed 000 for create, seed 001 for update),
so a validated spec dumps straight into a request body. The update API takes
only `description`, `schedule`, `config`, `additional_properties` and `status`:
every other service setting is replace-only, declared so on its field with
the reason. In `config[]`, `deploy_timeout_in_seconds` and `affinity` are not
in the update table either and are replace-only too.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ....core.actions import Action
from ....core.spec import Spec, not_echoed_paths, spec_field
from ..statuses import run_state
from .common import CUSTOM, NAME, NAME_RULE, NonBlank, matching, not_blank_if_set, without

SERVICE_DESCRIPTION_FORBIDDEN = "!<>+&\"'"
SPECIFICATION = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
SPECIFICATION_RULE = "a flavor id (e.g. modelarts.vm.cpu.2u) or custom"
REAL_TIME, BATCH, EDGE = "real-time", "batch", "edge"
MAX_INSTANCES = 128  # seed 000; the update table's 5 is taken as stale (domain-spec A14)
# A deploy timeout of 3 to 120 minutes, as the console allows (seed 003 2.4.2), in seconds.
MIN_DEPLOY_TIMEOUT, MAX_DEPLOY_TIMEOUT = 3 * 60, 120 * 60
MAX_AUTO_STOP_MINUTES = 24 * 60  # seed 003 2.4.2: a custom auto stop is 1 to 24 hours away
UNIT_MINUTES = {"MINUTES": 1, "HOURS": 60, "DAYS": 24 * 60}
SMN_EVENTS = {1: "failed", 3: "running", 7: "concerning", 11: "pending"}
# Container paths a volume may not be mounted on (seed 000 Table 9: "such as / and /var/run").
SYSTEM_DIRS = frozenset({"/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/run",
                         "/sbin", "/sys", "/usr", "/var", "/var/run"})

# Why the create-only settings cannot change: the update API does not take them (seed 001).
NOT_IN_UPDATE = "the v1 update API does not take it (seed 001): only a new service can change it"


def create_only(default: Any = None, **kwargs: Any) -> Any:
    """A setting the update API does not take."""
    return spec_field(default, change=Action.REPLACE, why=NOT_IN_UPDATE, **kwargs)


# ----- small parts -----------------------------------------------------------------------------

class Schedule(Spec):
    type: Literal["stop"] = "stop"
    """What happens when the timer expires: 'stop' the service, the only action."""
    time_unit: Literal["DAYS", "HOURS", "MINUTES"]
    """Unit of `duration`."""
    duration: int = Field(ge=1)
    """How long the service runs before the platform stops it, in time_unit: at most 24 hours in all."""

    @model_validator(mode="after")
    def _within_a_day(self) -> "Schedule":
        if self.duration * UNIT_MINUTES[self.time_unit] > MAX_AUTO_STOP_MINUTES:
            raise ValueError(f"duration: an auto stop may be at most 24 hours away (1 DAYS, 24 HOURS or 1440 "
                             f"MINUTES), got {self.duration} {self.time_unit}")
        return self


class CustomFlavor(Spec):
    cpu: float = Field(ge=0.01)
    """CPU cores, at least 0.01; the platform keeps two decimals."""
    memory: int = Field(ge=1)
    """Memory in MB."""
    gpu_p4: float | None = Field(default=None, ge=0)
    """GPUs (may be a fraction, two decimals kept); not together with ascend_a310."""
    ascend_a310: int | None = Field(default=None, ge=0)
    """Ascend chips; not together with gpu_p4."""

    @field_validator("cpu", "gpu_p4")
    @classmethod
    def _two_decimals(cls, value: float | None) -> float | None:
        # The platform rounds at the third decimal: keep what it will show, so no drift appears.
        return None if value is None else round(value, 2)

    @model_validator(mode="after")
    def _one_accelerator(self) -> "CustomFlavor":
        if self.gpu_p4 is not None and self.ascend_a310 is not None:
            raise ValueError("ascend_a310: either gpu_p4 or ascend_a310 may be set, not both")
        return self


def _mount_path(value: str) -> str:
    if not value.startswith("/"):
        raise ValueError("must be an absolute path")
    if value.rstrip("/") in SYSTEM_DIRS or value == "/":
        raise ValueError("must not be a system directory such as / or /var/run")
    return value


class LogVolume(Spec):
    host_path: NonBlank = Field(min_length=1, max_length=1024)
    """Directory on the host the logs are written to."""
    mount_path: str = Field(min_length=1, max_length=1024)
    """Directory in the container where the logs are; absolute, not a system directory."""

    _mount = field_validator("mount_path")(lambda cls, v: _mount_path(v))


class PersistentVolume(Spec):
    name: str | None = Field(default=None, min_length=1, max_length=1024)
    """Name of the volume."""
    mount_path: str = Field(min_length=1, max_length=1024)
    """Where the volume is mounted in the container (e.g. /tmp); absolute, not a system directory such as /
    or /var/run, best an empty one."""
    storage_type: Literal["sfs_turbo"] | None = None
    """Kind of storage: sfs_turbo."""
    source_address: str | None = Field(default=None, min_length=1, max_length=1024)
    """What is mounted: the SFS Turbo ID."""

    _mount = field_validator("mount_path")(lambda cls, v: _mount_path(v))


class ModelAdditionalProperties(Spec):
    log_volume: list[LogVolume] | None = None
    """Host directories mounted for logs; only on a dedicated resource pool."""
    max_surge: float | None = Field(default=None, gt=0)
    """Instances a rolling upgrade may add: below 1 a share of the instances, from 1 a number (platform
    default 1)."""
    max_unavailable: float | None = Field(default=None, ge=0)
    """Instances a rolling upgrade may take away: below 1 a share of the instances, from 1 a number
    (platform default 0)."""
    termination_grace_period_seconds: int | None = Field(default=None, ge=0)
    """How long a container may take to stop gracefully, in seconds."""
    persistent_volumes: list[PersistentVolume] | None = None
    """Persistent storage mounted into the containers."""


class AffinityNode(Spec):
    name: NonBlank = Field(min_length=1, max_length=128)
    """Node name: the node's private IP address."""


class AffinityPool(Spec):
    pool_name: NonBlank = Field(min_length=1, max_length=64)
    """The pool the nodes are in: the pool the service is deployed in (config or service pool_name)."""
    nodes: list[AffinityNode]
    """The nodes of the pool the instances are scheduled to."""


class NodeAffinity(Spec):
    mode: Literal["required", "preferred"]
    """'required': instances run only on the named nodes (scheduling fails without them); 'preferred': on
    them when they can."""
    pool_infos: list[AffinityPool] | None = None
    """The pools and nodes the affinity names."""


class ServiceAffinity(Spec):
    node_affinity: NodeAffinity | None = None
    """Which nodes the instances are scheduled to."""


# ----- a model's configuration in the service -----------------------------------------------------

class ServiceConfig(Spec):
    model_id: NonBlank = Field(min_length=1, max_length=64)
    """ID of the model version to deploy (a `Model`'s model_id); it must be published, and each model
    version appears at most once in `config`."""
    specification: str
    """Flavor of each instance, e.g. modelarts.vm.cpu.2u (the v1 documents also name modelarts.vm.gpu.pnt004
    and modelarts.vm.ai1.snt3, which must be requested) or any flavor the region offers; 'custom' (with
    custom_spec) only on a dedicated pool."""
    instance_count: int = Field(ge=1, le=MAX_INSTANCES)
    """Instances of this model, 1 to 128."""
    weight: int | None = Field(default=None, ge=0, le=100)
    """Share of the traffic this model gets, 0 to 100 (a numeric string such as "70" is taken too); required
    for real-time services, whose weights sum to 100."""
    envs: dict[str, str] | None = None
    """Environment variables of the model's containers."""
    custom_spec: CustomFlavor | None = None
    """The resources of one instance, required when specification is custom (and only then)."""
    deploy_timeout_in_seconds: int | None = spec_field(
        None, change=Action.REPLACE, why="the v1 update API's config has no deploy timeout (seed 001)",
        on_update=True, ge=MIN_DEPLOY_TIMEOUT, le=MAX_DEPLOY_TIMEOUT)
    """How long one instance may take to deploy, 180 to 7200 seconds (platform default 20 minutes)."""
    cluster_id: str | None = Field(default=None, min_length=1, max_length=64)
    """Dedicated pool (old-style cluster, or the edge pool) of this model, overriding the service's; needs a
    service-level cluster_id or pool_name."""
    pool_name: str | None = Field(default=None, min_length=1, max_length=64)
    """Dedicated pool of this model, overriding the service's; needs a service-level cluster_id or
    pool_name; not for edge services."""
    nodes: list[NonBlank] | None = None
    """Edge services: IDs of the IEF edge nodes to deploy to, each once (optional at creation, required by
    the update API)."""
    src_path: str | None = Field(default=None, min_length=1, max_length=1024)
    """Batch services (required): OBS path of the input data; a .manifest file with src_type
    ManifestFile."""
    dest_path: str | None = Field(default=None, min_length=1, max_length=1024)
    """Batch services (required): OBS path the results are written to."""
    req_uri: str | None = Field(default=None, pattern=r"^/\S*$")
    """Batch services (required): the model's inference API path that each input is sent to, e.g. /."""
    mapping_type: Literal["file", "csv"] | None = None
    """Batch services (required): one request per input file ('file') or per CSV row ('csv')."""
    mapping_rule: dict[str, Any] | None = None
    """Batch services with mapping_type csv (required then): which CSV column feeds each input
    parameter."""
    src_type: Literal["ManifestFile"] | None = None
    """Batch services: 'ManifestFile' when src_path is a manifest file listing the inputs."""
    additional_properties: ModelAdditionalProperties | None = None
    """Rolling-upgrade pace, graceful stop and volumes of the model's instances."""
    affinity: ServiceAffinity | None = spec_field(
        None, change=Action.REPLACE, why="the v1 update API's config has no affinity (seed 001)", on_update=True)
    """Which nodes of the dedicated pool the instances are scheduled to."""

    _ids = field_validator("cluster_id", "pool_name")(lambda cls, v: not_blank_if_set(v))
    _flavor = field_validator("specification")(matching(SPECIFICATION, SPECIFICATION_RULE))

    @field_validator("nodes")
    @classmethod
    def _each_node_once(cls, nodes: list[str] | None) -> list[str] | None:
        if nodes is not None and len(set(nodes)) != len(nodes):
            raise ValueError("must not name a node twice")
        return nodes

    @model_validator(mode="after")
    def _custom_needs_its_spec(self) -> "ServiceConfig":
        if self.specification == CUSTOM and self.custom_spec is None:
            raise ValueError("custom_spec: required when specification is custom")
        if self.specification != CUSTOM and self.custom_spec is not None:
            raise ValueError("custom_spec: applies only when specification is custom")
        return self

    @property
    def dedicated(self) -> bool:
        return bool(self.cluster_id or self.pool_name)


# ----- service-level properties ---------------------------------------------------------------------

class SmnNotification(Spec):
    topic_urn: NonBlank = Field(min_length=1, max_length=256)
    """URN of the SMN topic that is notified."""
    events: list[int] = Field(min_length=1)
    """The status changes to notify: 1 failed, 3 running, 7 concerning, 11 pending."""

    @field_validator("events")
    @classmethod
    def _known_events(cls, events: list[int]) -> list[int]:
        unknown = [e for e in events if e not in SMN_EVENTS]
        if unknown:
            raise ValueError(f"must each be one of 1 (failed), 3 (running), 7 (concerning), 11 (pending); "
                             f"got {unknown}")
        return events


class LtsConfiguration(Spec):
    log_group_id: NonBlank = Field(min_length=1, max_length=64)
    """LTS log group the logs go to."""
    log_stream_id: NonBlank = Field(min_length=1, max_length=64)
    """LTS log stream the logs go to."""


class LogReportChannel(Spec):
    type: Literal["LTS"] = "LTS"
    """Where logs are reported: LTS, the only channel."""
    configuration: LtsConfiguration | None = None
    """The LTS log group and stream."""


class ServiceAdditionalProperties(Spec):
    smn_notification: SmnNotification | None = None
    """Notifications of status changes through Simple Message Notification (SMN)."""
    log_report_channels: list[LogReportChannel] | None = None
    """Log reporting to LTS; once enabled it cannot be changed (a new service can)."""
    websocket_upgrade: bool | None = None
    """Whether calls are upgraded to WebSocket; once enabled it cannot be turned off (a new service
    can)."""


class ServiceSecret(Spec):
    secretId: NonBlank = Field(min_length=1, max_length=128)
    """ID of the secret to mount."""
    mouthPath: str = Field(min_length=1, max_length=1024, pattern=r"^/")
    """Absolute path the secret is mounted at (the API spells it mouthPath)."""


# ----- the service --------------------------------------------------------------------------------

class ServiceSpec(Spec):
    service_name: str = create_only(...)
    """Service name: 1 to 64 letters, digits, hyphens (-) and underscores (_), unique in the project."""
    infer_type: Literal["real-time", "batch", "edge"] = create_only(REAL_TIME)
    """What the service is: real-time (a web service that keeps running, several models by weight), batch
    (one model run over a data set, stopping when done) or edge (one model on IEF edge nodes)."""
    workspace_id: NonBlank = create_only("0", min_length=1, max_length=64)
    """ModelArts workspace of the service: '0' for the default workspace."""
    description: str = Field(default="", max_length=100)
    """Free text about the service: at most 100 characters, none of !<>+&\"'."""
    schedule: list[Schedule] | None = Field(default=None, max_length=1)
    """Auto stop of a real-time service: at most one entry, at most 24 hours; an empty list removes it."""
    cluster_id: str | None = create_only(None, min_length=1, max_length=64)
    """Dedicated pool of the service: an old-style cluster ID, or the edge pool of an edge service;
    pool_name wins when both are set."""
    pool_name: str | None = create_only(None, min_length=1, max_length=64)
    """Dedicated pool of the service (a pool of the project, e.g. pool-dedicated-0001); the shared pool is
    used when neither it nor cluster_id is set."""
    vpc_id: str | None = create_only(None, min_length=1, max_length=64)
    """VPC the instances of a real-time service join (needs subnet_network_id and security_group_id);
    ignored on a dedicated pool, which brings its own network."""
    subnet_network_id: str | None = create_only(None, min_length=1, max_length=64)
    """Network ID of the subnet in vpc_id."""
    security_group_id: str | None = create_only(None, min_length=1, max_length=64)
    """Security group of the instances in vpc_id; it must let TCP port 8080 in."""
    config: list[ServiceConfig] = Field(min_length=1)
    """The models the service deploys, each version once. Real-time: one or more, with weights summing to
    100; batch and edge: exactly one. A change is sent as the whole list, and the service redeploys on it."""
    additional_properties: ServiceAdditionalProperties | None = None
    """Notifications, log reporting and WebSocket of the service."""
    # The show response does not document these three, so they are compared with what was applied.
    load_balancer_policy: Literal["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP"] | None = create_only(
        None, echoed=False)
    """How a real-time service's load balancer spreads requests: weighted round robin, weighted least
    connections or source IP."""
    service_secrets: list[ServiceSecret] | None = create_only(None, echoed=False)
    """Secrets mounted into the service's containers."""
    priority: int | None = create_only(None, echoed=False, ge=1, le=3)
    """Preemption priority, 1 to 3, of a real-time or batch service: higher-priority services are
    scheduled first."""
    state: Literal["running", "stopped"] | None = spec_field(None, change=Action.START_STOP, api=False)
    """Run state the provider keeps a real-time or batch service in (a finished batch job counts as
    stopped); unset leaves it alone."""

    _name = field_validator("service_name")(matching(NAME, NAME_RULE))
    _description = field_validator("description")(without(SERVICE_DESCRIPTION_FORBIDDEN))
    _ids = field_validator("cluster_id", "pool_name", "vpc_id", "subnet_network_id", "security_group_id")(
        lambda cls, v: not_blank_if_set(v))

    @model_validator(mode="before")
    @classmethod
    def _weights_sum_to_100(cls, data: Any) -> Any:
        """Judged on the raw inputs, before the fields: a model id not known yet (a Model made in the
        same run) must not keep the weights from being judged at preview. Named at the last weight."""
        weights = _raw_weights(data)
        if weights and sum(weights) != 100:
            terms = " + ".join(str(w) for w in weights)
            shown = terms if len(weights) == 1 else f"{terms} = {sum(weights)}"
            raise ValueError(f"config[{len(weights) - 1}].weight: the weights of a real-time service must sum to "
                             f"100, got {shown}")
        return data

    @model_validator(mode="after")
    def _rules_across_fields(self) -> "ServiceSpec":
        for problem in self._problems():
            raise ValueError(problem)
        return self

    def _problems(self):
        """Each rule that needs more than one field, as 'field: rule'."""
        yield from self._config_rules()
        yield from self._network_rules()
        kind = self.infer_type
        if self.schedule and kind != REAL_TIME:
            yield "schedule: can be configured only for real-time services"
        if self.load_balancer_policy is not None and kind != REAL_TIME:
            yield "load_balancer_policy: can be set only for real-time services"
        if self.priority is not None and kind == EDGE:
            yield "priority: can be set only for real-time and batch services"
        if self.state is not None and kind == EDGE:
            yield "state: edge services cannot be started or stopped"

    def _network_rules(self):
        if self.vpc_id is not None:
            for key in ("subnet_network_id", "security_group_id"):
                if getattr(self, key) is None:
                    yield f"{key}: required when vpc_id is set"

    def _config_rules(self):
        kind, configs = self.infer_type, self.config
        if kind in (BATCH, EDGE) and len(configs) != 1:
            article = "an" if kind == EDGE else "a"
            yield (f"config: {article} {kind} service deploys exactly one model (one config entry), "
                   f"got {len(configs)}")
        seen: dict[str, int] = {}
        for index, entry in enumerate(configs):
            if entry.model_id in seen:
                yield (f"config[{index}].model_id: each model version may be deployed once in a service "
                       f"(also config[{seen[entry.model_id]}])")
            seen.setdefault(entry.model_id, index)
            yield from (f"config[{index}].{problem}" for problem in self._entry_rules(entry))


    def _entry_rules(self, entry: ServiceConfig):
        """'field: rule' for one config entry (its index is added by the caller)."""
        kind = self.infer_type
        service_pool = self.cluster_id or self.pool_name
        if kind == REAL_TIME and entry.weight is None:
            yield "weight: required for real-time services"
        for key in ("cluster_id", "pool_name"):
            if getattr(entry, key) is not None and not service_pool:
                yield f"{key}: needs the service-level cluster_id or pool_name to be set too"
        if entry.pool_name is not None and kind == EDGE:
            yield "pool_name: does not apply to edge services (they use cluster_id, the edge pool)"
        dedicated = entry.dedicated or bool(service_pool)
        if entry.specification == CUSTOM and kind != EDGE and not dedicated:
            yield ("specification: custom is available only on a dedicated resource pool: set cluster_id or "
                   "pool_name (of the service or of this entry)")
        props = entry.additional_properties
        if props is not None and props.log_volume and not dedicated:
            yield "additional_properties.log_volume: takes effect only on a dedicated resource pool"
        yield from _batch_rules(entry, kind)
        if entry.nodes is not None and kind != EDGE:
            yield "nodes: applies only to edge services"
        pool = entry.pool_name or self.pool_name
        node_affinity = entry.affinity.node_affinity if entry.affinity else None
        for at, info in enumerate((node_affinity.pool_infos or []) if node_affinity else []):
            if info.pool_name != pool:
                yield (f"affinity.node_affinity.pool_infos[{at}].pool_name: must be the pool_name the model is "
                       f"deployed in ({pool or 'none set'})")

    # ----- bodies and live projection ------------------------------------------------------------

    def create_body(self) -> dict[str, Any]:
        return self.api_fields()

    def update_body(self, fields: set[str] | list[str] | tuple[str, ...]) -> dict[str, Any]:
        """One update request with the named fields (those the update API takes), never `status`:
        the platform takes a config or a status in one request, not both."""
        wanted = set(fields)
        return {key: value for key, value in self.update_fields().items() if key in wanted}

    @property
    def name(self) -> str:
        return self.service_name

    @classmethod
    def from_api(cls, live: dict[str, Any], previous: dict[str, Any] | None = None) -> "ServiceSpec":
        """Project a show-service response onto the create-body shape; `previous` (the last outputs)
        supplies the fields the response does not show."""
        flat = {
            **live,
            "description": live.get("description") or "",
            "schedule": [{k: s[k] for k in ("type", "time_unit", "duration") if k in s}
                         for s in live.get("schedule") or []],
            "config": [_live_entry(entry) for entry in live.get("config") or []],
            # Edge services have no run state to manage (no start or stop).
            "state": None if live.get("infer_type") == EDGE else run_state(str(live.get("status", ""))),
        }
        for key in ("load_balancer_policy", "service_secrets", "priority"):
            flat.pop(key, None)
        for path in not_echoed_paths(cls):
            if previous and previous.get(path[0]) is not None:
                flat[path[0]] = copy.deepcopy(previous[path[0]])
        return cls.project(flat)


def _raw_weights(data: Any) -> list[int] | None:
    """The weights of a real-time service's config as given (numbers or numeric strings), or None when
    the service is not real-time or a weight is missing, unknown or not a whole number (the fields'
    own rules report those)."""
    if not isinstance(data, dict) or data.get("infer_type", REAL_TIME) != REAL_TIME:
        return None
    entries = data.get("config")
    if not isinstance(entries, list) or not entries:
        return None
    weights = []
    for entry in entries:
        weight = entry.get("weight") if isinstance(entry, dict) else None
        if isinstance(weight, str) and weight.strip().isdigit():
            weight = int(weight.strip())
        elif isinstance(weight, float) and weight.is_integer():
            weight = int(weight)
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
            return None
        weights.append(weight)
    return weights


def update_problems(desired: ServiceSpec, recorded: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, rule) for what only an update refuses: the update API needs the nodes of an edge
    service's config (seed 001), which its create does not."""
    if desired.infer_type != EDGE or desired.body().get("config") == recorded.get("config"):
        return []
    return [(f"config[{i}].nodes", "required for edge services when their config is updated (seed 001)")
            for i, entry in enumerate(desired.config) if entry.nodes is None]


def _live_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A config entry as shown: edge nodes come back as objects, and are named by id here."""
    nodes = entry.get("nodes")
    if isinstance(nodes, list):
        entry = {**entry, "nodes": [n.get("id") if isinstance(n, dict) else n for n in nodes]}
    return entry


_BATCH_FIELDS = ("src_path", "dest_path", "req_uri", "mapping_type", "mapping_rule", "src_type")
_BATCH_REQUIRED = ("src_path", "dest_path", "req_uri", "mapping_type")


def _batch_rules(entry: ServiceConfig, kind: str):
    given = [key for key in _BATCH_FIELDS if getattr(entry, key) is not None]
    if kind != BATCH:
        for key in given:
            yield f"{key}: applies only to batch services"
        return
    for key in _BATCH_REQUIRED:
        if getattr(entry, key) is None:
            yield f"{key}: required for batch services"
    if entry.mapping_type == "csv" and entry.mapping_rule is None:
        yield "mapping_rule: required when mapping_type is csv"
    if entry.src_type == "ManifestFile" and entry.src_path and not entry.src_path.endswith(".manifest"):
        yield "src_path: must be the path of a .manifest file when src_type is ManifestFile"
