"""Intranet (private network) connection endpoints: /v2/{project_id}/intranet-connection[...].

There is no show endpoint: callers filter the lists by `id`. In the emulator
the applicant and the service owner are the same project, so `requests`
(my applications) and `reviews` (requests I must approve) list the same
records, each with its own filters. Timed steps (CONNECTING -> CONNECTED)
are applied lazily at the start of each of these requests.
"""

from __future__ import annotations

import ipaddress
import re

from .. import errors
from .context import Context, state_error
from ..responses import intranet_connection_body, page
from ..state.common import TransitionNotAllowed
from ..state.intranet_connection import ACTIONS, KIND, MAX_CUSTOM_URLS, IntranetConnection
from ..state.service import Service
from ..validation import as_enum, as_list, as_str, optional, required

SCENES = ("VPC", "POOL")
TYPES = ("SERVICE", "GLOBAL")
# Services must be "running properly" (domain-spec 10) to accept a connection.
CONNECTABLE_SERVICE_STATUSES = {"RUNNING", "CONCERNING"}
ID_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
URL_RE = re.compile(r"(?P<scheme>https?|wss?)://(?P<host>[^/:]+)(?::(?P<port>\d{1,5}))?(?P<path>/[A-Za-z0-9._/-]*)?")
LABEL_RE = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")
REQUEST_FILTERS = ("scene", "status", "id", "service_id", "service_name", "vpc_id", "pool_id")
REVIEW_FILTERS = ("scene", "id", "service_id", "service_name", "vpc_id", "pool_id", "status", "type")


# ----- validation ----------------------------------------------------------------------------

def url_problem(url: str) -> str | None:
    """Why `url` is not a valid custom access URL (SDK docstring rules), or None."""
    if len(url) > 1024:
        return "must be at most 1024 characters"
    match = URL_RE.fullmatch(url)
    if match is None:
        return "must look like {http|https|ws|wss}://{domain or IP:port}{/path of A-Z a-z 0-9 . _ / -}"
    port = match["port"]
    if port is not None and not 1 <= int(port) <= 65535:
        return "port must be 1-65535"
    host = match["host"]
    try:
        ipaddress.IPv4Address(host)
        return None if port else "an IP address needs a port (IP:port)"
    except ValueError:
        pass
    labels = host.split(".")
    if len(host) > 63 or len(labels) < 2 or not all(LABEL_RE.fullmatch(label) for label in labels):
        return "domain must be at most 63 characters of letters, digits and '-' (not at either end of a label)"
    if any(ch.isdigit() for ch in labels[-1]):
        return "the top-level domain must not contain digits"
    return None


def validate_custom_urls(value, path: str = "custom_urls") -> list[str]:
    urls = as_list(value, path, max_items=MAX_CUSTOM_URLS)
    for index, url in enumerate(urls):
        as_str(url, f"{path}[{index}]", min_len=1)
        problem = url_problem(url)
        if problem:
            raise errors.invalid_field(f"{path}[{index}]", problem, url)
    if len(set(urls)) != len(urls):
        raise errors.invalid_field(path, "must not repeat a URL", urls)
    return urls


def _id(value, path: str) -> str:
    return as_str(value, path, pattern=ID_RE, rule="must be 1-64 letters, digits, '.', '_' or '-'")


def _validate_create(body: dict) -> dict:
    scene = as_enum(required(body, "scene", "scene"), "scene", SCENES)
    type_ = as_enum(body.get("type") or "SERVICE", "type", TYPES)
    fields = {"scene": scene, "type": type_}
    if type_ == "SERVICE":
        fields["service_id"] = _id(required(body, "service_id", "service_id"), "service_id")
    else:
        fields["service_id"] = optional(body, "service_id", _id, "service_id")
    vpc_fields, pool_fields = ("vpc_id", "subnet_id"), ("pool_id",)
    wanted, unwanted = (vpc_fields, pool_fields) if scene == "VPC" else (pool_fields, vpc_fields)
    for key in wanted:
        fields[key] = _id(required(body, key, key), key)
    for key in unwanted:
        if body.get(key) is not None:
            raise errors.invalid_field(key, f"is not used in the {scene} scene", body[key])
        fields[key] = None
    fields["dispatcher_group_id"] = optional(body, "dispatcher_group_id", _id, "dispatcher_group_id")
    fields["custom_urls"] = validate_custom_urls(body.get("custom_urls") or [])
    return fields


# ----- store access --------------------------------------------------------------------------

def _all(ctx: Context) -> list[IntranetConnection]:
    return [IntranetConnection.from_doc(d) for d in ctx.store.list(KIND, ctx.project_id)]


