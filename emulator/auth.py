"""Request authentication (SDK-HMAC-SHA256) and project isolation.

The signature is checked over exactly what was received (method, raw path,
raw query pairs, header values, raw body) using the same signer module the
provider's client uses, so anything the official SDK signs verifies here.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from inference_iac.clients.modelarts.signer import Authorization, verify

from inference_iac.emulator.errors import forbidden, unauthorized
from inference_iac.emulator.settings import Settings


def authenticate(scope: dict, headers: dict[str, str], body: bytes, settings: Settings) -> None:
    """Raise a 401 ApiError unless the request is signed with the configured key."""
    header = headers.get("authorization")
    if not header:
        raise unauthorized("Missing Authorization header; sign the request with SDK-HMAC-SHA256.")
    auth = Authorization.parse(header)
    if auth is None:
        raise unauthorized("Malformed Authorization header; expected "
                           "'SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...'.")
    if auth.access_key != settings.access_key:
        raise unauthorized(f"Unknown access key {auth.access_key}.")
    if "x-sdk-date" not in headers:
        raise unauthorized("Missing X-Sdk-Date header.")
    path = scope.get("raw_path", b"").decode("latin-1") or scope["path"]
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if not verify(auth, settings.secret_key, scope["method"], path, query, headers, body):
        raise unauthorized("Request signature does not match; check the secret key and signing.")


def authorize_project(path_project_id: str, headers: dict[str, str], settings: Settings) -> None:
    """Raise a 403 ApiError when the request targets a project other than ours."""
    if path_project_id != settings.project_id:
        raise forbidden(f"Project {path_project_id} is not accessible with these credentials.")
    header_project = headers.get("x-project-id")
    if header_project is not None and header_project != path_project_id:
        raise forbidden(f"X-Project-Id {header_project} does not match the project in the path.")
