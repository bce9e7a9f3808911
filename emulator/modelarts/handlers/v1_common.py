"""Store access and timed progress shared by the v1 handlers (services and models).

The handlers receive the plug-in's `Context` (a core `Call`); v1 resources
live in the same store under kinds of their own (`v1_service`, `v1_model`).
"""

from __future__ import annotations

import re

from ...core.faults import FaultBook
from .. import errors, v1_errors
from ..state import v1_model as model_state
from ..state import v1_service as service_state
from ..state.v1_model import V1Model
from ..state.v1_service import V1Service
from ..v1_validation import as_count
from .context import Context


DEFAULT_LIMIT = 1000  # the v1 lists' documented default
MAX_LIMIT = 1000


def query_count(ctx: Context, name: str, default: int, low: int, high: int | None = None) -> int:
    raw = ctx.query.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"-?\d{1,18}", raw.strip()):
        raise errors.invalid_field(name, "must be an integer", raw)
    return as_count(int(raw), name, low, high)


def paging(ctx: Context) -> tuple[int, int]:
    """(limit, offset): `offset` counts records, like the v2 lists (the v1 documents call it
    the "start page" without saying more; a record offset is what their examples need)."""
    return (query_count(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
            query_count(ctx, "offset", 0, 0))


def timing(ctx: Context) -> dict:
    """The emulator timings a scheduled transition uses (kept on the service)."""
    settings = ctx.settings
    return {"ready_delay": settings.ready_delay, "stop_delay": settings.stop_delay,
            "minute_seconds": settings.minute_seconds}


# ----- services ------------------------------------------------------------------------------

def services(ctx: Context) -> list[V1Service]:
    return [V1Service.from_doc(d) for d in ctx.store.list(service_state.KIND, ctx.project_id)]


def service(ctx: Context, service_id: str) -> V1Service:
    doc = ctx.store.get(service_state.KIND, ctx.project_id, service_id)
    if doc is None:
        raise v1_errors.service_not_found(service_id)
    return V1Service.from_doc(doc)


def save_service(ctx: Context, svc: V1Service) -> None:
    ctx.store.put(service_state.KIND, ctx.project_id, svc.service_id, svc.to_doc())


def delete_service(ctx: Context, svc: V1Service) -> None:
    ctx.store.delete(service_state.KIND, ctx.project_id, svc.service_id)


# ----- models --------------------------------------------------------------------------------

def models(ctx: Context) -> list[V1Model]:
    return [V1Model.from_doc(d) for d in ctx.store.list(model_state.KIND, ctx.project_id)]


def find_model(ctx: Context, model_id: str) -> V1Model | None:
    doc = ctx.store.get(model_state.KIND, ctx.project_id, model_id)
    return None if doc is None else V1Model.from_doc(doc)


def model(ctx: Context, model_id: str) -> V1Model:
    found = find_model(ctx, model_id)
    if found is None:
        raise v1_errors.model_not_found(model_id)
    return found


def save_model(ctx: Context, found: V1Model) -> None:
    ctx.store.put(model_state.KIND, ctx.project_id, found.model_id, found.to_doc())


def delete_model(ctx: Context, found: V1Model) -> None:
    ctx.store.delete(model_state.KIND, ctx.project_id, found.model_id)


# ----- timed progress ------------------------------------------------------------------------

def advance_all(store_models: list[V1Model], store_services: list[V1Service],
                unhealthy_rules: list[dict], now: float) -> tuple[list[V1Model], list[V1Service]]:
    """Apply the due transitions in memory; return the models and services that changed."""
    changed_models = [m for m in store_models if m.advance(now)]
    changed_services = []
    for svc in store_services:
        changed = bool(svc.advance(now))
        failing = FaultBook.is_unhealthy(unhealthy_rules, svc.service_name)
        if svc.set_health(failing, now) is not None:
            changed = True
        if changed:
            changed_services.append(svc)
    return changed_models, changed_services


def advance_project(ctx: Context) -> None:
    """The v1 part of the plug-in's per-request time-advance hook (no background work)."""
    rules = FaultBook(ctx.store).unhealthy_rules()
    changed_models, changed_services = advance_all(models(ctx), services(ctx), rules, ctx.now)
    for found in changed_models:
        save_model(ctx, found)
    for svc in changed_services:
        save_service(ctx, svc)
