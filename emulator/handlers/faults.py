"""The fault-injection control plane: /-/faults (no signature, loopback callers only).

POST adds a rule and returns it (with its id), GET lists the rules, DELETE
removes them all (or one: DELETE /-/faults/{fault_id}). Rules are kept in the
store, so they survive a restart; see `emulator.state.faults` for the kinds.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json

from starlette.requests import Request
from starlette.responses import JSONResponse

from inference_iac.emulator import errors
from inference_iac.emulator.state.faults import KINDS, FaultBook
from inference_iac.emulator.store import Store
from inference_iac.emulator.validation import as_enum, as_int, as_object, as_str, optional, required


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def validate_rule(body) -> dict:
    rule = as_object(body, "body")
    kind = as_enum(required(rule, "kind", "kind"), "kind", KINDS)
    match = as_str(required(rule, "match", "match"), "match", min_len=1, max_len=1024)
    count = optional(rule, "count", as_int, "count", 1, None)
    seconds = rule.get("seconds")
    if kind == "slow":
        seconds = required(rule, "seconds", "seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) \
                or not 0 < seconds <= 600:
            raise errors.invalid_field("seconds", "must be a number of seconds from 0 to 600",
                                       seconds)
    elif seconds is not None:
        raise errors.invalid_field("seconds", "applies only to kind slow", seconds)
    if kind == "unhealthy" and count is not None:
        raise errors.invalid_field("count", "does not apply to kind unhealthy (a condition that "
                                   "lasts until the rule is removed)", count)
    return {"kind": kind, "match": match, "count": count, "seconds": seconds}


def endpoint(store: Store):
    async def handle(request: Request) -> JSONResponse:
        if not _is_loopback(request):
            error = errors.forbidden("The fault-injection API accepts loopback callers only.")
            return JSONResponse(error.body(), status_code=error.status)
        try:
            body = await request.body()
            with store.transaction():
                return _dispatch(request, FaultBook(store), body)
        except errors.ApiError as error:
            return JSONResponse(error.body(), status_code=error.status)

    return handle


def _dispatch(request: Request, book: FaultBook, body: bytes) -> JSONResponse:
    fault_id = request.path_params.get("fault_id")
    if request.method == "GET":
        return JSONResponse({"faults": book.rules()})
    if request.method == "DELETE":
        if fault_id is None:
            return JSONResponse({"deleted": book.clear()})
        if not book.remove(fault_id):
            raise _rule_not_found(fault_id)
        return JSONResponse({"deleted": 1})
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        raise errors.bad_request("The request body is not valid JSON.") from None
    return JSONResponse(book.add(**validate_rule(payload)), status_code=201)


def _rule_not_found(fault_id: str) -> errors.ApiError:
    return errors.ApiError(404, "ModelArts.4041", f"Fault rule {fault_id} not found.")


async def apply_request_faults(store: Store, path: str) -> None:
    """Delay and/or fail an API request as the matching rules say (before it is handled)."""
    with store.transaction():
        rules = FaultBook(store).take_request_faults(path)
    for rule in rules:
        if rule["kind"] == "slow":
            await asyncio.sleep(rule["seconds"])
        else:
            raise errors.emulated_outage(path)
