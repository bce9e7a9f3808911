"""Service endpoints: /v2/{project_id}/services[...]."""

from __future__ import annotations

import copy
import json
import re

from .. import errors
from . import deployments
from .context import Context, state_error
from ..responses import page, service_body, service_item, service_version_item
from ..state.common import TransitionNotAllowed
from ..state.deployment import ALLOWED_FROM as DEPLOYMENT_ALLOWED_FROM
from ..state.deployment import VersionRuleViolated
from ...core.rollout import NoProgressPossible
from ..state.service import MAX_SERVICES_PER_PROJECT, Service
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

# modelarts-api.md 4.2 (ServiceCreateRequest.name): 1-64 letters, Chinese characters, digits, '-' and '_'.
SERVICE_NAME_RE = re.compile(r"[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}")
SERVICE_TYPES = ("REAL_TIME", "ASYNC_REAL_TIME")
DEPLOY_TYPES = ("SINGLE", "MULTI")
PROTOCOLS = ("HTTP", "HTTPS", "WSS", "WS")
AUTH_TYPES = ("TOKEN", "API_KEY", "NONE")
RATE_UNITS = ("SECONDS", "MINUTES")
LTS_STRATEGIES = ("POOL", "AUTO_CREATE", "DEFAULT")
LOG_TYPES = ("STDOUT", "EVENT", "FILE")
TASK_TYPES = ("TEXT_GENERATION", "IMAGE_UNDERSTANDING", "VIDEO_GENERATION", "IMAGE_GENERATION",
              "RERANK", "VECTOR_MODEL", "EMBEDDING")
WORKLOAD_TYPES = ("DEPLOYMENT", "LWS")
TIME_UNITS = ("MINUTES", "HOURS", "DAYS")
EVENT_TYPES = ("NORMAL", "ABNORMAL", "WARNING")

# Service settings kept as given (besides the fields modelled on Service itself).
SETTING_FIELDS = ("runtime_config", "upgrade_config", "lts_strategy", "log_configs", "schedule",
                  "custom_metrics_path", "deploy_timeout_minutes", "task_type", "workload_type")


# ----- validation ----------------------------------------------------------------------------

def _validate_runtime_config(value, path: str, service_type: str) -> dict:
    config = as_object(value, path)
    invoke_path, limit_path = f"{path}.service_invoke", f"{path}.service_limit"
    invoke = as_object(required(config, "service_invoke", invoke_path), invoke_path)
    as_int(required(invoke, "port", f"{invoke_path}.port"), f"{invoke_path}.port", 1, 65535)
    protocol = as_enum(required(invoke, "protocol", f"{invoke_path}.protocol"),
                       f"{invoke_path}.protocol", PROTOCOLS)
    as_enum(required(invoke, "auth_type", f"{invoke_path}.auth_type"), f"{invoke_path}.auth_type",
            AUTH_TYPES)
    if service_type == "ASYNC_REAL_TIME" and protocol in ("WS", "WSS"):
        raise errors.invalid_field(f"{invoke_path}.protocol",
                                   "asynchronous services support only HTTP or HTTPS", protocol)
    for flag in ("internet_access_enable", "intranet_approval_enable", "dynamic_routing_enable"):
        optional(invoke, flag, as_bool, f"{invoke_path}.{flag}")
    limit = as_object(required(config, "service_limit", limit_path), limit_path)
    rate = as_object(required(limit, "rate_limit", f"{limit_path}.rate_limit"),
                     f"{limit_path}.rate_limit")
    as_int(required(rate, "num", f"{limit_path}.rate_limit.num"), f"{limit_path}.rate_limit.num",
           1, 10000)
    as_enum(required(rate, "unit", f"{limit_path}.rate_limit.unit"),
            f"{limit_path}.rate_limit.unit", RATE_UNITS)
    as_int(required(limit, "request_size_limit", f"{limit_path}.request_size_limit"),
           f"{limit_path}.request_size_limit", 1, 50)
    as_int(required(limit, "request_timeout", f"{limit_path}.request_timeout"),
           f"{limit_path}.request_timeout", 1, 7200)
    return config


