"""A v1 service as the arguments of a v2 InferenceService: pure, from what the v1 API shows.

Each `config[]` entry becomes one deployment: its model's image, its weight,
instance count, flavor (or custom spec), environment and pool; the model's
own config (health check, port) fills the probe and port. What the result
cannot carry is a `Finding` naming a feature of `features.FEATURES`, which
refuses the migration unless the user dropped it; what is carried only
approximately is a note. Anything that makes a v2 program impossible (a
batch service, no pool, a flavor v2 does not offer) is a problem.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from pydantic import ValidationError

from ...core.spec import validation_message
from ...modelarts.models.deployment import Health
from ...modelarts.v1.models.service import ServiceSpec as V1ServiceSpec
from .features import FEATURES

REAL_TIME = "real-time"
CUSTOM = "custom"
DEFAULT_WORKSPACE = "0"
AUTH_TYPES = {"token": "TOKEN", "api-key": "API_KEY"}
API_KEY_NAME = "clients"
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
# Probe settings the component leaves at the v2 defaults (it sets the path and the initial delay only).
PROBE_TIMINGS = ("timeout_seconds", "period_seconds", "failure_threshold")


@dataclass(frozen=True)
class Options:
    """What the user decides (command-line options) and what the region offers (None: not known)."""

    pool_id: str | None = None
    flavors: Mapping[str, str] = field(default_factory=dict)
    drop: frozenset[str] = frozenset()
    name: str | None = None
    auth: str = "token"
    offered_flavors: frozenset[str] | None = None
    pools: frozenset[str] | None = None


@dataclass(frozen=True)
class Finding:
    """A feature the program would not carry, where the v1 service uses it."""

    feature: str
    where: str
    detail: str


@dataclass
class DeploymentPlan:
    name: str
    source: str  # the config entry and model it comes from, for comments and the report
    image: str
    weight: int
    replicas: int
    pool_id: str
    flavor: str | None = None
    custom_spec: dict[str, float] | None = None
    envs: dict[str, str] = field(default_factory=dict)
    port: int | None = None
    health_path: str | None = None
    health_initial_delay_seconds: int | None = None
    cmd: str | None = None
    max_surge: str | None = None
    max_unavailable: str | None = None


@dataclass
class ServicePlan:
    component: str
    service_name: str
    description: str | None
    auth_type: str
    protocol: str
    port: int | None
    api_key: str | None
    deployments: list[DeploymentPlan]


@dataclass
class Migration:
    v1_id: str
    v1_name: str
    v1_status: str
    plan: ServicePlan | None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    dropped: frozenset[str] = frozenset()
    # The v1 service as its own provider declares it (for the import of the cutover), without a run state.
    v1_inputs: dict[str, Any] | None = None

    @property
    def blocking(self) -> list[Finding]:
        """What would be lost without the user's consent."""
        return [f for f in self.findings if f.feature not in self.dropped]

    @property
    def left_behind(self) -> list[Finding]:
        return [f for f in self.findings if f.feature in self.dropped]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.blocking and self.plan is not None


# ----- small readings of the v1 shapes ----------------------------------------------------------


def model_config(model: Mapping[str, Any]) -> dict[str, Any]:
    """The model's own config.json (the `config` string of the model details), {} when absent or not JSON."""
    text = model.get("config")
    if isinstance(text, dict):
        return text
    try:
        found = json.loads(text) if isinstance(text, str) and text.strip() else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def is_subscribed(model: Mapping[str, Any]) -> bool:
    """A model from My Subscriptions: the registry flags it (market_flag) or names its subscription."""
    return bool(model.get("market_flag")) or bool(model.get("subscription_id"))


def image_of(model: Mapping[str, Any]) -> str | None:
    """The SWR image of an Image model; None for models run by an AI engine from OBS."""
    if str(model.get("model_type", "")).lower() != "image":
        return None
    return model.get("source_location") or model.get("image_address") or None


def deployment_name(entry: Mapping[str, Any], index: int) -> str:
    """`<model name>-<version>` with dots as dashes (v2 deployment names take letters, digits, - and _)."""
    base = f"{entry.get('model_name') or 'config'}-{entry.get('model_version') or index}"
    return _NAME_UNSAFE.sub("-", base.replace(".", "-")).strip("-")[:128] or f"config-{index}"


