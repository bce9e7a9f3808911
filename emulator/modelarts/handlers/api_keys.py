"""API key endpoints: /v2/{project_id}/services/api-keys and .../services/{service_id}/api-keys/...

Create answers with a CSV download, as the console does ("the key is
automatically downloaded ... field api_key"): the SDK treats that response as
a raw stream. The CSV carries the new key's `key_id` beside `api_key`, so a
caller learns the id without a second request.
"""

from __future__ import annotations

import csv
import io
import re

from starlette.responses import Response

from .. import errors
from .context import Context
from ..responses import api_key_body, page
from ..state.api_key import (
    KIND,
    MAX_API_KEYS_PER_PROJECT,
    MAX_BATCH_KEYS,
    SCOPES,
    ApiKey,
    BindRefused,
)
from ..state.common import to_ms
from ..state.service import Service
from ..validation import as_enum, as_list, as_object, as_str, optional, required

KEY_NAME_RE = re.compile(r"[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}")
DESCRIPTION_FORBIDDEN = set("!<>=&'\"")
CSV_COLUMNS = ("key_id", "name", "api_key", "scope", "create_time")


# ----- store access ----------------------------------------------------------------------------

def _keys(ctx: Context) -> list[ApiKey]:
    return [ApiKey.from_doc(d) for d in ctx.store.list(KIND, ctx.project_id)]


def _key(ctx: Context) -> ApiKey:
    key_id = ctx.path["key_id"]
    doc = ctx.store.get(KIND, ctx.project_id, key_id)
    if doc is None:
        raise errors.ApiError(404, "ModelArts.3505", f"API key {key_id} not found.")
    return ApiKey.from_doc(doc)


def _save(ctx: Context, key: ApiKey) -> None:
    ctx.store.put(KIND, ctx.project_id, key.key_id, key.to_doc())


def _services_by_id(ctx: Context) -> dict[str, Service]:
    return {s.id: s for s in ctx.services()}


def _body(ctx: Context, key: ApiKey, services: dict[str, Service] | None = None) -> dict:
    # A deleted service simply drops out of its keys' bindings.
    services = _services_by_id(ctx) if services is None else services
    return api_key_body(key, [services[i] for i in key.service_ids if i in services], ctx.project_id)


def _refused(exc: BindRefused) -> errors.ApiError:
    return errors.state_conflict(str(exc))


# ----- validation ------------------------------------------------------------------------------

def _validate_description(value, path: str) -> str:
    text = as_str(value, path, max_len=256)
    if DESCRIPTION_FORBIDDEN & set(text):
        raise errors.invalid_field(path, "must not contain ! < > = & ' or \"", value)
    return text


def _validate_create(body: dict) -> None:
    as_str(required(body, "name", "name"), "name", pattern=KEY_NAME_RE,
           rule="must be 1-64 letters, Chinese characters, digits, '-' or '_'")
    as_enum(required(body, "scope", "scope"), "scope", SCOPES)
    optional(body, "description", _validate_description, "description")


# ----- endpoints -------------------------------------------------------------------------------

def create(ctx: Context) -> Response:
    body = ctx.json_object()
    _validate_create(body)
    existing = _keys(ctx)
    if any(k.name == body["name"] for k in existing):
        raise errors.duplicate_name(f"API key name {body['name']} already exists in this project.")
    if len(existing) >= MAX_API_KEYS_PER_PROJECT:
        raise errors.quota_exceeded(f"A project can have at most {MAX_API_KEYS_PER_PROJECT} API keys; "
                                    "delete one first.")
    key, secret = ApiKey.create(body["name"], body.get("description") or "", body["scope"],
                                workspace_id="0", now=ctx.now)
    _save(ctx, key)
    return _csv_download(key, secret)


def _csv_download(key: ApiKey, secret: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerow([key.key_id, key.name, secret, key.scope, str(to_ms(key.create_at))])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="apikey-{key.key_id}.csv"',
        "Cache-Control": "no-store",
    })


