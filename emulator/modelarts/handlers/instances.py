"""Instance and pod lists: /v2/{project_id}/services/{id}/deployments/{name}/instances[...].

These paths name the service `{id}` and the deployment by its name. Their
`offset` is a page number ("start page", modelarts-api.md 4.9 item 10), not a
record offset as in the other lists.
"""

from __future__ import annotations

import math
from dataclasses import asdict

from .. import errors
from .context import Context
from ..state import instances as instance_state

INSTANCE_FIELDS = ("instance_name", "status", "weight", "update_at")
POD_FILTERS = ("pod_name", "pod_id", "pod_node_ip", "pod_node_name", "pod_role_name")


def list_instances(ctx: Context) -> dict:
    dep = _deployment(ctx, ctx.path["name"])
    wanted = ctx.query_list("status")
    name = ctx.query.get("instance_name")
    found = [i for i in instance_state.instances(dep, ctx.now)
             if instance_state.matches_status(i.status, wanted)
             and (not name or i.instance_name == name)]
    return _page(ctx, [_instance_item(i) for i in found])


def list_pods(ctx: Context) -> dict:
    dep = _deployment(ctx, ctx.path["deployment_name"])
    everything = instance_state.instances(dep, ctx.now)
    instance_name = ctx.path["name"]
    chosen = everything if instance_name == "all" else [
        i for i in everything if i.instance_name == instance_name]
    if not chosen and instance_name != "all":
        raise errors.instance_not_found(dep.name, instance_name)
    wanted = set(ctx.query_list("status"))
    pods = [asdict(p) for i in chosen for p in i.pods]
    pods = [p for p in pods if (not wanted or p["status"] in wanted) and all(
        not ctx.query.get(key) or p[key] == ctx.query[key] for key in POD_FILTERS)]
    return _page(ctx, pods)


# ----- helpers -------------------------------------------------------------------------------

def _deployment(ctx: Context, name: str):
    service = ctx.service(ctx.path["id"])
    return ctx.deployment_by_name(service, name)


def _instance_item(instance: instance_state.Instance) -> dict:
    item = {key: getattr(instance, key) for key in INSTANCE_FIELDS}
    # `version` is not in ServiceInstanceResponse; the SDK ignores it, raw clients may use it.
    return {**item, "pod_count": len(instance.pods),
            "running_pod_count": instance.running_pod_count, "version": instance.version}


def _page(ctx: Context, items: list[dict]) -> dict:
    limit = ctx.query_int("limit", 10, 1, 500)
    page_number = ctx.query_int("offset", 0, 0)
    chunk = items[page_number * limit:(page_number + 1) * limit]
    return {"data": chunk, "current": page_number, "size": len(chunk),
            "pages": math.ceil(len(items) / limit), "total": len(items)}
