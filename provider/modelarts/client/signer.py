"""SDK-HMAC-SHA256 request signing, as Huawei Cloud's API gateway expects it.

The same functions serve both sides: the API client signs with them and the
emulator rebuilds the canonical request from what it received to verify the
signature. The algorithm (canonical request -> string to sign -> HMAC) is
documented in the reference `modelarts-api.md` section 1.2.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Mapping
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()


def _encode(value: str) -> str:
    return quote(value, safe="~")


def canonical_uri(path: str) -> str:
    """Each path segment re-encoded; a trailing slash is always present."""
    encoded = "/".join(_encode(segment) for segment in unquote(path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """Sorted key=value pairs; repeated keys stay repeated, values sorted."""
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(pairs))


def signed_header_names(headers: Mapping[str, str]) -> list[str]:
    """Every header whose name has no underscore, lower-cased and sorted."""
    return sorted(name.lower() for name in headers if "_" not in name)


def canonical_request(
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: list[str],
    body: bytes,
) -> str:
    lowered = {name.lower(): str(value).strip() for name, value in headers.items()}
    header_block = "".join(f"{name}:{lowered.get(name, '')}\n" for name in signed_headers)
    body_hash = hashlib.sha256(body).hexdigest() if body else EMPTY_BODY_SHA256
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            canonical_query(query),
            header_block,
            ";".join(signed_headers),
            body_hash,
        ]
    )


def signature(secret_key: str, sdk_date: str, canonical: str) -> str:
    string_to_sign = "\n".join(
        [ALGORITHM, sdk_date, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    return hmac.new(secret_key.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def sign(
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
    access_key: str,
    secret_key: str,
    now: datetime | None = None,
) -> dict[str, str]:
    """Return `headers` plus `X-Sdk-Date` and `Authorization`.

    `headers` must already hold every header to be signed, `Host` included.
    """
    out = dict(headers)
    if not any(name.lower() == DATE_HEADER.lower() for name in out):
        out[DATE_HEADER] = (now or datetime.now(timezone.utc)).strftime(DATE_FORMAT)
    sdk_date = next(v for k, v in out.items() if k.lower() == DATE_HEADER.lower())
    names = signed_header_names(out)
    canonical = canonical_request(method, path, list(query), out, names, body)
    out["Authorization"] = (
        f"{ALGORITHM} Access={access_key}, SignedHeaders={';'.join(names)}, "
        f"Signature={signature(secret_key, sdk_date, canonical)}"
    )
    return out


_AUTH_RE = re.compile(
    rf"^{ALGORITHM} Access=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),\s*Signature=(?P<sig>[0-9a-f]+)$"
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


def verify(
    auth: Authorization,
    secret_key: str,
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
) -> bool:
    """Recompute the signature over what the server received."""
    sdk_date = next((v for k, v in headers.items() if k.lower() == DATE_HEADER.lower()), "")
    canonical = canonical_request(method, path, list(query), headers, auth.signed_headers, body)
    return hmac.compare_digest(signature(secret_key, sdk_date, canonical), auth.signature)
