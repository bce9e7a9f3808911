"""Deployment endpoints: /v2/{project_id}/services/{service_id}/deployments[...]."""

from __future__ import annotations

import copy
import re

from .. import errors
from .context import Context, state_error
from ..responses import (
    deployment_body,
    deployment_item,
    group_config_body,
    page,
    traffic_ratios,
    version_body,
    version_item,
)
from .units import validate_unit
from ..state import pools
from ..state.common import TransitionNotAllowed
from ..state.deployment import (
    Deployment,
    VersionNotFound,
    VersionRuleViolated,
    replica_counts,
)
from ...core.rollout import NoProgressPossible
from ..state.service import Service
from ..validation import (
    as_bool,
    as_description,
    as_enum,
    as_int,
    as_list,
    as_object,
    as_str,
    as_version,
    optional,
    required,
)

DEPLOYMENT_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,128}")
FRAMEWORKS = ("COMMON", "VLLM", "MINDIE")
DEPLOY_TYPES = ("SINGLE", "MULTI")
WORKLOAD_TYPES = ("DEPLOYMENT", "LWS")
SCHEDULE_STRATEGIES = ("HIGH_AVAILABILITY", "HIGH_UTILIZATION", "HIGH_PERFORMANCE")
CONTAINER_PROTOCOLS = ("HTTP", "HTTPS", "WSS", "WS", "TCP", "NA")
UPGRADE_TYPES = ("ROLLING",)
# 0% is allowed (max_unavailable 0% = never below the replica count); a config
# where both round to 0 replicas is refused once the count is known.
PERCENT_RE = re.compile(r"(100|[1-9]?[0-9])%")

# Request fields that identify a deployment or only make sense in responses;
# they are never stored as settings.
NON_SETTING_FIELDS = ("id", "name", "version", "version_id", "running_count",
                      "version_count", "update_at", "status")
# Changing only these is a traffic-policy / metadata edit: applied in place,
# without a rolling upgrade or a new version (domain-spec 2.9).
IN_PLACE_FIELDS = {"weight", "mirror_traffic_enable", "mirror_traffic_weight", "description"}

DEFAULT_UPGRADE_CONFIG = {"type": "ROLLING",
                          "rolling_update": {"max_surge": "1%", "max_unavailable": "1%"}}


# ----- validation ----------------------------------------------------------------------------

def validate_upgrade_config(value, path: str) -> dict:
    config = as_object(value, path)
    optional(config, "type", as_enum, f"{path}.type", UPGRADE_TYPES)
    rolling = optional(config, "rolling_update", as_object, f"{path}.rolling_update") or {}
    for key in ("max_surge", "max_unavailable"):
        optional(rolling, key, as_str, f"{path}.rolling_update.{key}", pattern=PERCENT_RE,
                 rule="must be a percentage from 0% to 100%")
    return config


def _validate_advanced_config(value, path: str) -> dict:
    config = as_object(value, path)
    as_int(required(config, "port", f"{path}.port"), f"{path}.port", 1, 65535)
    as_enum(required(config, "protocol", f"{path}.protocol"), f"{path}.protocol",
            CONTAINER_PROTOCOLS)
    validate_upgrade_config(required(config, "upgrade_config", f"{path}.upgrade_config"),
                            f"{path}.upgrade_config")
    optional(config, "deploy_timeout_minutes", as_int, f"{path}.deploy_timeout_minutes", 0, 300)
    return config


def _mirror_weight(value, path: str) -> int:
    # GroupConfig declares it a string ("50"), the update request an int.
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    return as_int(value, path, 0, 100)