def _save(ctx: Context, conn: IntranetConnection) -> None:
    ctx.store.put(KIND, ctx.project_id, conn.id, conn.to_doc())


def _get(ctx: Context, conn_id: str) -> IntranetConnection:
    doc = ctx.store.get(KIND, ctx.project_id, conn_id)
    if doc is None:
        raise errors.ApiError(404, "ModelArts.3510", f"Intranet connection {conn_id} not found.")
    return IntranetConnection.from_doc(doc)


def _needs_approval(service: Service | None) -> bool:
    if service is None:
        return False
    invoke = (service.settings.get("runtime_config") or {}).get("service_invoke") or {}
    return invoke.get("intranet_approval_enable") is True


# ----- endpoints -----------------------------------------------------------------------------

def create(ctx: Context) -> dict:
    fields = _validate_create(ctx.json_object())
    service = ctx.service(fields["service_id"]) if fields["service_id"] else None
    if service is not None and service.status not in CONNECTABLE_SERVICE_STATUSES:
        raise errors.state_conflict(f"Service {service.name} is {service.status}; an intranet connection "
                                    "needs a running service (RUNNING or CONCERNING).")
    for other in _all(ctx):
        if other.same_target(fields["service_id"], fields["scene"], fields["vpc_id"], fields["pool_id"]):
            where = f"VPC {fields['vpc_id']}" if fields["scene"] == "VPC" else f"pool {fields['pool_id']}"
            raise errors.duplicate_name(f"Intranet connection {other.id} already connects {where} to "
                                        f"service {fields['service_id']}; only one is allowed.")
    fields.update(service_name=service.name if service else None, service_type=service.type if service else None)
    fields["dispatcher_group_id"] = fields["dispatcher_group_id"] or (service.id if service else None)
    conn = IntranetConnection.create(fields, _needs_approval(service), ctx.now, ctx.settings.ready_delay)
    _save(ctx, conn)
    return intranet_connection_body(conn, ctx.settings)


def list_requests(ctx: Context) -> dict:
    return _list(ctx, REQUEST_FILTERS, sort_dir_supported=True)


def list_reviews(ctx: Context) -> dict:
    return _list(ctx, REVIEW_FILTERS, sort_dir_supported=False)


def modify(ctx: Context) -> dict:
    conn = _get(ctx, ctx.path["connection_id"])
    urls = validate_custom_urls(required(ctx.json_object(), "custom_urls", "custom_urls"))
    try:
        conn.modify(urls, ctx.now)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None
    _save(ctx, conn)
    return intranet_connection_body(conn, ctx.settings)


def update(ctx: Context) -> dict:
    conn = _get(ctx, ctx.path["connection_id"])
    body = ctx.json_object()
    action = as_enum(required(body, "action", "action"), "action", ACTIONS)
    reason = optional(body, "reason", as_str, "reason", max_len=512)
    try:
        conn.act(action, reason, ctx.now, ctx.settings.ready_delay)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None
    _save(ctx, conn)
    return {}


def batch_delete(ctx: Context) -> dict:
    ids = as_list(required(ctx.json_object(), "intranet_connection_ids", "intranet_connection_ids"),
                  "intranet_connection_ids")
    if not ids:
        raise errors.invalid_field("intranet_connection_ids", "must name at least one connection")
    # Resolve every id first so an unknown one deletes nothing.
    conns = [_get(ctx, as_str(i, "intranet_connection_ids[]", min_len=1)) for i in ids]
    for conn in conns:
        ctx.store.delete(KIND, ctx.project_id, conn.id)
    return {}


# ----- helpers -------------------------------------------------------------------------------

def _list(ctx: Context, filters: tuple[str, ...], sort_dir_supported: bool) -> dict:
    limit, offset = ctx.paging()
    key = ctx.query.get("sort_key") or "update_at"
    if key not in ("create_at", "update_at"):
        raise errors.invalid_field("sort_key", "must be create_at or update_at", key)
    direction = (ctx.query.get("sort_dir") or "DESC").upper() if sort_dir_supported else "DESC"
    if direction not in ("ASC", "DESC"):
        raise errors.invalid_field("sort_dir", "must be ASC or DESC", direction)
    conns = [c for c in _all(ctx) if all(not ctx.query.get(f) or getattr(c, f) == ctx.query[f] for f in filters)]
    conns.sort(key=lambda c: getattr(c, key), reverse=direction == "DESC")
    return page([intranet_connection_body(c, ctx.settings) for c in conns], limit, offset)
