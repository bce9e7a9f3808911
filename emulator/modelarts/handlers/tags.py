"""Service tags through the tag (TMS) endpoints: add or overwrite, delete, show.

The SDK's create-tag operation sends no body; a request without one changes
nothing. Clients that send `{"tags": [{"key", "value"}]}` add or overwrite
those keys, which is how tags change without touching the service version.
"""

from __future__ import annotations

from .. import errors
from .context import Context
from ..validation import as_list

MAX_TAGS = 20


def _service(ctx: Context):
    return ctx.service(ctx.path["resource_id"])


def _tags_in_body(ctx: Context) -> list[dict]:
    if ctx.body in (None, b"", ""):
        return []
    tags = as_list(ctx.json_object().get("tags", []), "tags", max_items=MAX_TAGS)
    for index, tag in enumerate(tags):
        if not isinstance(tag, dict) or not isinstance(tag.get("key"), str) or not tag["key"]:
            raise errors.invalid_field(f"tags[{index}].key", "is required and must be a non-empty string", tag)
        if tag["key"].startswith("_sys_"):
            raise errors.invalid_field(f"tags[{index}].key", "must not start with _sys_", tag["key"])
    return tags


def create(ctx: Context) -> dict:
    service = _service(ctx)
    merged = {t["key"]: t.get("value", "") for t in service.tags}
    merged.update({t["key"]: t.get("value", "") for t in _tags_in_body(ctx)})
    if len(merged) > MAX_TAGS:
        raise errors.invalid_field("tags", f"a service has at most {MAX_TAGS} tags", len(merged))
    service.tags = [{"key": k, "value": v} for k, v in merged.items()]
    ctx.save_service(service)
    return {}


def delete(ctx: Context) -> dict:
    service = _service(ctx)
    doomed = {t["key"] for t in _tags_in_body(ctx)}
    service.tags = [t for t in service.tags if t["key"] not in doomed]
    ctx.save_service(service)
    return {}


def show(ctx: Context) -> dict:
    return {"tags": _service(ctx).tags}