def validate_settings(body: dict, path: str, *, creating: bool,
                      require_advanced_config: bool = True, public_pool: bool = False) -> dict:
    """Check a GroupConfig (create) or GroupConfigUpdateRequest body; return its settings."""
    as_object(body, path or "body")
    prefix = f"{path}." if path else ""
    as_str(required(body, "name", f"{prefix}name"), f"{prefix}name", pattern=DEPLOYMENT_NAME_RE,
           rule="must be 1-128 letters, digits, '-' or '_'")
    as_int(required(body, "weight", f"{prefix}weight"), f"{prefix}weight", 0, 100)
    optional(body, "count", as_int, f"{prefix}count", 1, 128)
    optional(body, "priority", as_int, f"{prefix}priority", 1, 3)
    optional(body, "pool_id", as_str, f"{prefix}pool_id", max_len=128)
    optional(body, "framework", as_enum, f"{prefix}framework", FRAMEWORKS)
    optional(body, "deploy_type", as_enum, f"{prefix}deploy_type", DEPLOY_TYPES)
    optional(body, "schedule_strategy", as_enum, f"{prefix}schedule_strategy", SCHEDULE_STRATEGIES)
    optional(body, "description", as_description, f"{prefix}description")
    for flag in ("high_avail_switch", "system_log_dump_enable", "mirror_traffic_enable"):
        optional(body, flag, as_bool, f"{prefix}{flag}")
    if creating:
        optional(body, "workload_type", as_enum, f"{prefix}workload_type", WORKLOAD_TYPES)
        optional(body, "version", as_version, f"{prefix}version")
        required(body, "unit_configs", f"{prefix}unit_configs")
    elif body.get("workload_type") is not None:
        raise errors.invalid_field(f"{prefix}workload_type", "cannot be changed after creation")
    elif require_advanced_config:  # the SDK marks it required on the update request
        required(body, "advanced_config", f"{prefix}advanced_config")
    units = optional(body, "unit_configs", as_list, f"{prefix}unit_configs")
    if units is not None:
        if not units:
            raise errors.invalid_field(f"{prefix}unit_configs", "must hold at least one unit")
        public = pools.is_public(body) if creating else public_pool
        for index, unit in enumerate(units):
            validate_unit(unit, f"{prefix}unit_configs[{index}]", public_pool=public)
    optional(body, "advanced_config", _validate_advanced_config, f"{prefix}advanced_config")
    limit = optional(body, "deployment_task_limit", as_object, f"{prefix}deployment_task_limit")
    if limit:
        optional(limit, "max_concurrent_task", as_int,
                 f"{prefix}deployment_task_limit.max_concurrent_task", 1, 100)
    settings = {k: copy.deepcopy(v) for k, v in body.items()
                if k not in NON_SETTING_FIELDS and v is not None}
    if "unit_configs" in settings:
        settings["unit_configs"] = [_without_ids(unit) for unit in settings["unit_configs"]]
    if "mirror_traffic_weight" in settings:
        settings["mirror_traffic_weight"] = _mirror_weight(
            settings["mirror_traffic_weight"], f"{prefix}mirror_traffic_weight")
    return settings


def _without_ids(unit: dict) -> dict:
    """Unit and image ids are the emulator's (derived on read-back, see responses.py): a client
    that sends back what it read (ids included) changes nothing."""
    unit = {k: v for k, v in unit.items() if k != "id"}
    if isinstance(unit.get("image"), dict):
        unit["image"] = {k: v for k, v in unit["image"].items() if k != "id"}
    return unit


def default_settings(service: Service) -> dict:
    """Values the platform fills in when a new deployment omits them."""
    invoke = (service.settings.get("runtime_config") or {}).get("service_invoke") or {}
    return {
        "framework": "COMMON",
        "count": 1,
        "deploy_type": service.deploy_type,
        "workload_type": service.settings.get("workload_type") or "DEPLOYMENT",
        "schedule_strategy": "HIGH_AVAILABILITY",
        "high_avail_switch": True,
        "system_log_dump_enable": False,
        "mirror_traffic_enable": False,
        "mirror_traffic_weight": 0,
        "priority": 1,
        "description": "",
        "advanced_config": {
            "port": invoke.get("port", 8080),
            "protocol": invoke.get("protocol", "HTTP"),
            "upgrade_config": copy.deepcopy(service.settings.get("upgrade_config")
                                            or DEFAULT_UPGRADE_CONFIG),
        },
    }


# ----- shared with service creation ----------------------------------------------------------

def add_deployment(ctx: Context, service: Service, body: dict, path: str = "") -> Deployment:
    """Validate a GroupConfig and create the deployment (DEPLOYING) under `service`."""
    settings = validate_settings(body, path, creating=True)
    _check_pool(ctx, settings, path)
    _check_rollout_possible({**default_settings(service), **settings}, path)
    name = body["name"]
    if any(d.name == name for d in ctx.deployments(service.id)):
        raise errors.duplicate_name(f"Deployment name {name} already exists in service "
                                    f"{service.name}.")
    dep = Deployment.create(service.id, name, {**default_settings(service), **settings},
                            body.get("version"), ctx.now, ctx.settings.ready_delay,
                            fault=ctx.deploy_fault(name),
                            minute_seconds=ctx.settings.minute_seconds)
    ctx.save_deployment(dep)
    service.add_event(f"Deployment [{name}] created, status DEPLOYING.", ctx.now)
    return dep


