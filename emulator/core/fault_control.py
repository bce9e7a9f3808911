"""The fault-injection control plane: /-/faults (no signature, loopback callers only).

POST adds a rule and returns it (with its id), GET lists the rules, DELETE
removes them all (or one: DELETE /-/faults/{fault_id}). Rules are kept in the
store, so they survive a restart; see `core.faults` for the kinds. Errors use
the core's own rendering (`{"error_code": "<neutral code>", "error_msg"}`).
"""

from __future__ import annotations

import asyncio
import math

from starlette.requests import Request
from starlette.responses import JSONResponse

from . import errors
from .access import loopback_only
from .body import parse_json, read_body
from .faults import DEFAULT_RETRY_AFTER, KINDS, FaultBook
from .store import Store
from .validation import as_enum, as_int, as_number, as_object, as_str, optional, required

MAX_SLOW_SECONDS = 600
MAX_RETRY_AFTER = 3600


def validate_rule(body) -> dict:
    rule = as_object(body, "body")
    kind = as_enum(required(rule, "kind", "kind"), "kind", KINDS)
    match = as_str(required(rule, "match", "match"), "match", min_len=1, max_len=1024)
    count = optional(rule, "count", as_int, "count", 1, None)
    seconds = rule.get("seconds")
    if kind == "slow":
        seconds = as_number(required(rule, "seconds", "seconds"), "seconds")
        if not 0 < seconds <= MAX_SLOW_SECONDS:
            raise errors.invalid_field("seconds", f"must be a number of seconds from 0 to "
                                       f"{MAX_SLOW_SECONDS}", seconds)
        seconds = rule["seconds"]
    elif kind == "http_429":
        seconds = optional(rule, "seconds", as_int, "seconds", 1, MAX_RETRY_AFTER)
        seconds = DEFAULT_RETRY_AFTER if seconds is None else seconds
    elif seconds is not None:
        raise errors.invalid_field("seconds", "applies only to kinds slow and http_429", seconds)
    rate = optional(rule, "rate", as_number, "rate")
    if rate is not None and not 0 < rate <= 1:
        raise errors.invalid_field("rate", "must be a fraction of matching events, "
                                   "0 < rate <= 1", rule["rate"])
    if kind == "unhealthy" and count is not None:
        raise errors.invalid_field("count", "does not apply to kind unhealthy (a condition that "
                                   "lasts until the rule is removed)", count)
    return {"kind": kind, "match": match, "count": count, "seconds": seconds,
            "rate": rule.get("rate")}


def endpoint(store: Store, max_body_bytes: int):
    @loopback_only("The fault-injection API")
    async def handle(request: Request) -> JSONResponse:
        try:
            body = await read_body(request, max_body_bytes)
            payload = parse_json(body) if request.method == "POST" else None
            with store.transaction():
                return _dispatch(request, FaultBook(store), payload)
        except errors.ApiError as error:
            return JSONResponse(error.body(), status_code=error.status,
                                headers=error.headers or None)

    return handle


def _dispatch(request: Request, book: FaultBook, payload) -> JSONResponse:
    fault_id = request.path_params.get("fault_id")
    if request.method == "GET":
        return JSONResponse({"faults": book.rules()})
    if request.method == "DELETE":
        if fault_id is None:
            return JSONResponse({"deleted": book.clear()})
        if not book.remove(fault_id):
            raise errors.not_found(f"Fault rule {fault_id} not found.")
        return JSONResponse({"deleted": 1})
    return JSONResponse(book.add(**validate_rule(payload)), status_code=201)


async def apply_request_faults(store: Store, path: str) -> None:
    """Delay and/or fail an API request as the matching rules say (before it is handled)."""
    with store.transaction():
        rules = FaultBook(store).take_request_faults(path)
    for rule in rules:
        if rule["kind"] == "slow":
            await asyncio.sleep(rule["seconds"])
        elif rule["kind"] == "http_429":
            raise errors.throttled(path, math.ceil(rule.get("seconds", DEFAULT_RETRY_AFTER)))
        else:
            raise errors.emulated_outage(path)
