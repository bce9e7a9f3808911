"""How EAS requests are authenticated: ACS3-HMAC-SHA256, as strict as the real gateway.

A request is accepted only when every rule below holds; otherwise it is a 401
(403 for an unknown access key, STS credentials or a replayed nonce) whose
message names the rule that failed:

1. an `Authorization: ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=<h1;h2>,
   Signature=<64 hex>` header (the legacy `acs AK:sig` ROA signature, the
   other ACS3 algorithms and bearer tokens are refused: the emulator holds one
   access key pair and verifies HMAC-SHA256 only);
2. the access key is the emulator's (`--access-key`), without an STS token;
3. SignedHeaders are distinct lower-case header names, each present exactly
   once in the request, that include `host`, `x-acs-date`,
   `x-acs-content-sha256` and every other `x-acs-*` header received (and
   `content-type` when one is sent): nothing the server acts on is unsigned;
4. `x-acs-date` is `YYYY-MM-DDTHH:MM:SSZ` (UTC) and within `--max-clock-skew`
   minutes of the server clock, either way;
5. `x-acs-content-sha256` is the hex SHA-256 of the body as received;
6. the signature, recomputed over exactly what was received, matches;
7. `x-acs-signature-nonce` is present and was not used by an accepted request
   within the clock-skew window (a captured request cannot be replayed).

Every request acts in the emulator's single project (`--project-id`): EAS has
no project in its paths; the account is the access key's.
"""

from __future__ import annotations

import re
from collections import OrderedDict

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
from .errors import ApiError
from .signing import (
    ALGORITHM,
    CONTENT_HASH_HEADER,
    DATE_FORMAT,
    DATE_HEADER,
    NONCE_HEADER,
    Authorization,
    signature_matches,
)

REQUIRED_SIGNED = ("host", DATE_HEADER, CONTENT_HASH_HEADER)
MAX_REMEMBERED_NONCES = 200_000
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message)


def forbidden(code: str, message: str) -> ApiError:
    return ApiError(403, code, message)


class NonceBook:
    """Nonces of accepted requests, remembered while a replay could still pass the date check."""

    def __init__(self, limit: int = MAX_REMEMBERED_NONCES):
        self.limit = limit
        self._expiry: OrderedDict[str, float] = OrderedDict()

    def use(self, nonce: str, expires: float, now: float) -> bool:
        """Record `nonce`; False when it is still remembered (a replay)."""
        while self._expiry:
            oldest, at = next(iter(self._expiry.items()))
            if at > now and len(self._expiry) < self.limit:
                break
            del self._expiry[oldest]
        if nonce in self._expiry and self._expiry[nonce] > now:
            return False
        self._expiry[nonce] = expires
        return True


def authenticate(request: RawRequest, settings: Settings, now: float, nonces: NonceBook) -> str:
    """The project the request acts in (the emulator's one); raises a 401/403 ApiError."""
    verify_signature(request, settings, now, nonces)
    return settings.project_id


def verify_signature(request: RawRequest, settings: Settings, now: float,
                     nonces: NonceBook) -> None:
    header = request.headers.get("authorization")
    if not header:
        if request.headers.get("x-acs-bearer-token"):
            raise unauthorized("UnsupportedSignatureType", "Bearer tokens are not accepted by "
                               f"this emulator; sign the request with {ALGORITHM}.")
        raise unauthorized("MissingAuthorization", "Missing Authorization header; sign the "
                           f"request with {ALGORITHM}.")
    _check_algorithm(header)
    auth = Authorization.parse(header)
    if auth is None:
        raise unauthorized("IncompleteSignature", "Malformed Authorization header; expected "
                           f"'{ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<h1;h2;...>,"
                           "Signature=<64 lower-case hex>'.")
    if auth.access_key != settings.access_key:
        raise forbidden("InvalidAccessKeyId.NotFound",
                        f"Specified access key is not found: {auth.access_key[:64]}.")
    if request.headers.get("x-acs-security-token") is not None:
        raise forbidden("InvalidSecurityToken", "STS credentials (x-acs-security-token) are "
                        "not accepted by this emulator; sign with the access key pair.")
    headers = received_headers(request)
    _check_signed_headers(auth, headers)
    values = {name: found[0] for name, found in headers.items()}
    signed_at = _check_date(values[DATE_HEADER], now, settings.max_clock_skew)
    _check_payload_hash(values[CONTENT_HASH_HEADER], request.body)
    if not signature_matches(auth, settings.secret_key, request.method, request.raw_path,
                             request.query_string, values, request.body):
        raise unauthorized("SignatureDoesNotMatch", "The request signature does not match; "
                           "check the access key secret and the signing (the method, path, "
                           "query, signed headers and body must be sent exactly as signed).")
    nonce = values.get(NONCE_HEADER, "").strip()
    window = settings.max_clock_skew * 60
    if not nonces.use(nonce, max(signed_at, now) + window, now):
        raise forbidden("SignatureNonceUsed", f"The signature nonce {nonce[:64]} was already "
                        "used by an accepted request; every request needs a new "
                        "x-acs-signature-nonce.")