def change_deployment(ctx: Context, service: Service, dep: Deployment, body: dict,
                      path: str = "", via_service: bool = False) -> None:
    """Apply a GroupConfigUpdateRequest: in place for traffic-only edits, else a new version.

    `via_service` marks the service-update compatibility path, whose body is a
    create-style GroupConfig (advanced_config optional, workload_type echoed).
    """
    if via_service and body.get("workload_type") == dep.config.get("workload_type"):
        body = {k: v for k, v in body.items() if k != "workload_type"}
    given = validate_settings(body, path, creating=False, require_advanced_config=not via_service,
                              public_pool=pools.is_public({**dep.config, **body}))
    if "pool_id" in given:
        _check_pool(ctx, given, path)
    new_name = body["name"]
    if new_name != dep.name and any(d.name == new_name for d in ctx.deployments(service.id)):
        raise errors.duplicate_name(f"Deployment name {new_name} already exists in service "
                                    f"{service.name}.")
    merged = {**dep.config, **given}  # omitted = unchanged; a given unit_configs replaces the list
    changed = {k for k in merged if merged.get(k) != dep.config.get(k)}
    if changed <= IN_PLACE_FIELDS and new_name == dep.name:
        dep.config, dep.update_at = merged, ctx.now
        return
    _check_rollout_possible(merged, path)
    try:
        change = dep.update(new_name, merged, ctx.now, ctx.settings.ready_delay,
                            ctx.deploy_fault(new_name),
                            minute_seconds=ctx.settings.minute_seconds)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None
    except VersionRuleViolated as exc:
        raise errors.quota_exceeded(str(exc)) from None
    ctx.note_deployment_change(service, dep, change)


# ----- endpoints -----------------------------------------------------------------------------

def create(ctx: Context) -> dict:
    service = ctx.service()
    body = ctx.json_object()
    if isinstance(body.get("name"), str) and pools.is_public(body):
        raise errors.bad_request(pools.public_pool_refusal(body["name"], "added to a service"))
    dep = add_deployment(ctx, service, body)
    ctx.sync_service(service)
    return deployment_body(dep)


def show(ctx: Context) -> dict:
    service = ctx.service()
    return deployment_body(ctx.deployment(service))


def list_(ctx: Context) -> dict:
    service = ctx.service()
    limit, offset = ctx.paging()
    deps = ctx.deployments(service.id)
    status = ctx.query.get("status")
    if status and status.lower() != "all":
        deps = [d for d in deps if d.status == status]
    deps = _sorted(deps, ctx.query.get("sort_key") or "update_at", ctx.query.get("sort_dir"))
    ratios = traffic_ratios(ctx.deployments(service.id))
    return page([deployment_item(d, ratios[d.id], service.name) for d in deps], limit, offset)


def update(ctx: Context) -> dict:
    service, dep = _dedicated_deployment(ctx, "upgraded")
    change_deployment(ctx, service, dep, ctx.json_object())
    ctx.save_deployment(dep)
    ctx.sync_service(service)
    return deployment_body(dep)


def delete(ctx: Context) -> dict:
    service, dep = _dedicated_deployment(ctx, "deleted")
    _apply(dep, dep.check_deletable)
    ctx.delete_deployment(dep)
    service.add_event(f"Deployment [{dep.name}] deleted.", ctx.now)
    ctx.sync_service(service)
    return deployment_body(dep, status="DELETED")


def start(ctx: Context) -> dict:
    service, dep = _dedicated_deployment(ctx, "started")
    _transition(ctx, service, dep, lambda: dep.start(
        ctx.now, ctx.settings.ready_delay, ctx.deploy_fault(dep.name),
        minute_seconds=ctx.settings.minute_seconds))
    ratios = traffic_ratios(ctx.deployments(service.id))
    return group_config_body(dep, ratios[dep.id])


def stop(ctx: Context) -> dict:
    service, dep = _dedicated_deployment(ctx, "stopped")
    _transition(ctx, service, dep, lambda: dep.stop(ctx.now, ctx.settings.stop_delay))
    return deployment_body(dep)


def interrupt(ctx: Context) -> dict:
    service, dep = _dedicated_deployment(ctx, "interrupted")
    upgrading = dep.status == "UPGRADING"
    _transition(ctx, service, dep, lambda: dep.interrupt(ctx.now))
    if upgrading:
        service.add_event(f"Upgrade of deployment [{dep.name}] interrupted; rolled back to "
                          f"version {dep.version}, the old instances kept serving.", ctx.now)
        ctx.save_service(service)
    return deployment_body(dep)


def scale(ctx: Context) -> dict:
    service = ctx.service()
    dep = ctx.deployment_by_name(service, ctx.path["deployment_name"])
    _require_dedicated(dep, "scaled")
    body = ctx.json_object()
    count = as_int(required(body, "count", "count"), "count", 1, 128)
    _apply(dep, lambda: dep.scale(count, ctx.now))
    service.add_event(f"Deployment [{dep.name}] scaled to {count} instance(s).", ctx.now)
    ctx.save_deployment(dep)
    ctx.sync_service(service)
    return deployment_body(dep)


