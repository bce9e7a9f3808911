"""Service groups: read-only in SDK 7.0.0 (they follow their members' `metadata.group`)."""

from __future__ import annotations

from .. import responses
from .context import Context


def list_(ctx: Context) -> dict:
    number, size = ctx.page()
    found = sorted(ctx.groups(ctx.host_region()), key=lambda g: g.create_time, reverse=True)
    text = ctx.query_str("Filter")
    if text:
        found = [g for g in found if text in g.name]
    if ctx.query_str("WorkspaceId"):
        wanted = ctx.query_str("WorkspaceId")
        found = [g for g in found
                 if any(s.workspace_id == wanted for s in ctx.members(g.region, g.name))]
    items = [responses.group(g, ctx.uid) for g in responses.page(found, number, size)]
    return responses.ok(PageNumber=number, PageSize=size, TotalCount=len(found), Groups=items)


def describe(ctx: Context) -> dict:
    return responses.group(ctx.group(), ctx.uid, with_request_id=True)


def endpoints(ctx: Context) -> dict:
    group = ctx.group()
    internet, intranet = responses.group_endpoints(group, ctx.uid)
    members = [s.name for s in ctx.members(group.region, group.name)
               if s.traffic_state == "grouping"]
    return responses.ok(f"Group [{group.name}] routes to {', '.join(members) or 'no service'}.",
                        AccessToken=group.token,
                        Endpoints=[{"BackendId": group.name, "EndpointType": "DefaultGateway",
                                    "PathType": "Group", "InternetEndpoints": [internet],
                                    "IntranetEndpoints": [intranet], "Port": 80}])
