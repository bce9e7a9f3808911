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

The query, header block and body hash are built as for every signed API
(`core.signing`); the canonical URI, the header shape and the string to sign
are EAS's and live here.
"""

from __future__ import annotations

import hmac
import re
from typing import Iterable, Mapping
from urllib.parse import unquote

from ..core import signing as core

ALGORITHM = "ACS3-HMAC-SHA256"
DATE_HEADER = "x-acs-date"
CONTENT_HASH_HEADER = "x-acs-content-sha256"
NONCE_HEADER = "x-acs-signature-nonce"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class Authorization(core.Authorization):
    PATTERN = re.compile(
        rf"^{ALGORITHM}\s+Credential=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),"
        r"\s*Signature=(?P<sig>[0-9a-f]{64})$"
    )


def path_segments(raw_path: str) -> list[str]:
    """The decoded segments of a raw path (split before decoding, so %2F stays inside one)."""
    return [unquote(segment) for segment in raw_path.split("?", 1)[0].split("/")]


def canonical_uri(raw_path: str) -> str:
    encoded = "/".join(core.rfc3986(segment) for segment in path_segments(raw_path))
    return encoded or "/"


def canonical_request(method: str, raw_path: str, query_string: str,
                      headers: Mapping[str, str], signed_headers: Iterable[str],
                      body: bytes) -> str:
    return core.canonical_request(method, canonical_uri(raw_path), query_string, headers,
                                  signed_headers, body)


def signature(secret_key: str, canonical: str) -> str:
    return core.hmac_sha256_hex(secret_key, f"{ALGORITHM}\n{core.sha256_hex(canonical)}")


def signature_matches(auth: Authorization, secret_key: str, method: str, raw_path: str,
                      query_string: str, headers: Mapping[str, str], body: bytes) -> bool:
    """Recompute the signature over what the server received (headers: lower-case names).

    Only the signature: which headers must be signed, how old the date may be
    and whether the body hash matches are `auth.py`'s rules.
    """
    canonical = canonical_request(method, raw_path, query_string, headers,
                                  auth.signed_headers, body)
    return hmac.compare_digest(signature(secret_key, canonical), auth.signature)
