"""ModelArts-style API errors and their rendering.

Every failure is a core `ApiError`; this plug-in renders it as
`{"error_code": "ModelArts.<code>", "error_msg": "<text>"}` with its HTTP
status (the shape the official SDK's exception handler parses); the app adds
an `X-Request-Id` header to every response. The numeric codes are the
emulator's own (the SDK documents none). Errors that only ModelArts raises
(unknown service, deployment, ...) carry their ModelArts code directly.
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from ..core import errors as core
from ..core.errors import (  # noqa: F401  (re-exported for the handlers)
    ApiError,
    bad_request,
    duplicate_name,
    forbidden,
    invalid_field,
    missing_field,
    not_implemented,
    quota_exceeded,
    state_conflict,
    unauthorized,
)

PREFIX = "ModelArts."

# The neutral core codes in the ModelArts namespace.
CODES = {
    core.BAD_REQUEST: "ModelArts.4000",
    core.INVALID_FIELD: "ModelArts.4001",
    core.MISSING_FIELD: "ModelArts.4002",
    core.STATE_CONFLICT: "ModelArts.4003",
    core.DUPLICATE_NAME: "ModelArts.4004",
    core.QUOTA_EXCEEDED: "ModelArts.4005",
    core.UNAUTHORIZED: "ModelArts.0401",
    core.FORBIDDEN: "ModelArts.0403",
    core.NOT_FOUND: "ModelArts.4041",
    core.ROUTE_NOT_FOUND: "ModelArts.4040",
    core.METHOD_NOT_ALLOWED: "ModelArts.4050",
    core.BODY_TOO_LARGE: "ModelArts.4130",
    core.THROTTLED: "ModelArts.4290",
    core.INTERNAL: "ModelArts.5000",
    core.NOT_IMPLEMENTED: "ModelArts.5010",
    core.UNAVAILABLE: "ModelArts.5030",
}


def code_of(error: ApiError) -> str:
    if error.code.startswith(PREFIX):
        return error.code
    return CODES.get(error.code, f"{PREFIX}{error.status}")


def render(error: ApiError) -> JSONResponse:
    return JSONResponse({"error_code": code_of(error), "error_msg": error.message},
                        status_code=error.status, headers=error.headers or None)


def service_not_found(service_id: str) -> ApiError:
    return ApiError(404, "ModelArts.3502", f"Service {service_id} not found.")


def deployment_not_found(service_id: str, key: str) -> ApiError:
    return ApiError(404, "ModelArts.3503", f"Deployment {key} not found in service {service_id}.")


def version_not_found(deployment_name: str, version: str) -> ApiError:
    return ApiError(404, "ModelArts.3504", f"Version {version} of deployment {deployment_name} "
                                           "not found.")


def service_version_not_found(service_name: str, version_id: str) -> ApiError:
    return ApiError(404, "ModelArts.3507", f"Version {version_id} of service {service_name} "
                                           "not found.")


def instance_not_found(deployment_name: str, instance_name: str) -> ApiError:
    return ApiError(404, "ModelArts.3505", f"Instance {instance_name} of deployment "
                                           f"{deployment_name} not found.")


def pool_not_found(pool_name: str) -> ApiError:
    return ApiError(404, "ModelArts.3506", f"Resource pool {pool_name} not found.")