def share_as_percent(value: float, replicas: int, rounding: str) -> str:
    """A v1 max_surge / max_unavailable (below 1 a share, from 1 a number of instances) as a v2 percentage.

    v2 rounds surge up and unavailability down, so a count becomes the percentage
    that rounds back to the same number of instances for this replica count.
    """
    if value < 1:
        return f"{round(value * 100)}%"
    count = min(int(value), replicas)
    if rounding == "up":
        percent = math.floor(count * 100 / replicas)
    else:
        percent = math.ceil(count * 100 / replicas)
    return f"{min(percent, 100)}%"


# ----- the translation ------------------------------------------------------------------------


def translate(service: Mapping[str, Any], models: Mapping[str, Mapping[str, Any] | None],
              options: Options = Options()) -> Migration:
    """The migration of one v1 service; `models` maps each config entry's model_id to its details
    (None: the registry does not know it)."""
    unknown = sorted(set(options.drop) - set(FEATURES))
    migration = Migration(str(service.get("service_id", "")), str(service.get("service_name", "")),
                          str(service.get("status", "unknown")), None, dropped=frozenset(options.drop))
    if unknown:
        migration.problems.append(f"--drop {', '.join(unknown)}: no such feature (features: "
                                  f"{', '.join(FEATURES)})")
    infer_type = service.get("infer_type", REAL_TIME)
    if infer_type != REAL_TIME:
        migration.problems.append(
            f"service {migration.v1_name} is a {infer_type} service: v2 has real-time services only (no batch jobs "
            "or edge nodes), so there is nothing to migrate it to; keep it on v1 until it is retired, or rebuild it "
            "on a batch or edge offering")
        return migration
    _service_findings(service, migration)
    deployments = []
    for index, entry in enumerate(service.get("config") or []):
        deployment = _deployment(index, entry, service, models.get(entry.get("model_id")), options, migration)
        if deployment is not None:
            deployments.append(deployment)
    if not deployments and not migration.problems:
        migration.problems.append("no config entry is left to migrate (every one was dropped)")
    _status_note(migration)
    migration.plan = _service_plan(service, deployments, options, migration)
    migration.v1_inputs = _v1_inputs(service, migration)
    return migration


def _v1_inputs(service: Mapping[str, Any], migration: Migration) -> dict[str, Any] | None:
    """What the v1 provider reads back from this service: declared as such, its import changes nothing."""
    try:
        inputs = V1ServiceSpec.from_api(dict(service)).body()
    except ValidationError as error:
        migration.problems.append(f"the v1 service cannot be declared for the cutover ({validation_message(error)})")
        return None
    inputs.pop("state", None)  # the cutover sets it
    return inputs


def _service_findings(service: Mapping[str, Any], migration: Migration) -> None:
    found = migration.findings
    props = service.get("additional_properties") or {}
    if props.get("smn_notification"):
        smn = props["smn_notification"]
        found.append(Finding("smn_notification", "additional_properties.smn_notification",
                             f"topic {smn.get('topic_urn')}, events {smn.get('events')}"))
    if props.get("log_report_channels"):
        found.append(Finding("lts_logs", "additional_properties.log_report_channels",
                             json.dumps(props["log_report_channels"], sort_keys=True)))
    if service.get("schedule"):
        entry = service["schedule"][0]
        found.append(Finding("auto_stop", "schedule",
                             f"stop after {entry.get('duration')} {str(entry.get('time_unit', '')).lower()}"))
    if service.get("vpc_id"):
        found.append(Finding("vpc", "vpc_id", f"VPC {service['vpc_id']}, subnet {service.get('subnet_network_id')}, "
                                              f"security group {service.get('security_group_id')}"))
    if service.get("load_balancer_policy"):
        found.append(Finding("load_balancer_policy", "load_balancer_policy", str(service["load_balancer_policy"])))
    if service.get("priority") is not None:
        found.append(Finding("priority", "priority", str(service["priority"])))
    if service.get("service_secrets"):
        found.append(Finding("service_secrets", "service_secrets",
                             f"{len(service['service_secrets'])} secret(s)"))
    workspace = service.get("workspace_id")
    if workspace not in (None, "", DEFAULT_WORKSPACE):
        found.append(Finding("workspace", "workspace_id", str(workspace)))


