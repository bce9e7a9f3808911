"""Services: create, describe, list, update (merge/replace), delete, start/stop/restart, clone,
versions and the rollback to a recorded version."""

from __future__ import annotations

import copy

from typing import Callable

from ...core.rollout import NoProgressPossible
from .. import errors, responses, validation
from ..state import service as service_state
from ..state.service import NotAllowed, Service, VersionRule, gateway_of
from .context import Context

# ListServices.ServiceStatus (the SDK's 18 values) and the sort fields the emulator knows.
STATUSES = ("Creating", "Stopped", "Failed", "Complete", "Cloning", "Stopping", "Updating",
            "Waiting", "HotUpdate", "Committing", "Starting", "DeleteFailed", "Running",
            "Developing", "Scaling", "Deleted", "Pending", "Deleting")
SERVICE_TYPES = ("Async", "Standard", "OfflineTask", "Proxima")
ROLES = ("DataLoader", "FrontEnd", "DataSet", "SDProxy", "LLMSscheduler", "ScalableJob",
         "LLMGateway", "Job", "Queue")
RESOURCE_TYPES = ("PublicResource", "DedicatedResource")
SORT_KEYS = {"CreateTime": lambda s: s.create_time, "UpdateTime": lambda s: s.update_time,
             "ServiceName": lambda s: s.name, "Status": lambda s: s.status}
UPDATE_TYPES = ("merge", "replace")


def merge(target, patch):
    """UpdateType=merge: objects merge deeply, arrays and scalars replace, null removes a key."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge(result.get(key), value)
    return result


def guarded(ctx: Context, service: Service, operation: str, locked_as: str | None = None) -> None:
    """Refuse an operation the safety lock or the status forbids."""
    if service.locked_against(locked_as or operation):
        raise errors.locked(service.name, service.safety_lock, locked_as or operation)
    try:
        service.guard(operation)
    except NotAllowed as refused:
        raise errors.incorrect_status(f"service [{service.name}]", operation, refused.status,
                                      refused.allowed) from None


# ----- per-service singletons: the autoscaler, the cron scaler, traffic mirroring ---------------

def singleton(service: Service, setting: str) -> dict:
    """The service's `setting` (autoscaler, cronscaler or mirror); 404 when it has none."""
    found = getattr(service, setting)
    if found is None:
        raise errors.absent(setting, service.name)
    return found


def set_singleton(ctx: Context, service: Service, setting: str, value: dict | None,
                  create: bool = False) -> None:
    """Create (`create`: refused when one exists), replace or, with None, delete a singleton
    (refused when none exists); refused as well while the lock or the status forbids a change."""
    guarded(ctx, service, "change", setting)
    if create and getattr(service, setting) is not None:
        raise errors.present(setting, service.name)
    if not create:
        singleton(service, setting)
    setattr(service, setting, value)


def remove_singleton(ctx: Context, setting: str) -> Service:
    """Delete the requested service's singleton; the service, saved."""
    service = ctx.service()
    set_singleton(ctx, service, setting, None)
    ctx.save_service(service)
    return service


def _check_gateway(ctx: Context, region: str, config: dict) -> None:
    gateway_id = gateway_of(config)
    if gateway_id and ctx.find_gateway(region, gateway_id) is None:
        raise errors.invalid_field("networking.gateway", f"must name a private gateway of region "
                                   f"{region}; {gateway_id} does not exist", gateway_id)


def _name_of(config: dict) -> str:
    return config.get("name") or (config.get("metadata") or {}).get("name")


def _create(ctx: Context, region: str, config: dict, labels: dict, workspace_id: str,
            develop: bool = False) -> dict:
    name = _name_of(config)
    if ctx.find_service(region, name) is not None:
        raise errors.service_exists(region, name)
    _check_gateway(ctx, region, config)
    try:
        service = Service.create(region, name, config, labels, workspace_id, ctx.now,
                                 ctx.settings.ready_delay, ctx.take_fault(name), develop)
    except NoProgressPossible as refused:
        raise errors.invalid_field("metadata.rolling_strategy", str(refused)) from None
    ctx.join_group(service, "")
    ctx.save_service(service)
    internet, intranet = responses.endpoints(service, ctx.uid,
                                             ctx.find_gateway(region, gateway_of(config)))
    return responses.ok(ServiceId=service.service_id,
                        ServiceName=name, Status=service.status, Region=region,
                        InternetEndpoint=internet, IntranetEndpoint=intranet)


def create(ctx: Context) -> dict:
    config = validation.service_config(ctx.body)
    labels = validation.json_query_labels(ctx.query.get("Labels"), "Labels")
    development = ctx.flag("Develop")
    if development and not isinstance(config.get("containers"), list):
        raise errors.invalid_field("Develop", "development mode applies to services deployed "
                                   "from a custom image (containers)", "true")
    workspace = ctx.query_str("WorkspaceId") or (config.get("metadata") or {}).get(
        "workspace_id") or ""
    return _create(ctx, ctx.home_region(), config, labels, workspace, development)


