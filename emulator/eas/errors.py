"""EAS-style API errors and their rendering.

Every failure is a core `ApiError`; this plug-in renders it as
`{"RequestId": "...", "Code": "...", "Message": "..."}` with its HTTP status,
the shape the official SDK's exception mapping parses (4xx -> ClientException,
5xx -> ServerException; a 429 carries `x-acs-retry-after` in milliseconds, so
the SDK raises ThrottlingException with `retry_after`).

The real EAS error codes are not published with the SDK (eas-api.md 1.5), so
the codes here are the emulator's choice, in Alibaba Cloud's style. They are
configurable: `EMULATOR_EAS_ERROR_CODES` may hold a JSON object mapping any
code below (neutral or EAS) to the code to send instead.
"""

from __future__ import annotations

import json
import logging
import math
import os
import uuid

from starlette.responses import JSONResponse

from ..core import errors as core
from ..core.errors import (  # noqa: F401  (re-exported for the handlers)
    ApiError,
    bad_request,
    invalid_field,
    missing_field,
    not_implemented,
)

log = logging.getLogger("emulator.eas")
CODES_ENV = "EMULATOR_EAS_ERROR_CODES"

# The neutral core codes in EAS's namespace.
CODES = {
    core.BAD_REQUEST: "InvalidParameter",
    core.INVALID_FIELD: "InvalidParameter",
    core.MISSING_FIELD: "MissingParameter",
    core.STATE_CONFLICT: "IncorrectStatus",
    core.DUPLICATE_NAME: "AlreadyExists",
    core.QUOTA_EXCEEDED: "QuotaExceeded",
    core.UNAUTHORIZED: "InvalidAuthorization",
    core.FORBIDDEN: "Forbidden",
    core.NOT_FOUND: "NotFound",
    core.ROUTE_NOT_FOUND: "InvalidAction.NotFound",
    core.METHOD_NOT_ALLOWED: "UnsupportedHTTPMethod",
    core.BODY_TOO_LARGE: "RequestBodyTooLarge",
    core.THROTTLED: "Throttling",
    core.INTERNAL: "InternalError",
    core.NOT_IMPLEMENTED: "UnsupportedOperation",
    core.UNAVAILABLE: "ServiceUnavailable",
}


def _overrides() -> dict[str, str]:
    raw = os.environ.get(CODES_ENV)
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        log.warning("%s is not a JSON object; ignored", CODES_ENV)
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        log.warning("%s must map codes to code strings; ignored", CODES_ENV)
        return {}
    return value


OVERRIDES = _overrides()


def request_id() -> str:
    return str(uuid.uuid4()).upper()


def code_of(error: ApiError) -> str:
    code = CODES.get(error.code, error.code)
    return OVERRIDES.get(error.code, OVERRIDES.get(code, code))


def render(error: ApiError) -> JSONResponse:
    headers = dict(error.headers)
    if error.status == 429:
        seconds = headers.get("Retry-After", "1")
        try:
            millis = max(1, math.ceil(float(seconds) * 1000))
        except ValueError:
            millis = 1000
        headers["x-acs-retry-after"] = str(millis)
    body = {"RequestId": request_id(), "Code": code_of(error), "Message": error.message}
    return JSONResponse(body, status_code=error.status, headers=headers or None)


# ----- errors only EAS raises ---------------------------------------------------------------

def service_not_found(region: str, name: str) -> ApiError:
    return ApiError(404, "InvalidService.NotFound",
                    f"Service [{name}] not found in region [{region}].")


def service_exists(region: str, name: str) -> ApiError:
    return ApiError(400, "InvalidService.AlreadyExists",
                    f"Service [{name}] already exists in region [{region}]; service names are "
                    "unique within a region.")


def group_not_found(region: str, name: str) -> ApiError:
    return ApiError(404, "InvalidGroup.NotFound",
                    f"Service group [{name}] not found in region [{region}].")


def gateway_not_found(region: str, gateway_id: str) -> ApiError:
    return ApiError(404, "InvalidGateway.NotFound",
                    f"Private gateway [{gateway_id}] not found in region [{region}].")


def instance_not_found(service: str, instance: str) -> ApiError:
    return ApiError(404, "InvalidInstance.NotFound",
                    f"Instance [{instance}] of service [{service}] not found.")


def absent(what: str, service: str) -> ApiError:
    """A per-service singleton (autoscaler, cron scaler, mirror) that does not exist."""
    code = {"autoscaler": "InvalidAutoscaler.NotFound", "cronscaler": "InvalidCronScaler.NotFound",
            "mirror": "InvalidMirror.NotFound"}[what]
    return ApiError(404, code, f"The {what} of service [{service}] does not exist.")


def present(what: str, service: str) -> ApiError:
    code = {"autoscaler": "InvalidAutoscaler.AlreadyExists",
            "cronscaler": "InvalidCronScaler.AlreadyExists",
            "mirror": "InvalidMirror.AlreadyExists"}[what]
    return ApiError(400, code, f"The {what} of service [{service}] already exists; update it "
                               "instead.")


def locked(service: str, lock: str, operation: str) -> ApiError:
    return ApiError(400, "InvalidService.SafetyLocked",
                    f"Service [{service}] is protected by safety lock [{lock}]: {operation} is "
                    "not allowed; set the lock to none first (UpdateServiceSafetyLock).")


def incorrect_status(what: str, operation: str, status: str, allowed) -> ApiError:
    return ApiError(400, "IncorrectStatus",
                    f"Cannot {operation} {what} in status {status}; allowed only in "
                    f"{', '.join(sorted(allowed))}.")


def mismatched_action(sent: str, expected: str, method: str, path: str) -> ApiError:
    return ApiError(400, "InvalidAction.Mismatch",
                    f"x-acs-action {sent[:64]} does not name the operation of {method} {path[:200]} "
                    f"({expected}).")