def _deployment(index: int, entry: Mapping[str, Any], service: Mapping[str, Any], model: Mapping[str, Any] | None,
                options: Options, migration: Migration) -> DeploymentPlan | None:
    where = f"config[{index}]"
    label = f"{entry.get('model_name') or '?'} {entry.get('model_version') or '?'} ({entry.get('model_id')})"
    if model is None:
        migration.problems.append(f"{where}: model {entry.get('model_id')} is not in the model registry (deleted, or "
                                  "another project's); its image cannot be read")
        return None
    if is_subscribed(model):
        migration.findings.append(Finding("subscribed_model", f"{where}.model_id", f"model {label}"))
        return None
    image = image_of(model)
    if image is None:
        migration.findings.append(Finding("obs_model", f"{where}.model_id",
                                          f"model {label}: {model.get('model_type')} from {model.get('source_location')}"))
        return None
    replicas = int(entry.get("instance_count") or 1)
    deployment = DeploymentPlan(name=deployment_name(entry, index), source=f"{where}: model {label}", image=image,
                                weight=int(entry.get("weight") or 0), replicas=replicas,
                                pool_id=_pool(where, entry, service, options, migration) or "",
                                envs=dict(entry.get("envs") or {}))
    _resources(where, entry, deployment, options, migration)
    _model_settings(where, model, deployment, migration)
    _config_properties(where, entry, deployment, migration)
    return deployment


def _pool(where: str, entry: Mapping[str, Any], service: Mapping[str, Any], options: Options,
          migration: Migration) -> str | None:
    """The v2 dedicated pool: --pool-id, else the v1 pool_name (config first), else a cluster_id v2 lists."""
    if options.pool_id:
        return options.pool_id
    pool = entry.get("pool_name") or service.get("pool_name")
    if pool:
        if options.pools is not None and pool not in options.pools:
            migration.problems.append(f"{where}: pool {pool} is not a resource pool of this project "
                                      f"(pools: {', '.join(sorted(options.pools)) or 'none'}); pass --pool-id")
            return None
        return str(pool)
    cluster = entry.get("cluster_id") or service.get("cluster_id")
    if cluster and options.pools is not None and cluster in options.pools:
        return str(cluster)
    if cluster:
        migration.problems.append(f"{where}: cluster {cluster} is an old-version dedicated pool, which v2 cannot use; "
                                  "pass --pool-id with a pool whose job types include model deployment")
    else:
        migration.problems.append(f"{where}: the v1 service runs on the public pool, and v2 services run only on "
                                  "dedicated pools; pass --pool-id")
    return None


def _resources(where: str, entry: Mapping[str, Any], deployment: DeploymentPlan, options: Options,
               migration: Migration) -> None:
    specification = str(entry.get("specification") or "")
    if specification == CUSTOM:
        spec = entry.get("custom_spec") or {}
        custom = {"cpu": spec.get("cpu"), "memory": spec.get("memory"), "gpu": spec.get("gpu_p4"),
                  "ascend": spec.get("ascend_a310")}
        deployment.custom_spec = {key: value for key, value in custom.items() if value is not None}
        return
    flavor = options.flavors.get(specification, specification)
    offered = options.offered_flavors
    if offered is not None and flavor not in offered:
        migration.problems.append(
            f"{where}.specification: {flavor} is not a flavor v2 offers in this region (flavors: "
            f"{', '.join(sorted(offered))}); pass --flavor {specification}=<flavor>")
    deployment.flavor = flavor
    if flavor != specification:
        migration.notes.append(f"{where}: flavor {specification} becomes {flavor} (--flavor)")


def _model_settings(where: str, model: Mapping[str, Any], deployment: DeploymentPlan, migration: Migration) -> None:
    """The model's container API (port, protocol), health check and boot command."""
    config = model_config(model)
    port = config.get("port")
    if isinstance(port, (int, str)) and str(port).isdigit():
        deployment.port = int(port)
    if str(config.get("protocol", "")).lower() == "https":
        migration.findings.append(Finding("https_container", f"{where}.model_id",
                                          f"model {model.get('model_name')} {model.get('model_version')} serves "
                                          f"https on port {deployment.port}"))
    health = config.get("health") or model.get("health") or {}
    if isinstance(health, dict) and health:
        _health(where, health, deployment, migration)
    if model.get("cmd"):
        deployment.cmd = str(model["cmd"])


