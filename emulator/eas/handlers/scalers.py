"""The autoscaler and the cron scaler: per-service singletons (eas-api.md 4.3, 4.4).

Requests use lower-camel names (`min`, `max`, `scaleStrategies`, `behavior`)
and lower-case metric names; DescribeServiceAutoScaler answers with
`MinReplica`, `MaxReplica`, `ScaleStrategies` (metric names upper-case: QPS,
CPU, GPU[UTIL]), `Behavior` (every default filled in) and `CurrentMetrics`.
Creating one that exists, or updating/deleting/describing one that does not,
is refused (400 / 404).

The autoscaler owns the instance count: when it is created or updated, a
service whose `metadata.instance` is outside [min, max] scales to the nearest
bound (Scaling, no new version), so `metadata.instance` in ServiceConfig
drifts from what the service was created with. Cron jobs are validated and
kept; the emulator does not run them on their schedule.
"""

from __future__ import annotations

import copy

from .. import responses, validation
from ..state.common import iso
from ..state.service import FAILED, RUNNING, SCALING, STOPPED, UPDATING, WAITING, Service
from .context import Context
from .services import remove_singleton, set_singleton, singleton

CAN_SCALE = {RUNNING, WAITING, UPDATING, SCALING, FAILED, STOPPED}


def _clamp(ctx: Context, service: Service, low: int, high: int) -> None:
    count = service.instances
    target = min(max(count, low), high)
    if target == count or service.status not in CAN_SCALE:
        return
    config = copy.deepcopy(service.config)
    config.setdefault("metadata", {})["instance"] = target
    service.add_event(ctx.now, "Normal", "AutoscalerScaling",
                      f"Autoscaler of service [{service.name}]: {count} instance(s) outside "
                      f"[{low}, {high}], scaling to {target}.")
    service.update(config, ctx.now, ctx.settings.ready_delay, ctx.settings.stop_delay,
                   ctx.take_fault(service.name), "Autoscaler")


def create_autoscaler(ctx: Context) -> dict:
    return _put_autoscaler(ctx, "created", create=True)


def update_autoscaler(ctx: Context) -> dict:
    return _put_autoscaler(ctx, "updated")


def _put_autoscaler(ctx: Context, done: str, create: bool = False) -> dict:
    service = ctx.service()
    spec = validation.autoscaler(ctx.body, service.name)
    set_singleton(ctx, service, "autoscaler", spec, create)
    _clamp(ctx, service, spec["min"], spec["max"])
    ctx.save_service(service)
    return responses.ok(f"Autoscaler of service [{service.name}] {done}: {spec['min']} to "
                        f"{spec['max']} instance(s).")


def describe_autoscaler(ctx: Context) -> dict:
    service = ctx.service()
    spec = singleton(service, "autoscaler")
    strategies = [{"metricName": s["metricName"].upper(), "threshold": s["threshold"],
                   "service": s["service"]} for s in spec["scaleStrategies"]]
    metrics = [{"metricName": s["metricName"].upper(), "value": 0.0, "service": s["service"]}
               for s in spec["scaleStrategies"]]
    return responses.ok(ServiceName=service.name, MinReplica=spec["min"], MaxReplica=spec["max"],
                        ScaleStrategies=strategies, Behavior=spec["behavior"],
                        CurrentMetrics=metrics)


def delete_autoscaler(ctx: Context) -> dict:
    service = remove_singleton(ctx, "autoscaler")
    return responses.ok(f"Autoscaler of service [{service.name}] deleted.")


def create_cronscaler(ctx: Context) -> dict:
    return _put_cronscaler(ctx, "created", create=True)


def update_cronscaler(ctx: Context) -> dict:
    return _put_cronscaler(ctx, "updated")


def _put_cronscaler(ctx: Context, done: str, create: bool = False) -> dict:
    service = ctx.service()
    spec = validation.cronscaler(ctx.body)
    set_singleton(ctx, service, "cronscaler", _stamped(spec, ctx.now, service.cronscaler), create)
    ctx.save_service(service)
    return responses.ok(f"Cron scaler of service [{service.name}] {done} with "
                        f"{len(spec['ScaleJobs'])} job(s).")


def _stamped(spec: dict, now: float, previous: dict | None = None) -> dict:
    """Jobs keep their CreateTime across an update when their name and schedule are kept."""
    before = {(j["Name"], j["Schedule"]): j["created"] for j in (previous or {}).get("ScaleJobs", [])}
    for job in spec["ScaleJobs"]:
        job["created"] = before.get((job["Name"], job["Schedule"]), now)
    return spec


def describe_cronscaler(ctx: Context) -> dict:
    service = ctx.service()
    spec = singleton(service, "cronscaler")
    jobs = [{"Name": j["Name"], "Schedule": j["Schedule"], "TargetSize": j["TargetSize"],
             "State": "Normal", "Message": "", "CreateTime": iso(j["created"]),
             "LastProbeTime": iso(ctx.now)} for j in spec["ScaleJobs"]]
    return responses.ok(ServiceName=service.name, ScaleJobs=jobs,
                        ExcludeDates=list(spec["ExcludeDates"]))


def delete_cronscaler(ctx: Context) -> dict:
    service = remove_singleton(ctx, "cronscaler")
    return responses.ok(f"Cron scaler of service [{service.name}] deleted.")