def list_versions(ctx: Context) -> dict:
    service = ctx.service()
    dep = ctx.deployment(service)
    limit, offset = ctx.paging()
    key = ctx.query.get("sort_key") or "create_at"
    if key not in ("create_at", "update_at"):
        raise errors.invalid_field("sort_key", "must be create_at or update_at", key)
    entries = sorted(dep.versions, key=lambda v: (v[key], dep.versions.index(v)), reverse=True)
    return page([version_item(dep, v) for v in entries], limit, offset)


def show_version(ctx: Context) -> dict:
    service = ctx.service()
    dep = ctx.deployment(service)
    entry = _version(dep, ctx.path["version"])
    return version_body(dep, entry)


def switch_version(ctx: Context) -> dict:
    """Roll the deployment to a recorded version (SwitchInferDeploymentVersionRequestBody)."""
    service = ctx.service()
    dep = ctx.deployment(service)
    version = ctx.path["version"]
    body = ctx.json_object() if ctx.body is not None else {}
    infer_name = as_str(required(body, "infer_name", "infer_name"), "infer_name")
    if infer_name != dep.id:
        raise errors.invalid_field("infer_name", "must be the id of the deployment in the path",
                                   infer_name)
    if optional(body, "service_id", as_str, "service_id") not in (None, service.id):
        raise errors.invalid_field("service_id", "must be the id of the service in the path",
                                   body["service_id"])
    if optional(body, "target_deployment_version", as_str,
                "target_deployment_version") not in (None, version):
        raise errors.invalid_field("target_deployment_version",
                                   "must equal the version in the path",
                                   body["target_deployment_version"])
    _require_dedicated(dep, "switched to another version")
    _version(dep, version)
    try:
        change = dep.switch(version, ctx.now, ctx.settings.ready_delay, ctx.deploy_fault(dep.name),
                            minute_seconds=ctx.settings.minute_seconds)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None
    except (VersionRuleViolated, NoProgressPossible) as exc:
        raise errors.state_conflict(str(exc)) from None
    service.add_event(f"Deployment [{dep.name}] switching to version {version}.", ctx.now)
    ctx.note_deployment_change(service, dep, change)
    ctx.save_deployment(dep)
    ctx.sync_service(service)
    return {"id": dep.id}


def delete_version(ctx: Context) -> dict:
    service = ctx.service()
    dep = ctx.deployment(service)
    version = ctx.path["version"]
    _version(dep, version)
    try:
        entry = dep.delete_version(version)
    except VersionRuleViolated as exc:
        raise errors.state_conflict(str(exc)) from None
    service.add_event(f"Version {version} of deployment [{dep.name}] deleted.", ctx.now)
    ctx.save_deployment(dep)
    ctx.save_service(service)
    return {"id": entry["version_id"]}


# ----- helpers -------------------------------------------------------------------------------

def _version(dep: Deployment, version: str) -> dict:
    try:
        return dep.find_version(version)
    except VersionNotFound:
        raise errors.version_not_found(dep.name, version) from None


def _check_rollout_possible(settings: dict, path: str) -> None:
    """Refuse an upgrade policy under which no instance could ever be replaced."""
    try:
        replica_counts(settings)
    except NoProgressPossible as exc:
        prefix = f"{path}." if path else ""
        raise errors.invalid_field(f"{prefix}advanced_config.upgrade_config.rolling_update",
                                   str(exc)) from None


def _check_pool(ctx: Context, settings: dict, path: str) -> None:
    pool_id = settings.get("pool_id")
    if pool_id is None:
        return
    problem = pools.pool_problem(pool_id, ctx.settings.dedicated_pools)
    if problem:
        raise errors.invalid_field(f"{path}.pool_id" if path else "pool_id", problem, pool_id)


def _dedicated_deployment(ctx: Context, operation: str) -> tuple[Service, Deployment]:
    """The requested service and deployment, refused unless the deployment may be `operation`
    (only deployments in a dedicated pool may be changed)."""
    service = ctx.service()
    dep = ctx.deployment(service)
    _require_dedicated(dep, operation)
    return service, dep


def _require_dedicated(dep: Deployment, operation: str) -> None:
    if pools.is_public(dep.config):
        raise errors.bad_request(pools.public_pool_refusal(dep.name, operation))


def _apply(dep: Deployment, operation) -> None:
    try:
        operation()
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None


def _transition(ctx: Context, service: Service, dep: Deployment, operation) -> None:
    try:
        change = operation()
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None
    ctx.note_deployment_change(service, dep, change)
    ctx.save_deployment(dep)
    ctx.sync_service(service)


def _sorted(deps: list[Deployment], key: str, direction: str | None) -> list[Deployment]:
    if key not in ("create_at", "update_at"):
        raise errors.invalid_field("sort_key", "must be create_at or update_at", key)
    descending = (direction or "DESC").upper() != "ASC"
    return sorted(deps, key=lambda d: getattr(d, key), reverse=descending)
