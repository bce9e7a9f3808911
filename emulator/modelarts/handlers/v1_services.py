"""v1 services: /v1/{project_id}/services[/{service_id}[/events]].

- POST   .../services                 deploy models as a service (seed 000) -> {service_id, resource_ids}
- GET    .../services                 list, with the documented filters and paging
- GET    .../services/{service_id}    details
- PUT    .../services/{service_id}    update description/schedule/config/additional_properties,
                                      or start/stop with `status` (seed 001) -> {}
- DELETE .../services/{service_id}    delete (several ids may be given, comma-separated) -> {}
- GET    .../services/{service_id}/events

The status-or-config rule (seed 001): "Either status or config can be modified.
If both of them are used, modify status only." A PUT with both applies the
status change and ignores `config` entirely (it is neither validated nor
applied; an event records that it was ignored). The other fields of such a
PUT (description, schedule, additional_properties) are applied.
"""

from __future__ import annotations

from .. import errors, v1_errors
from ..state.common import TransitionNotAllowed
from ..state.v1_model import DEPLOYABLE
from ..state.v1_service import (
    BATCH,
    MAX_BATCH_SERVICES,
    MAX_REAL_TIME_SERVICES,
    REAL_TIME,
    STATUSES,
    EdgeLifecycle,
    V1Service,
)
from ..v1_responses import create_body, events_body, list_body, service_body, service_item
from ..v1_validation import (
    INFER_TYPES,
    SERVICE_DESCRIPTION_FORBIDDEN,
    as_text,
    create_only_changes,
    json_object,
    validate_config,
    validate_schedule,
    validate_service_create,
    validate_service_properties,
    validate_status,
)
from ..validation import as_enum, optional
from . import v1_common as common
from .context import Context

SORT_KEYS = ("publish_at", "service_name", "transition_at")
EVENT_TYPES = ("normal", "abnormal")


def create(ctx: Context) -> dict:
    found = validate_service_create(json_object(ctx.body), ctx.settings.dedicated_pools)
    existing = common.services(ctx)
    _check_quota(existing, found["infer_type"])
    if any(s.service_name == found["service_name"] for s in existing):
        raise errors.duplicate_name(f"Service name {found['service_name']} already exists in "
                                    "this project.")
    check_models(ctx, found["config"], found["infer_type"], "config")
    svc = V1Service.create(found["service_name"], found["infer_type"], found["workspace_id"],
                           found["description"], found["settings"], found["config"],
                           found["schedule"], found["additional_properties"], ctx.now)
    svc.deploy(ctx.now, common.timing(ctx), ctx.deploy_fault(svc.service_name))
    common.save_service(ctx, svc)
    return create_body(svc)


def show(ctx: Context) -> dict:
    svc = common.service(ctx, ctx.path["service_id"])
    models = {m.model_id: m for m in common.models(ctx)}
    return service_body(svc, models, ctx.settings, ctx.project_id, ctx.now)


def list_(ctx: Context) -> dict:
    query = ctx.query
    limit, offset = common.paging(ctx)
    infer_type, status = query.get("infer_type") or None, query.get("status") or None
    if infer_type:
        as_enum(infer_type, "infer_type", INFER_TYPES)
    if status:
        as_enum(status, "status", STATUSES)
    sort_by = query.get("sort_by") or "publish_at"
    as_enum(sort_by, "sort_by", SORT_KEYS)
    order = query.get("order") or "desc"
    as_enum(order, "order", ("asc", "desc"))
    wanted = {key: query.get(key) or None
              for key in ("service_id", "service_name", "workspace_id", "model_id", "cluster_id")}

    def matches(svc: V1Service) -> bool:
        # v1 services carry no tags (the create body has none): a tags filter matches none.
        if query.get("tags"):
            return False
        return ((not infer_type or svc.infer_type == infer_type)
                and (not status or svc.status == status)
                and (not wanted["service_id"] or svc.service_id == wanted["service_id"])
                and (not wanted["service_name"] or svc.service_name == wanted["service_name"])
                and (not wanted["workspace_id"] or svc.workspace_id == wanted["workspace_id"])
                and (not wanted["model_id"] or wanted["model_id"] in
                     {e["model_id"] for e in svc.config})
                and (not wanted["cluster_id"] or wanted["cluster_id"] in _clusters(svc)))

    found = [s for s in common.services(ctx) if matches(s)]
    found.sort(key=lambda s: (getattr(s, sort_by), s.publish_at), reverse=order == "desc")
    return list_body("services", [service_item(s, ctx.project_id, ctx.now) for s in found],
                     limit, offset)


