"""Who may call the unsigned local endpoints (fault control plane, status page)."""

from __future__ import annotations

import functools
import ipaddress

from starlette.requests import Request
from starlette.responses import JSONResponse

from . import errors


def is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def loopback_only(what: str):
    """Decorate an endpoint so that non-loopback callers get a 403."""
    def decorate(handler):
        @functools.wraps(handler)
        async def guarded(request: Request):
            if not is_loopback(request):
                error = errors.forbidden(f"{what} accepts loopback callers only.")
                return JSONResponse(error.body(), status_code=error.status)
            return await handler(request)
        return guarded
    return decorate
