"""Service instances (derived from the service, see `state.instances`) and their containers."""

from __future__ import annotations

from .. import errors, responses, validation
from ...core.validation import as_bool
from ..state import instances as view
from .context import Context
from .services import guarded

RESOURCE_TYPES = ("PublicResource", "DedicatedResource")
INSTANCE_ROLES = ("DataSet", "SDProxy", "Standard", "Queue")
SORT_KEYS = ("StartTime",)


def list_(ctx: Context) -> dict:
    service = ctx.service()
    number, size = ctx.page()
    rendered = [view.render(service, item, service.region)
                for item in view.instances(service, ctx.now)]
    q = ctx.query_str
    for key, field in (("InstanceName", "InstanceName"), ("InstanceStatus", "Status"),
                       ("InstanceIP", "InnerIP"), ("HostIP", "HostIP"),
                       ("InstanceType", "InstanceType")):
        if q(key):
            rendered = [item for item in rendered if item[field] == q(key)]
    if q("ResourceType"):
        kind = validation.as_enum(q("ResourceType"), "ResourceType", RESOURCE_TYPES)
        rendered = [item for item in rendered if item["ResourceType"] == kind]
    if q("Role"):
        role = validation.as_enum(q("Role"), "Role", INSTANCE_ROLES)
        rendered = [item for item in rendered if item["Role"] == role]
    if q("IsSpot"):
        spot = ctx.flag("IsSpot")
        rendered = [item for item in rendered if item["IsSpot"] == spot]
    if q("Filter"):
        text = q("Filter")
        rendered = [item for item in rendered if any(text in str(item[field]) for field in (
            "InstanceName", "InnerIP", "HostIP", "InstanceType"))]
    if q("Sort"):
        validation.as_enum(q("Sort"), "Sort", SORT_KEYS)
    order = validation.as_enum(q("Order") or "asc", "Order", ("asc", "desc"))
    if order == "desc":
        rendered.reverse()
    return responses.ok(PageNumber=number, PageSize=size, TotalCount=len(rendered),
                        Instances=responses.page(rendered, number, size))


def _instance(ctx: Context, service, name: str):
    found = view.find(service, name, ctx.now)
    if found is None:
        raise errors.instance_not_found(service.name, name)
    return found


def containers(ctx: Context) -> dict:
    service = ctx.service()
    item = _instance(ctx, service, ctx.path["InstanceName"])
    return responses.ok(ServiceName=service.name, Containers=view.containers(service, item))


def restart_instances(ctx: Context) -> dict:
    """DeleteServiceInstances: the named instances restart (their RestartCount grows)."""
    service = ctx.service()
    names = [n for n in (ctx.query.get("InstanceList") or "").split(",") if n]
    if not names:
        raise errors.missing_field("InstanceList")
    soft = ctx.flag("SoftRestart")
    container = ctx.query_str("Container")
    if container is not None and not soft:
        raise errors.invalid_field("Container", "applies only with SoftRestart=true", container)
    guarded(ctx, service, "change", "restart")
    for name in names:
        _instance(ctx, service, name)
    for name in names:
        service.restarts[name] = service.restarts.get(name, 0) + 1
        service.add_event(ctx.now, "Normal", "InstanceRestarted",
                          f"Instance [{name}] of service [{service.name}] restarted"
                          + (" (container process only)" if soft else "") + ".", name)
    ctx.save_service(service)
    return responses.ok(f"Instances {', '.join(names)[:300]} of service [{service.name}] are "
                        "restarting.")


def update_instance(ctx: Context) -> dict:
    """UpdateServiceInstance: isolate an instance (it stays, out of load balancing) or not."""
    service = ctx.service()
    name = ctx.path["InstanceName"]
    body = validation.body_object(ctx.body)
    if body.get("Isolate") is None:
        raise errors.missing_field("Isolate")
    isolate = as_bool(body["Isolate"], "Isolate")
    guarded(ctx, service, "change", "isolate")
    _instance(ctx, service, name)
    if isolate and name not in service.isolated:
        service.isolated.append(name)
    elif not isolate and name in service.isolated:
        service.isolated.remove(name)
    service.add_event(ctx.now, "Normal", "InstanceIsolated" if isolate else "InstanceRestored",
                      f"Instance [{name}] of service [{service.name}] "
                      + ("isolated from" if isolate else "returned to") + " load balancing.", name)
    ctx.save_service(service)
    return responses.ok(f"Instance [{name}] of service [{service.name}] updated.")
