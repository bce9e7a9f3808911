"""How ModelArts requests are authenticated: SDK-HMAC-SHA256, as strict as the real gateway.

A request is accepted only when every rule below holds; otherwise it is a 401
whose message names the rule that failed (a 403 for another project):

1. an `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>,
   Signature=<64 hex>` header, for the configured access key;
2. SignedHeaders are distinct lower-case header names that include `host` and
   `x-sdk-date`, each present exactly once in the request (the client's list
   is not trusted otherwise);
3. `X-Sdk-Date` is `YYYYMMDDTHHMMSSZ` (UTC) and within `--max-clock-skew`
   minutes (default 15) of the server clock, in either direction: a captured
   request replayed outside that window is refused;
4. no unsigned payload: `X-Sdk-Content-Sha256`, when sent, must be the body's
   SHA-256 (the JSON APIs here always sign their body);
5. the signature, recomputed over exactly what was received (method, raw path,
   raw query, signed header values, raw body) with the secret key, matches.

Then the project in the path must be the configured one (and X-Project-Id,
when sent, the same): 403 otherwise.
"""

from __future__ import annotations

import re

from ..core.plugin import RawRequest
from ..core.settings import Settings
from ..core.signing import (
    are_distinct_header_names,
    body_sha256,
    clock_skew,
    received_headers,
    signed_header_problem,
    utc_seconds,
)
from .errors import forbidden, unauthorized
from .signing import (
    ALGORITHM,
    DATE_FORMAT,
    DATE_HEADER,
    Authorization,
    signature_matches,
)

CONTENT_HASH_HEADER = "x-sdk-content-sha256"
REQUIRED_SIGNED = ("host", DATE_HEADER)
_DATE_RE = re.compile(r"\d{8}T\d{6}Z")


def authenticate(request: RawRequest, settings: Settings, now: float) -> str:
    """The project the request acts in; 401 unless properly signed, 403 for another project."""
    verify_signature(request, settings, now)
    return authorize_project(request.path_params.get("project_id", ""), request.headers, settings)


def verify_signature(request: RawRequest, settings: Settings, now: float) -> None:
    header = request.headers.get("authorization")
    if not header:
        raise unauthorized(f"Missing Authorization header; sign the request with {ALGORITHM}.")
    auth = Authorization.parse(header)
    if auth is None:
        raise unauthorized("Malformed Authorization header; expected "
                           f"'{ALGORITHM} Access=..., SignedHeaders=..., Signature=<64 hex>'.")
    if auth.access_key != settings.access_key:
        raise unauthorized(f"Unknown access key {auth.access_key}.")
    headers = received_headers(request)
    _check_signed_headers(auth, headers)
    _check_date(headers[DATE_HEADER][0], now, settings.max_clock_skew)
    values = {name: found[0] for name, found in headers.items()}
    _check_payload_hash(values, request.body)
    if not signature_matches(auth, settings.secret_key, request.method, request.raw_path,
                             request.query_string, values, request.body):
        raise unauthorized("Request signature does not match; check the secret key and signing "
                           "(the method, path, query, signed headers and body must be sent "
                           "exactly as signed).")


def _check_signed_headers(auth: Authorization, headers: dict[str, list[str]]) -> None:
    names = auth.signed_headers
    listed = ";".join(names)
    if not are_distinct_header_names(names):
        raise unauthorized(f"SignedHeaders '{listed}' must be distinct lower-case header names.")
    if DATE_HEADER not in headers:
        raise unauthorized("Missing X-Sdk-Date header; the signature date is required.")
    missing = [name for name in REQUIRED_SIGNED if name not in names]
    if missing:
        raise unauthorized(f"SignedHeaders '{listed}' must include {' and '.join(missing)}: "
                           "the host and the signature date are always signed.")
    problem = signed_header_problem(names, headers)
    if problem:
        raise unauthorized(problem)


def _check_date(value: str, now: float, max_skew_minutes: float) -> None:
    if not _DATE_RE.fullmatch(value):
        raise unauthorized(f"X-Sdk-Date '{value[:40]}' is not a UTC time of the form "
                           "YYYYMMDDTHHMMSSZ (e.g. 20261121T131111Z).")
    signed_at = utc_seconds(value, DATE_FORMAT)
    if signed_at is None:
        raise unauthorized(f"X-Sdk-Date '{value}' is not a valid UTC time "
                           "(YYYYMMDDTHHMMSSZ).")
    skew = clock_skew(signed_at, now, max_skew_minutes)
    if skew:
        raise unauthorized(f"X-Sdk-Date is {skew.span} away from the server clock "
                           f"({value} is {skew.direction} it); at most "
                           f"{_minutes(max_skew_minutes)} allowed.")


def _check_payload_hash(values: dict[str, str], body: bytes) -> None:
    declared = values.get(CONTENT_HASH_HEADER)
    if declared is None:
        return
    if declared.strip().upper() == "UNSIGNED-PAYLOAD":
        raise unauthorized("Unsigned payloads (X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD) are not "
                           "accepted: this API signs its JSON body.")
    if declared.strip().lower() != body_sha256(body):
        raise unauthorized("X-Sdk-Content-Sha256 is not the SHA-256 of the body.")


def _minutes(count: float) -> str:
    return f"{count:g} minute" + ("" if count == 1 else "s")


def authorize_project(path_project_id: str, headers, settings: Settings) -> str:
    """Raise a 403 ApiError when the request targets a project other than ours."""
    if path_project_id != settings.project_id:
        raise forbidden(f"Project {path_project_id} is not accessible with these credentials.")
    header_project = headers.get("x-project-id")
    if header_project is not None and header_project != path_project_id:
        raise forbidden(f"X-Project-Id {header_project} does not match the project in the path.")
    return path_project_id
