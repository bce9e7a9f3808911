"""How ModelArts requests are authenticated: SDK-HMAC-SHA256 signature and project isolation."""

from __future__ import annotations

from ..core.plugin import RawRequest
from ..core.settings import Settings
from .errors import forbidden, unauthorized
from .signing import DATE_HEADER, Authorization, signature_matches


def authenticate(request: RawRequest, settings: Settings, now: float) -> str:
    """The project the request acts in; 401 unless signed with the configured key, 403
    when it targets another project."""
    verify_signature(request, settings, now)
    return authorize_project(request.path_params.get("project_id", ""), request.headers, settings)


def verify_signature(request: RawRequest, settings: Settings, now: float) -> None:
    headers = request.headers
    header = headers.get("authorization")
    if not header:
        raise unauthorized("Missing Authorization header; sign the request with SDK-HMAC-SHA256.")
    auth = Authorization.parse(header)
    if auth is None:
        raise unauthorized("Malformed Authorization header; expected "
                           "'SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...'.")
    if auth.access_key != settings.access_key:
        raise unauthorized(f"Unknown access key {auth.access_key}.")
    if DATE_HEADER not in headers:
        raise unauthorized("Missing X-Sdk-Date header.")
    if not signature_matches(auth, settings.secret_key, request.method, request.raw_path,
                             request.query_string, headers, request.body):
        raise unauthorized("Request signature does not match; check the secret key and signing.")


def authorize_project(path_project_id: str, headers, settings: Settings) -> str:
    """Raise a 403 ApiError when the request targets a project other than ours."""
    if path_project_id != settings.project_id:
        raise forbidden(f"Project {path_project_id} is not accessible with these credentials.")
    header_project = headers.get("x-project-id")
    if header_project is not None and header_project != path_project_id:
        raise forbidden(f"X-Project-Id {header_project} does not match the project in the path.")
    return path_project_id
