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
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import parse_qsl, quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "x-sdk-date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()

_AUTH_RE = re.compile(
    rf"^{ALGORITHM} Access=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),"
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


def canonical_uri(raw_path: str) -> str:
    encoded = "/".join(_encode(segment) for segment in unquote(raw_path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


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


def signature(secret_key: str, sdk_date: str, canonical: str) -> str:
    string_to_sign = "\n".join([ALGORITHM, sdk_date,
                                hashlib.sha256(canonical.encode()).hexdigest()])
    return hmac.new(secret_key.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


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