def _validate_tags(value, path: str) -> list[dict]:
    tags = as_list(value, path, max_items=20)
    for index, tag in enumerate(tags):
        item = as_object(tag, f"{path}[{index}]")
        key = as_str(required(item, "key", f"{path}[{index}].key"), f"{path}[{index}].key",
                     min_len=1, max_len=128)
        if key.startswith("_sys_"):
            raise errors.invalid_field(f"{path}[{index}].key", "must not start with _sys_", key)
        optional(item, "value", as_str, f"{path}[{index}].value", max_len=256)
    return [{"key": t["key"], "value": t.get("value", "")} for t in tags]


def _validate_schedule(value, path: str) -> list:
    entries = as_list(value, path, max_items=1)
    for index, entry in enumerate(entries):
        item = as_object(entry, f"{path}[{index}]")
        as_enum(required(item, "type", f"{path}[{index}].type"), f"{path}[{index}].type", ("STOP",))
        as_enum(required(item, "time_unit", f"{path}[{index}].time_unit"),
                f"{path}[{index}].time_unit", TIME_UNITS)
        as_int(required(item, "duration", f"{path}[{index}].duration"),
               f"{path}[{index}].duration", 1)
    return entries


def _validate_log_configs(value, path: str) -> list:
    entries = as_list(value, path, max_items=3)
    for index, entry in enumerate(entries):
        item = as_object(entry, f"{path}[{index}]")
        as_enum(required(item, "type", f"{path}[{index}].type"), f"{path}[{index}].type", LOG_TYPES)
        optional(item, "status", as_enum, f"{path}[{index}].status", ("ON", "OFF"))
    return entries


def _validate_common_settings(body: dict, service_type: str) -> None:
    """Checks shared by create and update for the optional service settings."""
    optional(body, "runtime_config", _validate_runtime_config, "runtime_config", service_type)
    optional(body, "upgrade_config", deployments.validate_upgrade_config, "upgrade_config")
    optional(body, "lts_strategy", as_enum, "lts_strategy", LTS_STRATEGIES)
    optional(body, "log_configs", _validate_log_configs, "log_configs")
    optional(body, "schedule", _validate_schedule, "schedule")
    optional(body, "deploy_timeout_minutes", as_int, "deploy_timeout_minutes", 0, 300)
    optional(body, "task_type", as_enum, "task_type", TASK_TYPES)
    optional(body, "custom_metrics_path", as_str, "custom_metrics_path", max_len=255)
    optional(body, "description", as_description, "description")
    optional(body, "version", as_version, "version")
    optional(body, "workspace_id", as_str, "workspace_id", min_len=1, max_len=64)


def _validate_name(value) -> str:
    return as_str(value, "name", pattern=SERVICE_NAME_RE,
                  rule="must be 1-64 letters, Chinese characters, digits, '-' or '_'")


def _validate_create(body: dict) -> None:
    _validate_name(required(body, "name", "name"))
    service_type = as_enum(required(body, "type", "type"), "type", SERVICE_TYPES)
    as_enum(required(body, "deploy_type", "deploy_type"), "deploy_type", DEPLOY_TYPES)
    as_list(required(body, "group_configs", "group_configs"), "group_configs", max_items=1)
    required(body, "runtime_config", "runtime_config")
    optional(body, "workload_type", as_enum, "workload_type", WORKLOAD_TYPES)
    optional(body, "tags", _validate_tags, "tags")
    _validate_common_settings(body, service_type)


def _check_name_free(ctx: Context, name: str, except_id: str | None = None) -> None:
    if any(s.name == name and s.id != except_id for s in ctx.services()):
        raise errors.duplicate_name(f"Service name {name} already exists in this project.")


# ----- endpoints -----------------------------------------------------------------------------

