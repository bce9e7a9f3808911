"""API errors, independent of any cloud's error format.

Handlers and the core raise `ApiError(status, code, message)`. The `code` is
either one of the neutral codes below or a code already in an API's own
namespace (e.g. `ModelArts.3502`); each API plug-in renders errors its own way
(`ApiPlugin.error_response`), mapping the neutral codes into its namespace.
"""

from __future__ import annotations

# Neutral codes: every API plug-in maps these to its own.
BAD_REQUEST = "bad_request"
INVALID_FIELD = "invalid_field"
MISSING_FIELD = "missing_field"
STATE_CONFLICT = "state_conflict"
DUPLICATE_NAME = "duplicate_name"
QUOTA_EXCEEDED = "quota_exceeded"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
NOT_FOUND = "not_found"
ROUTE_NOT_FOUND = "route_not_found"
METHOD_NOT_ALLOWED = "method_not_allowed"
BODY_TOO_LARGE = "body_too_large"
THROTTLED = "throttled"
INTERNAL = "internal"
NOT_IMPLEMENTED = "not_implemented"
UNAVAILABLE = "unavailable"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def body(self) -> dict:
        """The core's own rendering (control-plane endpoints): neutral code and message."""
        return {"error_code": self.code, "error_msg": self.message}


def bad_request(message: str) -> ApiError:
    return ApiError(400, BAD_REQUEST, message)


def invalid_field(field: str, rule: str, value=None) -> ApiError:
    shown = "" if value is None else f", got {_shown(value)}"
    return ApiError(400, INVALID_FIELD, f"Invalid parameter '{field}': {rule}{shown}.")


def missing_field(field: str) -> ApiError:
    return ApiError(400, MISSING_FIELD, f"Missing required parameter '{field}'.")


def state_conflict(message: str) -> ApiError:
    return ApiError(400, STATE_CONFLICT, message)


def duplicate_name(message: str) -> ApiError:
    return ApiError(400, DUPLICATE_NAME, message)


def quota_exceeded(message: str) -> ApiError:
    return ApiError(400, QUOTA_EXCEEDED, message)


def unauthorized(message: str) -> ApiError:
    return ApiError(401, UNAUTHORIZED, message)


def forbidden(message: str) -> ApiError:
    return ApiError(403, FORBIDDEN, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, NOT_FOUND, message)


def route_not_found(path: str) -> ApiError:
    return ApiError(404, ROUTE_NOT_FOUND, f"No API matches path {path}.")


def method_not_allowed(method: str, path: str) -> ApiError:
    return ApiError(405, METHOD_NOT_ALLOWED, f"Method {method} is not supported on {path}.")


def body_too_large(limit: int) -> ApiError:
    return ApiError(413, BODY_TOO_LARGE, f"The request body is larger than {limit} bytes, "
                                         "the limit of this emulator (--max-body-bytes).")


def throttled(path: str, retry_after: int) -> ApiError:
    return ApiError(429, THROTTLED, f"Emulated fault: too many requests for {path} (http_429); "
                                    f"retry after {retry_after} s.",
                    headers={"Retry-After": str(retry_after)})


def internal() -> ApiError:
    return ApiError(500, INTERNAL, "Internal emulator error.")


def not_implemented(what: str) -> ApiError:
    return ApiError(501, NOT_IMPLEMENTED, f"{what} is not implemented by this emulator version.")


def emulated_outage(path: str) -> ApiError:
    return ApiError(503, UNAVAILABLE, f"Emulated fault: the service is temporarily "
                                      f"unavailable for {path} (http_5xx).")


def _shown(value) -> str:
    """A value for an error message: its repr, cut short so a huge input stays a short message."""
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."
