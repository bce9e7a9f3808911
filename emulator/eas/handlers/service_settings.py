"""What hangs off a service besides its JSON: traffic (ReleaseService), endpoints, events,
labels, the safety lock, traffic mirroring, diagnosis and logs."""

from __future__ import annotations

from .. import errors, responses, validation
from ..state.common import parse_time
from ..state.service import gateway_of
from .context import Context
from .services import guarded, remove_singleton, set_singleton, singleton

EVENT_TYPES = ("Normal", "Warning")
DEFAULT_LOG_PAGE = 500


def release(ctx: Context) -> dict:
    service = ctx.service()
    weight, state = validation.release(ctx.body)
    guarded(ctx, service, "change", "release")
    if not service.group:
        raise errors.invalid_field("TrafficState" if state else "Weight",
                                   f"applies to services in a group; service [{service.name}] "
                                   "belongs to none (set metadata.group)")
    if weight is not None:
        service.weight = weight
    if state is not None:
        service.traffic_state = state
    service.update_time = ctx.now
    service.add_event(ctx.now, "Normal", "ServiceReleased",
                      f"Service [{service.name}] traffic: {service.traffic_state}, weight "
                      f"{service.weight} in group [{service.group}].")
    ctx.save_service(service)
    return responses.ok(f"Releasing service [{service.name}] in region [{service.region}] with "
                        f"weight [{service.weight}], service status: [{service.status}]")


def endpoints(ctx: Context) -> dict:
    service = ctx.service()
    gateway = ctx.find_gateway(service.region, gateway_of(service.config))
    return responses.ok("", AccessToken=service.token,
                        Endpoints=responses.service_endpoints(service, ctx.uid, gateway))


def events(ctx: Context) -> dict:
    service = ctx.service()
    number, size = ctx.page("PageNum", "PageSize")
    found = list(service.events)
    if ctx.query_str("EventType"):
        kind = validation.as_enum(ctx.query_str("EventType"), "EventType", EVENT_TYPES)
        found = [e for e in found if e["Type"] == kind]
    start = _time(ctx, "StartTime", ctx.now - 7 * 86400)
    end = _time(ctx, "EndTime", ctx.now)
    if end < start:
        raise errors.invalid_field("EndTime", "must not be before StartTime",
                                   ctx.query_str("EndTime"))
    # Times are whole seconds on the wire: compare at that resolution.
    found = [e for e in found if int(start) <= int(e["at"]) <= end]
    if ctx.query_str("InstanceName"):
        found = [e for e in found if e.get("InstanceName") == ctx.query_str("InstanceName")]
    found.reverse()  # newest first
    items = [responses.event(e) for e in responses.page(found, number, size)]
    return responses.ok(PageNum=number, TotalCount=len(found),
                        TotalPageNum=responses.total_pages(len(found), size), Events=items)


def _time(ctx: Context, key: str, default: float) -> float:
    raw = ctx.query_str(key)
    if raw is None:
        return default
    value = parse_time(raw)
    if value is None:
        raise errors.invalid_field(key, "must be a UTC time like 2024-11-20 08:00:00 or "
                                   "2024-11-20T08:00:00Z", raw)
    return value


def update_labels(ctx: Context) -> dict:
    service = ctx.service()
    body = validation.body_object(ctx.body)
    if body.get("Labels") is None:
        raise errors.missing_field("Labels")
    labels = validation.labels(body["Labels"], "Labels")
    if not labels:
        raise errors.invalid_field("Labels", "must hold at least one label", labels)
    guarded(ctx, service, "change", "label")
    service.labels.update(labels)
    service.update_time = ctx.now
    ctx.save_service(service)
    return responses.ok(f"Labels of service [{service.name}] updated.")


def delete_labels(ctx: Context) -> dict:
    service = ctx.service()
    keys = [k for k in (ctx.query.get("Keys") or "").split(",") if k]
    if not keys:
        raise errors.missing_field("Keys")
    guarded(ctx, service, "change", "label")
    for key in keys:
        service.labels.pop(key, None)
    service.update_time = ctx.now
    ctx.save_service(service)
    return responses.ok(f"Labels {', '.join(keys)[:200]} of service [{service.name}] deleted.")