def create(ctx: Context) -> dict:
    body = ctx.json_object()
    _validate_create(body)
    existing = ctx.services()
    if len(existing) >= MAX_SERVICES_PER_PROJECT:
        raise errors.quota_exceeded(f"A project can have at most {MAX_SERVICES_PER_PROJECT} "
                                    "real-time services; delete one first.")
    _check_name_free(ctx, body["name"])
    settings = {k: copy.deepcopy(body[k]) for k in SETTING_FIELDS if body.get(k) is not None}
    settings.setdefault("upgrade_config", copy.deepcopy(deployments.DEFAULT_UPGRADE_CONFIG))
    settings.setdefault("lts_strategy", "AUTO_CREATE")
    service = Service.create(
        name=body["name"], type_=body["type"], deploy_type=body["deploy_type"],
        workspace_id=body.get("workspace_id") or "0", description=body.get("description") or "",
        version=body.get("version") or "1.0.0", settings=settings,
        tags=_validate_tags(body.get("tags") or [], "tags"), now=ctx.now,
    )
    service.add_event("Service created.", ctx.now)
    for index, group in enumerate(body["group_configs"]):
        deployments.add_deployment(ctx, service, group, f"group_configs[{index}]")
    service.record_version(ctx.now, _deployment_versions(ctx, service))
    ctx.sync_service(service)
    return service_body(service, ctx.deployments(service.id), ctx.settings)


def show(ctx: Context) -> dict:
    service = ctx.service()
    return service_body(service, ctx.deployments(service.id), ctx.settings)


def list_(ctx: Context) -> dict:
    limit, offset = ctx.paging()
    services = [s for s in ctx.services() if _matches(s, ctx.query)]
    key = ctx.query.get("sort_key") or "update_at"
    if key not in ("create_at", "update_at"):
        raise errors.invalid_field("sort_key", "must be create_at or update_at", key)
    descending = (ctx.query.get("sort_dir") or "DESC").upper() != "ASC"
    services.sort(key=lambda s: getattr(s, key), reverse=descending)
    return page([service_item(s) for s in services], limit, offset)


def update(ctx: Context) -> dict:
    """Patch the service. A configuration change records a new version (the number given, or
    the next patch number); a number already recorded is refused, except the current one for a
    change of the description only."""
    service = ctx.service()
    body = ctx.json_object()
    _guard(service, "update")
    # runtime_config is a partial patch here; it is validated after merging.
    _validate_common_settings({k: v for k, v in body.items() if k != "runtime_config"},
                              service.type)
    service.ensure_history(_deployment_versions(ctx, service))
    if body.get("name") is not None and body["name"] != service.name:
        _validate_name(body["name"])
        _guard(service, "rename")
        _check_name_free(ctx, body["name"], except_id=service.id)
        service.name = body["name"]
    reconfigured = _apply_settings(service, body)
    reconfigured |= _apply_group_configs(ctx, service, body.get("group_configs"))
    wanted, description = body.get("version"), body.get("description")
    _check_version_number(service, wanted, reconfigured)
    if reconfigured or (wanted is not None and wanted != service.version):
        if description is not None:
            service.description = description
        service.new_version(wanted, ctx.now, _deployment_versions(ctx, service))
        service.add_event(f"Service updated to version {service.version}.", ctx.now)
    elif description is not None and description != service.description:
        service.describe_current(description, ctx.now)
    service.update_at = ctx.now
    ctx.sync_service(service)
    return service_body(service, ctx.deployments(service.id), ctx.settings)


def list_versions(ctx: Context) -> dict:
    """The service's recorded versions, newest first (`limit`, `offset` as in the other lists)."""
    service = ctx.service()
    limit, offset = ctx.paging()
    if service.current_version_entry() is None:
        service.ensure_history(_deployment_versions(ctx, service))
        ctx.save_service(service)
    entries = sorted(enumerate(service.versions), key=lambda p: (p[1]["create_at"], p[0]),
                     reverse=True)
    return page([service_version_item(service, entry) for _, entry in entries], limit, offset)


