"""ACS3-HMAC-SHA256 request signing, as Alibaba Cloud's API gateway expects it (eas-api.md 1.4).

    CanonicalRequest = METHOD \\n URI \\n query \\n headers \\n signed header names \\n hex(sha256(body))
    StringToSign     = "ACS3-HMAC-SHA256" \\n hex(sha256(CanonicalRequest))
    Authorization    = ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex hmac>

Every header present when signing is signed (the SDK's `get_canonicalized_headers`):
names lower-cased and sorted, values stripped. Query values are RFC 3986 encoded
(spaces %20), keys are not; the URI is the path exactly as sent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timezone
from typing import Iterable, Mapping
from urllib.parse import quote

ALGORITHM = "ACS3-HMAC-SHA256"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def payload_hash(body: bytes) -> str:
    return hashlib.sha256(body or b"").hexdigest()


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """Sorted `key=value` pairs, values RFC 3986 encoded (`~` kept, space as %20)."""
    return "&".join(f"{key}={quote(value, safe='~')}" for key, value in sorted(pairs))


def canonical_headers(headers: Mapping[str, str]) -> tuple[str, str]:
    """(the canonical header block, the signed header names): every header, lower-cased and sorted."""
    values: dict[str, list[str]] = {}
    for name, value in headers.items():
        if value is not None:
            values.setdefault(name.lower(), []).append(str(value).strip())
    names = sorted(values)
    block = "".join(f"{name}:{','.join(sorted(values[name]))}\n" for name in names)
    return block, ";".join(names)


def canonical_request(method: str, path: str, pairs: Iterable[tuple[str, str]], headers: Mapping[str, str],
                      body_hash: str) -> tuple[str, str]:
    """(canonical request, signed header names)."""
    block, signed = canonical_headers(headers)
    return "\n".join([method.upper(), path or "/", canonical_query(pairs), block, signed, body_hash]), signed


def authorization(method: str, path: str, pairs: Iterable[tuple[str, str]], headers: Mapping[str, str],
                  body_hash: str, access_key_id: str, access_key_secret: str) -> str:
    canonical, signed = canonical_request(method, path, pairs, headers, body_hash)
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"
    signature = hmac.new(access_key_secret.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{ALGORITHM} Credential={access_key_id},SignedHeaders={signed},Signature={signature}"


def sign(method: str, path: str, pairs: Iterable[tuple[str, str]], headers: Mapping[str, str], body: bytes,
         access_key_id: str, access_key_secret: str, *, now: datetime | None = None,
         nonce: str | None = None) -> dict[str, str]:
    """`headers` (which must hold host, x-acs-action and x-acs-version) plus the date, nonce, body
    hash, accept, content type (only with a body) and Authorization, all lower-cased as the SDK
    sends them."""
    out = {name.lower(): value for name, value in headers.items() if name.lower() != "content-type"}
    out.setdefault("accept", "application/json")
    if body:
        out["content-type"] = JSON_CONTENT_TYPE
    out["x-acs-date"] = (now or datetime.now(timezone.utc)).strftime(DATE_FORMAT)
    out["x-acs-signature-nonce"] = nonce or secrets.token_hex(16)
    out["x-acs-content-sha256"] = payload_hash(body)
    out["authorization"] = authorization(method, path, list(pairs), out, out["x-acs-content-sha256"],
                                         access_key_id, access_key_secret)
    return out