def update_lock(ctx: Context) -> dict:
    service = ctx.service()
    lock = validation.lock(ctx.body)
    try:
        service.guard("change")
    except Exception:
        raise errors.incorrect_status(f"service [{service.name}]", "lock", service.status,
                                      {"any status but Deleting"}) from None
    service.safety_lock = lock
    service.update_time = ctx.now
    ctx.save_service(service)
    return responses.ok(f"Safety lock of service [{service.name}] set to [{lock}].")


# ----- traffic mirroring ------------------------------------------------------------------------

def _mirror_spec(ctx: Context, service) -> dict:
    spec = validation.mirror(ctx.body, service.name)
    for index, target in enumerate(spec["Target"]):
        if ctx.find_service(service.region, target) is None:
            raise errors.invalid_field(f"Target[{index}]", f"must name a service of region "
                                       f"{service.region}; {target} does not exist", target)
    return spec


def create_mirror(ctx: Context) -> dict:
    service = ctx.service()
    spec = _mirror_spec(ctx, service)
    set_singleton(ctx, service, "mirror", spec, create=True)
    ctx.save_service(service)
    return responses.ok(f"Traffic mirroring of service [{service.name}] enabled: "
                        f"{spec['Ratio']}% to {', '.join(spec['Target'])}.")


def describe_mirror(ctx: Context) -> dict:
    service = ctx.service()
    mirror = singleton(service, "mirror")
    return responses.ok(ServiceName=service.name, Ratio=str(mirror["Ratio"]),
                        Target=",".join(mirror["Target"]))


def update_mirror(ctx: Context) -> dict:
    service = ctx.service()
    spec = _mirror_spec(ctx, service)
    set_singleton(ctx, service, "mirror", spec)
    ctx.save_service(service)
    return responses.ok(f"Traffic mirroring of service [{service.name}] updated.")


def delete_mirror(ctx: Context) -> dict:
    service = remove_singleton(ctx, "mirror")
    return responses.ok(f"Traffic mirroring of service [{service.name}] disabled.")


# ----- diagnosis and logs -----------------------------------------------------------------------

def diagnosis(ctx: Context) -> dict:
    service = ctx.service()
    found = []
    if service.status == "Failed":
        found.append({"Error": service.message or "The service failed.",
                      "Causes": ["New instances failed their startup probe."],
                      "Advices": ["Check the image, the command and the port of the containers; "
                                  "roll back with UpdateServiceVersion or update the service."]})
    elif service.status == "Waiting" or (service.rollout or {}).get("held"):
        found.append({"Error": service.message or "Instances are not ready.",
                      "Causes": ["New instances do not pass their readiness probe."],
                      "Advices": ["Check the readiness of the service's port; the old "
                                  "instances keep serving while the update is held back."]})
    if service.unhealthy:
        found.append({"Error": "An instance fails its readiness probe.",
                      "Causes": ["The instance was removed from load balancing."],
                      "Advices": ["Restart the instance (DeleteServiceInstances)."]})
    return responses.ok(DiagnosisList=found)


def logs(ctx: Context) -> dict:
    """Log lines of the service's instances: what the platform would log for its events."""
    service = ctx.service()
    number, size = ctx.page("PageNum", "PageSize", DEFAULT_LOG_PAGE)
    for key in ("StartTime", "EndTime"):
        _time(ctx, key, 0.0)
    ctx.flag("Previous")
    lines = [f"{e['Time']} [{e['Type']}] {e['Reason']}: {e['Message']}" for e in service.events]
    keyword = ctx.query_str("Keyword")
    if keyword:
        lines = [line for line in lines if keyword in line]
    return responses.ok(PageNum=number, TotalCount=len(lines),
                        TotalPageNum=responses.total_pages(len(lines), size),
                        Logs=responses.page(lines, number, size))