def switch_version(ctx: Context) -> dict:
    """Make a recorded version current again (body `{"target_version_id": ...}`): its settings
    and description, and each deployment back at the version it ran then (a rolling switch)."""
    service = ctx.service()
    body = ctx.json_object()
    target = as_str(required(body, "target_version_id", "target_version_id"), "target_version_id",
                    min_len=1, max_len=64)
    if optional(body, "id", as_str, "id") not in (None, service.id):
        raise errors.invalid_field("id", "must be the id of the service in the path", body["id"])
    optional(body, "workspace_id", as_str, "workspace_id", max_len=64)
    _guard(service, "update")
    service.ensure_history(_deployment_versions(ctx, service))
    entry = service.find_version(target)
    if entry is None:
        raise errors.service_version_not_found(service.name, target)
    if entry["id"] == service.version_id:
        raise errors.state_conflict(f"Version {entry['version']} ({target}) is already the "
                                    f"current version of service {service.name}.")
    for dep in ctx.deployments(service.id):
        wanted = entry["deployments"].get(dep.id)
        if wanted is None or wanted == dep.version:
            continue  # added after that version, or already there
        _switch_deployment(ctx, service, dep, wanted)
    service.switch_to(entry, ctx.now)
    service.add_event(f"Service switched to version {service.version}.", ctx.now)
    service.update_at = ctx.now
    ctx.sync_service(service)
    return service_body(service, ctx.deployments(service.id), ctx.settings)
def batch_delete(ctx: Context) -> dict:
    body = ctx.json_object()
    ids = as_list(required(body, "service_ids", "service_ids"), "service_ids")
    if not ids:
        raise errors.invalid_field("service_ids", "must name at least one service")
    # Resolve every id first so an unknown one deletes nothing.
    services = [ctx.service(as_str(i, "service_ids[]", min_len=1)) for i in ids]
    responses = []
    for service in services:
        responses.append(service_body(service, ctx.deployments(service.id), ctx.settings,
                                      status="DELETING"))
        ctx.delete_service(service)
    return {"service_responses": responses}


def start(ctx: Context) -> dict:
    service = ctx.service()
    _guard(service, "start")
    _for_each_deployment(ctx, service, "start",
                         lambda dep: dep.start(ctx.now, ctx.settings.ready_delay,
                                              minute_seconds=ctx.settings.minute_seconds))
    return service_body(service, ctx.deployments(service.id), ctx.settings)


def stop(ctx: Context) -> dict:
    service = ctx.service()
    _guard(service, "stop")
    _for_each_deployment(ctx, service, "stop",
                         lambda dep: dep.stop(ctx.now, ctx.settings.stop_delay))
    return service_body(service, ctx.deployments(service.id), ctx.settings)


def list_events(ctx: Context) -> dict:
    service = ctx.service()
    limit, offset = ctx.paging()
    event_type = ctx.query.get("event_type")
    if event_type:
        as_enum(event_type, "event_type", EVENT_TYPES)
    start_ms = ctx.query_int("start_time", 0, 0)
    end_ms = ctx.query_int("end_time", 2**62, 0)
    text = ctx.query.get("event_info_key") or ""
    events = [e for e in service.events
              if (not event_type or e["event_type"] == event_type)
              and start_ms <= e["create_at"] <= end_ms and text in e["event_info"]]
    descending = (ctx.query.get("sort_dir") or "DESC").upper() != "ASC"
    ordered = sorted(enumerate(events), key=lambda p: (p[1]["create_at"], p[0]), reverse=descending)
    return page([e for _, e in ordered], limit, offset)


# ----- helpers -------------------------------------------------------------------------------

def _deployment_versions(ctx: Context, service: Service) -> dict[str, str]:
    return {dep.id: dep.version for dep in ctx.deployments(service.id)}


def _check_version_number(service: Service, wanted: str | None, reconfigured: bool) -> None:
    if wanted is None:
        return
    if wanted == service.version:
        if reconfigured:
            raise errors.invalid_field(
                "version", "is the current version; a configuration change needs a new version "
                "number (within a version only the description may change)", wanted)
        return
    taken = service.version_taken(wanted)
    if taken is not None:
        raise errors.invalid_field(
            "version", f"already exists (version id {taken['id']}); a version number is never "
            "reused: give a new one, or switch to that version with "
            "POST .../services/{service_id}/versions/switch", wanted)