def clone(ctx: Context) -> dict:
    source = ctx.service()
    overrides = validation.body_object(ctx.body) if ctx.body is not None else {}
    config = merge(source.config, overrides)
    meta = overrides.get("metadata") if isinstance(overrides.get("metadata"), dict) else {}
    new_name = overrides.get("name") or meta.get("name")
    if not new_name:
        raise errors.missing_field("name (the clone's name, in the request body)")
    config["name"] = new_name
    if isinstance(config.get("metadata"), dict) and "name" in config["metadata"]:
        config["metadata"]["name"] = new_name
    config.pop("token", None)  # a clone gets its own token unless the body sets one
    if overrides.get("token"):
        config["token"] = overrides["token"]
    validation.service_config(config)
    labels = validation.json_query_labels(ctx.query.get("Labels"), "Labels")
    return _create(ctx, source.region, config, labels or dict(source.labels), source.workspace_id)


def describe(ctx: Context) -> dict:
    service = ctx.service()
    gateway = ctx.find_gateway(service.region, gateway_of(service.config))
    return responses.service(service, ctx.uid, ctx.now, gateway)


def list_(ctx: Context) -> dict:
    number, size = ctx.page()
    found = ctx.services(ctx.host_region())
    q = ctx.query_str
    if q("Filter"):
        found = [s for s in found if q("Filter") in s.name]
    if q("ServiceName"):
        found = [s for s in found if s.name == q("ServiceName")]
    if q("ServiceStatus"):
        status = validation.as_enum(q("ServiceStatus"), "ServiceStatus", STATUSES)
        found = [s for s in found if s.status == status]
    if q("GroupName"):
        found = [s for s in found if s.group == q("GroupName")]
    if q("Gateway"):
        found = [s for s in found if gateway_of(s.config) == q("Gateway")]
    if q("WorkspaceId"):
        found = [s for s in found if s.workspace_id == q("WorkspaceId")]
    if q("ResourceName"):
        found = [s for s in found
                 if (s.config.get("metadata") or {}).get("resource") == q("ResourceName")]
    if q("ResourceType"):
        kind = validation.as_enum(q("ResourceType"), "ResourceType", RESOURCE_TYPES)
        found = [s for s in found if bool((s.config.get("metadata") or {}).get("resource"))
                 == (kind == "DedicatedResource")]
    if q("ServiceType"):
        kind = validation.as_enum(q("ServiceType"), "ServiceType", SERVICE_TYPES)
        found = [s for s in found if kind == "Standard"]
    if q("Role"):
        validation.as_enum(q("Role"), "Role", ROLES)
        found = []  # the emulator's services are standard services, without a role
    if q("ServiceUid"):
        found = [s for s in found if s.service_id == q("ServiceUid")]
    for key in ("QuotaId", "ParentServiceUid"):
        if q(key):
            found = []  # no quotas and no Band member services here
    if q("Label"):
        wanted = validation.labels(validation.json_query(q("Label"), "Label"), "Label")
        found = [s for s in found if all(s.labels.get(k) == v for k, v in wanted.items())]
    sort_key = q("Sort") or "CreateTime"
    if sort_key not in SORT_KEYS:
        raise errors.invalid_field("Sort", f"must be one of {', '.join(SORT_KEYS)}", sort_key)
    order = validation.as_enum(q("Order") or "desc", "Order", ("asc", "desc"))
    found.sort(key=SORT_KEYS[sort_key], reverse=order == "desc")
    gateways = {g.key: g for g in ctx.gateways()}
    items = [responses.service(s, ctx.uid, ctx.now,
                               gateways.get(f"{s.region}/{gateway_of(s.config)}"),
                               with_request_id=False)
             for s in responses.page(found, number, size)]
    return responses.ok(PageNumber=number, PageSize=size, TotalCount=len(found), Services=items)