def list_(ctx: Context) -> dict:
    limit, offset = ctx.paging()
    services = _services_by_id(ctx)
    keys = [k for k in _keys(ctx) if _matches(ctx, k, services)]
    return page([_body(ctx, k, services) for k in keys], limit, offset)


def _matches(ctx: Context, key: ApiKey, services: dict[str, Service]) -> bool:
    query = ctx.query
    for field in ("key_id", "name", "scope", "workspace_id"):
        if query.get(field) and getattr(key, field) != query[field]:
            return False
    wanted = query.get("service_id")
    if query.get("service_name"):
        named = [s.id for s in services.values() if s.name == query["service_name"]]
        if not named or (wanted and wanted not in named):
            return False
        wanted = named[0]
    if not wanted:
        return True
    with_user_scope = (query.get("with_user_scope") or "false").lower() == "true"
    return wanted in key.service_ids or (with_user_scope and key.scope == "USER")


def delete(ctx: Context) -> dict:
    key = _key(ctx)
    services = _services_by_id(ctx)
    try:
        key.check_delete([i for i in key.service_ids if i in services])
    except BindRefused as exc:
        raise _refused(exc) from None
    ctx.store.delete(KIND, ctx.project_id, key.key_id)
    return _body(ctx, key, services)


def bind(ctx: Context) -> dict:
    service = ctx.service()
    key = _key(ctx)
    _bind_one(key, service)
    _save(ctx, key)
    return _body(ctx, key)


def unbind(ctx: Context) -> dict:
    service = ctx.service()
    key = _key(ctx)
    try:
        key.unbind(service.id)
    except BindRefused as exc:
        raise _refused(exc) from None
    _save(ctx, key)
    return _body(ctx, key)


def _bind_one(key: ApiKey, service: Service) -> None:
    invoke = (service.settings.get("runtime_config") or {}).get("service_invoke") or {}
    try:
        key.check_bind(service.name, service.status, invoke.get("auth_type"))
    except BindRefused as exc:
        raise _refused(exc) from None
    key.bind(service.id)


def batch_bind(ctx: Context) -> dict:
    service = ctx.service()
    return _batch(ctx, lambda key: _bind_one(key, service))


def batch_unbind(ctx: Context) -> dict:
    service = ctx.service()
    return _batch(ctx, lambda key: key.unbind(service.id))


def _batch(ctx: Context, apply) -> dict:
    """Each key succeeds or fails on its own; failures are reported in the 200 body."""
    body = ctx.json_object()
    entries = as_list(required(body, "key_ids", "key_ids"), "key_ids", max_items=MAX_BATCH_KEYS)
    if not entries:
        raise errors.invalid_field("key_ids", "must name at least one key")
    ids = [as_str(required(as_object(e, f"key_ids[{i}]"), "key_id", f"key_ids[{i}].key_id"),
                  f"key_ids[{i}].key_id", min_len=1) for i, e in enumerate(entries)]
    services = _services_by_id(ctx)
    succeeded, failed = [], []
    for key_id in ids:
        doc = ctx.store.get(KIND, ctx.project_id, key_id)
        if doc is None:
            failed.append(_failure(key_id, "ModelArts.3505", f"API key {key_id} not found."))
            continue
        key = ApiKey.from_doc(doc)
        try:
            apply(key)
        except (BindRefused, errors.ApiError) as exc:
            failed.append(_failure(key_id, "ModelArts.4003", _message(exc)))
            continue
        _save(ctx, key)
        succeeded.append(_body(ctx, key, services))
    return {"total": len(ids), "success_count": len(succeeded), "success_items": succeeded,
            "failure_count": len(failed), "failure_items": failed}


def _message(exc: Exception) -> str:
    return exc.message if isinstance(exc, errors.ApiError) else str(exc)


def _failure(key_id: str, code: str, message: str) -> dict:
    return {"key_id": key_id, "error_code": code, "error_msg": message}