def _switch_deployment(ctx: Context, service: Service, dep, version: str) -> None:
    if not any(v["version"] == version for v in dep.versions):
        raise errors.state_conflict(f"Deployment {dep.name} no longer has version {version} "
                                    "(deleted); the service version cannot be restored.")
    try:
        change = dep.switch(version, ctx.now, ctx.settings.ready_delay, ctx.deploy_fault(dep.name),
                            minute_seconds=ctx.settings.minute_seconds)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None
    except (VersionRuleViolated, NoProgressPossible) as exc:
        raise errors.state_conflict(str(exc)) from None
    ctx.note_deployment_change(service, dep, change)
    ctx.save_deployment(dep)

def _guard(service: Service, operation: str) -> None:
    try:
        service.guard(operation)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None


def _matches(service: Service, query: dict[str, str]) -> bool:
    """List filters; `name` matches exactly, `description` as a substring."""
    item = service_item(service)
    for field in ("id", "name", "status", "type", "workspace_id", "auth_type"):
        wanted = query.get(field)
        if wanted and item.get(field) != wanted:
            return False
    wanted_description = query.get("description")
    return not wanted_description or wanted_description in service.description


def _apply_settings(service: Service, body: dict) -> bool:
    """PATCH-like merge of the service settings; True if anything changed."""
    before = copy.deepcopy(service.settings)
    for key in SETTING_FIELDS:
        if key == "workload_type" or body.get(key) is None:
            continue
        if key == "runtime_config":
            patch = as_object(body[key], "runtime_config")
            merged = _deep_merge(service.settings.get(key) or {}, patch)
            service.settings[key] = _validate_runtime_config(merged, "runtime_config", service.type)
        else:
            service.settings[key] = copy.deepcopy(body[key])
    if body.get("workspace_id") is not None:
        service.workspace_id = body["workspace_id"]
    tags = body.get("tags")
    if tags is not None:
        service.tags = _validate_tags(_parse_tags(tags), "tags")
    return service.settings != before


def _parse_tags(tags):
    # ServiceUpdateRequest types `tags` as a string; accept a JSON-encoded list there too.
    if isinstance(tags, str):
        try:
            return json.loads(tags)
        except ValueError:
            raise errors.invalid_field("tags", "must be a JSON array of {key, value}", tags) from None
    return tags


def _apply_group_configs(ctx: Context, service: Service, groups) -> bool:
    """Compatibility path: update (or add) the one deployment named in group_configs; True if
    a deployment changed."""
    if groups is None:
        return False
    as_list(groups, "group_configs", max_items=1)
    before = _deployment_shapes(ctx, service)
    for group in groups:
        as_object(group, "group_configs[0]")
        current = ctx.deployments(service.id)
        match = next((d for d in current if group.get("id") and d.id == group["id"]), None)
        match = match or next((d for d in current if d.name == group.get("name")), None)
        if match is None:
            deployments.add_deployment(ctx, service, group, "group_configs[0]")
        else:
            deployments.change_deployment(ctx, service, match, group, "group_configs[0]",
                                          via_service=True)
            ctx.save_deployment(match)
    return _deployment_shapes(ctx, service) != before


def _deployment_shapes(ctx: Context, service: Service) -> list:
    return [(d.id, d.name, d.version, d.config) for d in ctx.deployments(service.id)]


def _for_each_deployment(ctx: Context, service: Service, operation: str, action) -> None:
    """Apply a lifecycle operation to every deployment whose status allows it."""
    for dep in ctx.deployments(service.id):
        if dep.status in DEPLOYMENT_ALLOWED_FROM[operation]:
            ctx.note_deployment_change(service, dep, action(dep))
            ctx.save_deployment(dep)
    service.update_at = ctx.now
    ctx.sync_service(service)


def _deep_merge(base: dict, patch: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        elif value is not None:
            merged[key] = copy.deepcopy(value)
    return merged