def _health(where: str, health: Mapping[str, Any], deployment: DeploymentPlan, migration: Migration) -> None:
    if str(health.get("check_method", "HTTP")).upper() == "EXEC":
        migration.findings.append(Finding("exec_health_check", f"{where}.model_id",
                                          f"command {health.get('command') or health.get('cmd')!r}"))
        return
    if not health.get("url"):
        return
    deployment.health_path = str(health["url"])
    delay = health.get("initial_delay_seconds")
    if delay not in (None, ""):
        deployment.health_initial_delay_seconds = int(delay)
    differ = {key: health[key] for key in PROBE_TIMINGS
              if health.get(key) not in (None, "") and int(health[key]) != Health.model_fields[key].default}
    if differ:
        ours = ", ".join(f"{key} {Health.model_fields[key].default}" for key in differ)
        theirs = ", ".join(f"{key} {value}" for key, value in differ.items())
        migration.notes.append(f"{where}: the probes on {deployment.health_path} use v2's defaults ({ours}), "
                               f"not the model's ({theirs})")


def _config_properties(where: str, entry: Mapping[str, Any], deployment: DeploymentPlan,
                       migration: Migration) -> None:
    props = entry.get("additional_properties") or {}
    for key, rounding, attribute in (("max_surge", "up", "max_surge"),
                                     ("max_unavailable", "down", "max_unavailable")):
        if props.get(key) is not None:
            value = float(props[key])
            setattr(deployment, attribute, share_as_percent(value, deployment.replicas, rounding))
            migration.notes.append(f"{where}: {key} {props[key]} becomes {getattr(deployment, attribute)} of "
                                   f"{deployment.replicas} replica(s)")
    if props.get("termination_grace_period_seconds") is not None:
        migration.findings.append(Finding("graceful_shutdown", f"{where}.additional_properties."
                                          "termination_grace_period_seconds",
                                          f"{props['termination_grace_period_seconds']} s"))
    for key in ("log_volume", "persistent_volumes"):
        if props.get(key):
            paths = ", ".join(str(v.get("mount_path")) for v in props[key])
            migration.findings.append(Finding("mounts", f"{where}.additional_properties.{key}", paths))
    if entry.get("deploy_timeout_in_seconds"):
        migration.findings.append(Finding("deploy_timeout", f"{where}.deploy_timeout_in_seconds",
                                          f"{entry['deploy_timeout_in_seconds']} s"))
    if entry.get("affinity"):
        migration.findings.append(Finding("node_affinity", f"{where}.affinity",
                                          json.dumps(entry["affinity"], sort_keys=True)))


def _status_note(migration: Migration) -> None:
    if migration.v1_status not in ("running", "concerning"):
        migration.notes.append(f"the v1 service is {migration.v1_status}; the v2 deployments will run once deployed")


def _service_plan(service: Mapping[str, Any], deployments: list[DeploymentPlan], options: Options,
                  migration: Migration) -> ServicePlan:
    name = options.name or migration.v1_name
    websocket = bool((service.get("additional_properties") or {}).get("websocket_upgrade"))
    if websocket:
        migration.notes.append("WebSocket (websocket_upgrade) becomes the v2 service protocol WSS")
    ports = {d.port for d in deployments}
    shared_port = ports.pop() if len(ports) == 1 else None
    if shared_port is not None:
        for deployment in deployments:
            deployment.port = None  # the service's port, which every deployment then uses
    auth = AUTH_TYPES[options.auth]
    if auth == "TOKEN":
        migration.notes.append("callers authenticate as on v1, with an IAM token (auth_type TOKEN); "
                               "`--auth api-key` makes an API key instead")
    return ServicePlan(component=name, service_name=name, description=service.get("description") or None,
                       auth_type=auth, protocol="WSS" if websocket else "HTTPS",
                       port=shared_port,
                       api_key=API_KEY_NAME if auth == "API_KEY" else None, deployments=deployments)
