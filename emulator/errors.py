"""ModelArts-style API errors.

Every failure the emulator reports is an `ApiError`; the app turns it into
`{"error_code": "ModelArts.<code>", "error_msg": "<text>"}` with the HTTP
status below, which is the shape the official SDK's exception handler parses.
The numeric codes are the emulator's own (the SDK documents none).
"""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict:
        return {"error_code": self.code, "error_msg": self.message}


def bad_request(message: str) -> ApiError:
    return ApiError(400, "ModelArts.4000", message)


def invalid_field(field: str, rule: str, value=None) -> ApiError:
    shown = "" if value is None else f", got {value!r}"
    return ApiError(400, "ModelArts.4001", f"Invalid parameter '{field}': {rule}{shown}.")


def missing_field(field: str) -> ApiError:
    return ApiError(400, "ModelArts.4002", f"Missing required parameter '{field}'.")


def state_conflict(message: str) -> ApiError:
    return ApiError(400, "ModelArts.4003", message)


def duplicate_name(message: str) -> ApiError:
    return ApiError(400, "ModelArts.4004", message)


def quota_exceeded(message: str) -> ApiError:
    return ApiError(400, "ModelArts.4005", message)


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "ModelArts.0401", message)


def forbidden(message: str) -> ApiError:
    return ApiError(403, "ModelArts.0403", message)


def service_not_found(service_id: str) -> ApiError:
    return ApiError(404, "ModelArts.3502", f"Service {service_id} not found.")


def deployment_not_found(service_id: str, key: str) -> ApiError:
    return ApiError(404, "ModelArts.3503", f"Deployment {key} not found in service {service_id}.")


def version_not_found(deployment_name: str, version: str) -> ApiError:
    return ApiError(404, "ModelArts.3504", f"Version {version} of deployment {deployment_name} "
                                           "not found.")


def instance_not_found(deployment_name: str, instance_name: str) -> ApiError:
    return ApiError(404, "ModelArts.3505", f"Instance {instance_name} of deployment "
                                           f"{deployment_name} not found.")


def pool_not_found(pool_name: str) -> ApiError:
    return ApiError(404, "ModelArts.3506", f"Resource pool {pool_name} not found.")


def emulated_outage(path: str) -> ApiError:
    return ApiError(503, "ModelArts.5030", f"Emulated fault: the service is temporarily "
                                           f"unavailable for {path} (http_5xx).")


def route_not_found(path: str) -> ApiError:
    return ApiError(404, "ModelArts.4040", f"No API matches path {path}.")


def method_not_allowed(method: str, path: str) -> ApiError:
    return ApiError(405, "ModelArts.4050", f"Method {method} is not supported on {path}.")


def not_implemented(what: str) -> ApiError:
    return ApiError(501, "ModelArts.5010", f"{what} is not implemented by this emulator version.")