def update(ctx: Context) -> dict:
    svc = common.service(ctx, ctx.path["service_id"])
    body = json_object(ctx.body)
    create_only_changes(body, {"workspace_id": svc.workspace_id, "infer_type": svc.infer_type,
                               "service_name": svc.service_name, **svc.settings})
    status = optional(body, "status", lambda value, _path: validate_status(value), "status")
    description = optional(body, "description", as_text, "description", 100,
                           SERVICE_DESCRIPTION_FORBIDDEN)
    schedule = optional(body, "schedule", validate_schedule, "schedule", svc.infer_type)
    props = optional(body, "additional_properties", validate_service_properties,
                     "additional_properties", svc.additional_properties)
    config, config_ignored = None, False
    if body.get("config") is not None:
        if status is not None:
            config_ignored = True  # seed 001: "If both of them are used, modify status only."
        else:
            config = validate_config(body["config"], "config", svc.infer_type, svc.settings,
                                     ctx.settings.dedicated_pools, updating=True)
            check_models(ctx, config, svc.infer_type, "config")
    timing = common.timing(ctx)
    take_fault = lambda: ctx.deploy_fault(svc.service_name)  # noqa: E731  (only when deploying)
    try:
        modifies = ((description is not None and description != svc.description)
                    or (schedule is not None and schedule != svc.schedule)
                    or (props is not None and props != svc.additional_properties)
                    or (config is not None and config != svc.config))
        if modifies:
            svc.guard_modify()
        if description is not None:
            svc.description = description
        if props is not None:
            svc.additional_properties = props
        if schedule is not None:
            svc.set_schedule(schedule, ctx.now, timing)
        if status == "running":
            svc.start(ctx.now, timing, take_fault)
        elif status == "stopped":
            svc.stop(ctx.now, timing)
        elif config is not None:
            svc.update_config(config, ctx.now, timing, take_fault)
    except TransitionNotAllowed as exc:
        raise errors.state_conflict(_refusal(svc, exc)) from None
    except EdgeLifecycle as exc:
        raise errors.invalid_field("status", str(exc), status) from None
    if config_ignored:
        svc.add_event("The config of the update request was ignored: status and config were "
                      "both given, only the status is modified.", ctx.now)
    common.save_service(ctx, svc)
    return {}


def delete(ctx: Context) -> dict:
    """Several services may be named, separated by commas; an unknown one deletes none."""
    ids = [part.strip() for part in ctx.path["service_id"].split(",")]
    if any(not part for part in ids):
        raise errors.invalid_field("service_id", "must be one service id or several separated "
                                   "by commas", ctx.path["service_id"])
    for svc in [common.service(ctx, service_id) for service_id in dict.fromkeys(ids)]:
        common.delete_service(ctx, svc)
    return {}


def list_events(ctx: Context) -> dict:
    svc = common.service(ctx, ctx.path["service_id"])
    limit, offset = common.paging(ctx)
    event_type = ctx.query.get("event_type") or None
    if event_type:
        as_enum(event_type, "event_type", EVENT_TYPES)
    start = common.query_count(ctx, "start_time", 0, 0)
    end = common.query_count(ctx, "end_time", 2**62, 0)
    text = ctx.query.get("event_info") or ""
    as_enum(ctx.query.get("sort_by") or "occur_time", "sort_by", ("occur_time",))
    order = ctx.query.get("order") or "desc"
    as_enum(order, "order", ("asc", "desc"))
    events = [e for e in svc.events
              if (not event_type or e["event_type"] == event_type)
              and start <= e["occur_time"] <= end and text in e["event_info"]]
    ordered = [e for _, e in sorted(enumerate(events), key=lambda p: (p[1]["occur_time"], p[0]),
                                    reverse=order == "desc")]
    return events_body(svc, ordered[offset:offset + limit], len(ordered))


# ----- helpers -------------------------------------------------------------------------------

def check_models(ctx: Context, config: list[dict], infer_type: str, path: str) -> None:
    """Each model exists in the project, is published, may be deployed as this infer_type, and
    no two entries deploy the same model version."""
    seen: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(config):
        where = f"{path}[{index}]"
        found = common.find_model(ctx, entry["model_id"])
        if found is None:
            raise errors.invalid_field(f"{where}.model_id", "must name a model of this project "
                                       "(GET /v1/{project_id}/models)", entry["model_id"])
        if found.model_status not in DEPLOYABLE:
            raise v1_errors.model_not_deployable(found.model_id, found.model_status,
                                                 f"{where}.model_id")
        if infer_type not in found.install_type:
            raise errors.invalid_field(
                f"{where}.model_id", f"model {found.model_name} {found.model_version} can be "
                f"deployed only as {', '.join(found.install_type)} services (its install_type), "
                f"not as {infer_type}", entry["model_id"])
        key = (found.model_name, found.model_version)
        if key in seen:
            raise v1_errors.duplicate_model_version(seen[key], where, *key)
        seen[key] = where


def _check_quota(existing: list[V1Service], infer_type: str) -> None:
    limits = {REAL_TIME: MAX_REAL_TIME_SERVICES, BATCH: MAX_BATCH_SERVICES}
    limit = limits.get(infer_type)
    if limit is not None and sum(s.infer_type == infer_type for s in existing) >= limit:
        raise errors.quota_exceeded(f"A project can have at most {limit} {infer_type} services; "
                                    "delete one first.")


def _clusters(svc: V1Service) -> set[str]:
    found = {svc.settings.get("cluster_id"), svc.settings.get("pool_name")}
    for entry in svc.config:
        found |= {entry.get("cluster_id"), entry.get("pool_name")}
    return {c for c in found if c}


def _refusal(svc: V1Service, exc: TransitionNotAllowed) -> str:
    what = {"modify": "modify", "start": "start", "stop": "stop"}[exc.operation]
    allowed = ", ".join(s for s in STATUSES if s in exc.allowed)
    return (f"Cannot {what} service {svc.service_name} while it is {exc.status}; "
            f"allowed when it is {allowed}.")