def _check_algorithm(header: str) -> None:
    scheme = header.strip().split(" ", 1)[0]
    if scheme == "acs":
        raise unauthorized("UnsupportedSignatureVersion", "The legacy ROA signature "
                           "('acs <AccessKeyId>:<signature>', signature_algorithm v2) is not "
                           f"accepted: it signs no body hash; sign with {ALGORITHM}.")
    if scheme.startswith("ACS3-") and scheme != ALGORITHM:
        raise unauthorized("UnsupportedSignatureAlgorithm", f"Signature algorithm "
                           f"{scheme[:40]} is not accepted by this emulator; use {ALGORITHM}.")


def _check_signed_headers(auth: Authorization, headers: dict[str, list[str]]) -> None:
    names = auth.signed_headers
    listed = ";".join(names)[:300]
    if not are_distinct_header_names(names):
        raise unauthorized("IncompleteSignature", f"SignedHeaders '{listed}' must be distinct "
                           "lower-case header names.")
    for name in (DATE_HEADER, CONTENT_HASH_HEADER, NONCE_HEADER):
        if name not in headers:
            raise unauthorized("IncompleteSignature", f"Missing {name} header; it is required "
                               f"for {ALGORITHM}.")
    missing = [name for name in REQUIRED_SIGNED if name not in names]
    if missing:
        raise unauthorized("IncompleteSignature", f"SignedHeaders '{listed}' must include "
                           f"{', '.join(missing)}: the host, the signature date and the body "
                           "hash are always signed.")
    unsigned = sorted(name for name in headers
                      if (name.startswith("x-acs-") or name == "content-type") and name not in names)
    if unsigned:
        raise unauthorized("IncompleteSignature", f"Header(s) {', '.join(unsigned)[:200]} must be "
                           f"signed: SignedHeaders '{listed}' must cover host, content-type and "
                           "every x-acs-* header sent.")
    problem = signed_header_problem(names, headers)
    if problem:
        raise unauthorized("IncompleteSignature", problem)


def _check_date(value: str, now: float, max_skew_minutes: float) -> float:
    value = value.strip()
    if not _DATE_RE.fullmatch(value):
        raise unauthorized("InvalidTimeStamp.Format", f"x-acs-date '{value[:40]}' is not a UTC "
                           "time of the form YYYY-MM-DDTHH:MM:SSZ (e.g. 2026-11-21T13:08:30Z).")
    signed_at = utc_seconds(value, DATE_FORMAT)
    if signed_at is None:
        raise unauthorized("InvalidTimeStamp.Format", f"x-acs-date '{value}' is not a valid UTC "
                           "time (YYYY-MM-DDTHH:MM:SSZ).")
    skew = clock_skew(signed_at, now, max_skew_minutes)
    if skew:
        raise unauthorized("InvalidTimeStamp.Expired", f"x-acs-date is {skew.span} away "
                           f"from the server clock ({value} is {skew.direction} it); at most "
                           f"{max_skew_minutes:g} minute(s) allowed (--max-clock-skew).")
    return signed_at


def _check_payload_hash(declared: str, body: bytes) -> None:
    if declared.strip().lower() != body_sha256(body):
        raise unauthorized("ContentSHA256Mismatch", "x-acs-content-sha256 is not the hex "
                           "SHA-256 of the request body as received.")