def update(ctx: Context) -> dict:
    service = ctx.service()
    update_type = validation.as_enum(ctx.query_str("UpdateType") or "merge", "UpdateType",
                                     UPDATE_TYPES)
    patch = validation.body_object(ctx.body)
    if not patch:
        raise errors.bad_request("The request body holds nothing to update.")
    for path, given in (("name", patch.get("name")),
                        ("metadata.name", (patch.get("metadata") or {}).get("name")
                         if isinstance(patch.get("metadata"), dict) else None)):
        if given is not None and given != service.name:
            raise errors.invalid_field(path, f"cannot change: a service is renamed by creating "
                                       f"another (this one is {service.name})", given)
    guarded(ctx, service, "update")
    config = merge(service.config, patch) if update_type == "merge" else copy.deepcopy(patch)
    if not config.get("name") and not (isinstance(config.get("metadata"), dict)
                                       and config["metadata"].get("name")):
        config["name"] = service.name
    validation.service_config(config)
    _check_gateway(ctx, service.region, config)
    previous_group = service.group
    try:
        changes = service.update(config, ctx.now, ctx.settings.ready_delay,
                                 ctx.settings.stop_delay, ctx.take_fault(service.name),
                                 f"UpdateService ({update_type})")
    except NoProgressPossible as refused:
        raise errors.invalid_field("metadata.rolling_strategy", str(refused)) from None
    ctx.join_group(service, previous_group)
    ctx.save_service(service)
    if not changes:
        message = f"Service [{service.name}] is unchanged: the service JSON is the same."
    elif "rollout" in changes or service.status == "Updating":
        message = (f"Service [{service.name}] in region [{service.region}] is updating to "
                   f"version [{service.current_version}].")
    elif "scale" in changes:
        message = (f"Service [{service.name}] in region [{service.region}] is scaling to "
                   f"[{service.instances}] instance(s).")
    else:
        message = (f"Service [{service.name}] in region [{service.region}] is updated to version "
                   f"[{service.current_version}].")
    return responses.ok(message)


def delete(ctx: Context) -> dict:
    return _transition(ctx, "delete", "being deleted",
                       lambda service: service.delete(ctx.now, ctx.settings.stop_delay))


def start(ctx: Context) -> dict:
    return _transition(ctx, "start", "starting", lambda service: service.start(
        ctx.now, ctx.settings.ready_delay, ctx.take_fault(service.name)))


def stop(ctx: Context) -> dict:
    return _transition(ctx, "stop", "stopping",
                       lambda service: service.stop(ctx.now, ctx.settings.stop_delay))


def restart(ctx: Context) -> dict:
    return _transition(ctx, "restart", "restarting", lambda service: service.restart(
        ctx.now, ctx.settings.ready_delay, ctx.take_fault(service.name)))


def _transition(ctx: Context, operation: str, under_way: str,
                begin: Callable[[Service], None]) -> dict:
    """Start a status change of the requested service (as its lock and status allow)."""
    service = ctx.service()
    guarded(ctx, service, operation)
    begin(service)
    ctx.save_service(service)
    return responses.ok(f"Service [{service.name}] in region [{service.region}] is {under_way}.")


def develop(ctx: Context) -> dict:
    """DevelopService: Exit=false (default) enters development mode, Exit=true leaves it."""
    service = ctx.service()
    leave = ctx.flag("Exit")
    operation = "exit development mode" if leave else "enter development mode"
    guarded(ctx, service, operation, "update")
    if not isinstance(service.config.get("containers"), list):
        raise errors.invalid_field("containers", "development mode applies to services "
                                   "deployed from a custom image (containers)")
    service.develop_mode(not leave, ctx.now, ctx.settings.ready_delay)
    ctx.save_service(service)
    return responses.ok(f"Service [{service.name}] in region [{service.region}] "
                        + ("exits" if leave else "enters") + " development mode.")


def commit(ctx: Context) -> dict:
    service = ctx.service()
    guarded(ctx, service, "commit", "update")
    service.commit(ctx.now, ctx.settings.ready_delay)
    ctx.save_service(service)
    return responses.ok(f"Service [{service.name}] in region [{service.region}] is committing "
                        "the container of worker0 as a new image.")


# ----- versions ---------------------------------------------------------------------------------

def list_versions(ctx: Context) -> dict:
    service = ctx.service()
    number, size = ctx.page()
    entries = sorted(service.versions, key=lambda v: v["version"], reverse=True)
    items = [responses.version(service, entry) for entry in responses.page(entries, number, size)]
    return responses.ok(PageNumber=number, PageSize=size, TotalCount=len(entries), Versions=items)


def switch_version(ctx: Context) -> dict:
    service = ctx.service()
    version = validation.version(ctx.body)
    guarded(ctx, service, "switch to another version of", "update")
    previous_group = service.group
    try:
        service.switch_version(version, ctx.now, ctx.settings.ready_delay,
                               ctx.take_fault(service.name))
    except VersionRule as refused:
        raise errors.invalid_field("Version", str(refused), version) from None
    except NoProgressPossible as refused:
        raise errors.invalid_field("metadata.rolling_strategy", str(refused)) from None
    ctx.join_group(service, previous_group)
    ctx.save_service(service)
    return responses.ok(f"Service [{service.name}] in region [{service.region}] rolls back to "
                        f"version [{version}].")


KIND = service_state.KIND
