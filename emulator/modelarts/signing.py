"""SDK-HMAC-SHA256 signature verification (modelarts-api.md section 1.2), the emulator's own.

The canonical request is rebuilt from exactly what was received:

    METHOD \\n CanonicalURI \\n CanonicalQueryString \\n CanonicalHeaders \\n SignedHeaders \\n HexSHA256(body)

- CanonicalURI: the raw path percent-decoded, split on '/', each segment
  re-encoded with `quote(segment, safe='~')`, always ending in '/';
- CanonicalQueryString: the raw query's (key, value) pairs decoded, sorted,
  re-encoded the same way, joined with '&';
- CanonicalHeaders: `name:value.strip()` for every signed header (lower-case
  names, in the order SignedHeaders lists them), each followed by '\\n';
- the body hash is the SHA-256 of the raw body (of b'' when there is none).

StringToSign = "SDK-HMAC-SHA256\\n<X-Sdk-Date>\\n" + HexSHA256(CanonicalRequest);
Signature = hex HMAC-SHA256(secret key, StringToSign). Tests check this against
the official SDK's signer (`huaweicloudsdkcore.signer.Signer`).

The query, header block and body hash are built as for every signed API
(`core.signing`); the canonical URI, the header shape and the string to sign
are ModelArts's and live here.
"""

from __future__ import annotations

import hmac
import re
from typing import Iterable, Mapping
from urllib.parse import unquote

from ..core import signing as core

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "x-sdk-date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"


class Authorization(core.Authorization):
    PATTERN = re.compile(
        rf"^{ALGORITHM} Access=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),"
        r"\s*Signature=(?P<sig>[0-9a-f]{64})$"
    )


def canonical_uri(raw_path: str) -> str:
    encoded = "/".join(core.rfc3986(segment) for segment in unquote(raw_path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_request(method: str, raw_path: str, query_string: str,
                      headers: Mapping[str, str], signed_headers: Iterable[str],
                      body: bytes) -> str:
    return core.canonical_request(method, canonical_uri(raw_path), query_string, headers,
                                  signed_headers, body)


def signature(secret_key: str, sdk_date: str, canonical: str) -> str:
    string_to_sign = "\n".join([ALGORITHM, sdk_date, core.sha256_hex(canonical)])
    return core.hmac_sha256_hex(secret_key, string_to_sign)


def signature_matches(auth: Authorization, secret_key: str, method: str, raw_path: str,
                      query_string: str, headers: Mapping[str, str], body: bytes) -> bool:
    """Recompute the signature over what the server received (headers: lower-case names).

    Only the signature: the rules about which headers must be signed and how old
    the date may be are `auth.py`'s.
    """
    canonical = canonical_request(method, raw_path, query_string, headers,
                                  auth.signed_headers, body)
    expected = signature(secret_key, headers.get(DATE_HEADER, ""), canonical)
    return hmac.compare_digest(expected, auth.signature)
