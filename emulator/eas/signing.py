"""ACS3-HMAC-SHA256 signature verification (eas-api.md section 1.4), the emulator's own.

The canonical request is rebuilt from exactly what was received:

    METHOD \\n CanonicalURI \\n CanonicalQueryString \\n CanonicalHeaders \\n SignedHeaders \\n HashedPayload

- CanonicalURI: the raw path split on '/', each segment percent-decoded and
  re-encoded with `quote(segment, safe='~')` (so `a%20b%2Fc` stays one
  segment), '/' when empty;
- CanonicalQueryString: the raw query decoded (`+` is a space, as the SDK
  sends it with `urlencode`), sorted by key, each value re-encoded with
  `quote(value, safe='~')` (RFC 3986: spaces are `%20`), `k=v` joined with '&';
- CanonicalHeaders: for each name SignedHeaders lists, `name:value.strip()`
  followed by '\\n' (so this part ends with an empty line);
- SignedHeaders: the names as the Authorization header lists them, joined by ';';
- HashedPayload: hex SHA-256 of the raw body (of b'' when there is none),
  which must equal the `x-acs-content-sha256` header.

StringToSign = "ACS3-HMAC-SHA256\\n" + hex(SHA256(CanonicalRequest));
Signature = hex(HMAC-SHA256(AccessKeySecret, StringToSign)). Tests check this
against the official SDK's signer (`alibabacloud_tea_openapi.utils.Utils`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import parse_qsl, quote, unquote

ALGORITHM = "ACS3-HMAC-SHA256"
DATE_HEADER = "x-acs-date"
CONTENT_HASH_HEADER = "x-acs-content-sha256"
NONCE_HEADER = "x-acs-signature-nonce"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()

_AUTH_RE = re.compile(
    rf"^{ALGORITHM}\s+Credential=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),"
    r"\s*Signature=(?P<sig>[0-9a-f]{64})$"
)


@dataclass(frozen=True)
class Authorization:
    access_key: str
    signed_headers: list[str]
    signature: str

    @classmethod
    def parse(cls, value: str) -> "Authorization | None":
        match = _AUTH_RE.match(value.strip())
        if not match:
            return None
        return cls(match["access"], match["headers"].split(";"), match["sig"])


def _encode(value: str) -> str:
    return quote(value, safe="~")


def path_segments(raw_path: str) -> list[str]:
    """The decoded segments of a raw path (split before decoding, so %2F stays inside one)."""
    return [unquote(segment) for segment in raw_path.split("?", 1)[0].split("/")]


def canonical_uri(raw_path: str) -> str:
    encoded = "/".join(_encode(segment) for segment in path_segments(raw_path))
    return encoded or "/"


def canonical_query(query_string: str) -> str:
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(pairs))


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest() if body else EMPTY_BODY_SHA256


def canonical_request(method: str, raw_path: str, query_string: str,
                      headers: Mapping[str, str], signed_headers: Iterable[str],
                      body: bytes) -> str:
    names = list(signed_headers)
    header_block = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in names)
    return "\n".join([method.upper(), canonical_uri(raw_path), canonical_query(query_string),
                      header_block, ";".join(names), body_sha256(body)])


def signature(secret_key: str, canonical: str) -> str:
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    return hmac.new(secret_key.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def signature_matches(auth: Authorization, secret_key: str, method: str, raw_path: str,
                      query_string: str, headers: Mapping[str, str], body: bytes) -> bool:
    """Recompute the signature over what the server received (headers: lower-case names).

    Only the signature: which headers must be signed, how old the date may be
    and whether the body hash matches are `auth.py`'s rules.
    """
    canonical = canonical_request(method, raw_path, query_string, headers,
                                  auth.signed_headers, body)
    return hmac.compare_digest(signature(secret_key, canonical), auth.signature)
