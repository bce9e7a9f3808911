"""What the HMAC-SHA256 request signatures of the emulated APIs have in common, restated here.

Both signed APIs rebuild a canonical request from exactly what was received,

    METHOD \\n CanonicalURI \\n CanonicalQueryString \\n CanonicalHeaders \\n SignedHeaders \\n HexSHA256(body)

hash it and compare an HMAC-SHA256 of it with the one the client sent. The
pieces that are the same in every such API live here:

- the query, decoded into (key, value) pairs, sorted, each re-encoded with
  `quote(value, safe='~')` (RFC 3986, spaces as `%20`), joined with '&';
- the header block, `name:value.strip()` + '\\n' for each signed header, in
  the order the Authorization header lists them (lower-case names);
- the body hash, hex SHA-256 of the raw body (of b'' when there is none);
- the rules every verifier applies to the signed headers and the signature date.

What an API defines stays in its plug-in's `signing.py` and `auth.py`: the
algorithm name, the Authorization header's shape, the canonical URI rule, the
string to sign, the header names and the error each broken rule answers with.
The emulator is an independent oracle: none of this is shared with the provider's signers.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from typing import ClassVar, Iterable, Mapping, NamedTuple
from urllib.parse import parse_qsl, quote

from .plugin import RawRequest

EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()
# An HTTP token (RFC 9110) in lower case: what a signed header's name may be.
_HEADER_NAME_RE = re.compile(r"[a-z0-9!#$%&'*+.^`|~-]+")


def rfc3986(value: str) -> str:
    return quote(value, safe="~")


def canonical_query(query_string: str) -> str:
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in sorted(pairs))


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest() if body else EMPTY_BODY_SHA256


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hmac_sha256_hex(secret_key: str, text: str) -> str:
    return hmac.new(secret_key.encode(), text.encode(), hashlib.sha256).hexdigest()


def canonical_request(method: str, canonical_uri: str, query_string: str,
                      headers: Mapping[str, str], signed_headers: Iterable[str],
                      body: bytes) -> str:
    """The canonical request around an API's own canonical URI (headers: lower-case names)."""
    names = list(signed_headers)
    header_block = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in names)
    return "\n".join([method.upper(), canonical_uri, canonical_query(query_string),
                      header_block, ";".join(names), body_sha256(body)])


@dataclass(frozen=True)
class Authorization:
    """An Authorization header's credential, signed header names and signature.

    A plug-in subclasses it with its API's header shape in `PATTERN`, a regular
    expression with the groups `access`, `headers` and `sig`.
    """

    PATTERN: ClassVar[re.Pattern[str]]

    access_key: str
    signed_headers: list[str]
    signature: str

    @classmethod
    def parse(cls, value: str) -> "Authorization | None":
        match = cls.PATTERN.match(value.strip())
        if not match:
            return None
        return cls(match["access"], match["headers"].split(";"), match["sig"])


def received_headers(request: RawRequest) -> dict[str, list[str]]:
    """Every header value as received, by lower-case name; values decoded as UTF-8 (the SDKs
    send non-ASCII header values as UTF-8 bytes), else Latin-1."""
    found: dict[str, list[str]] = {}
    for raw_name, raw_value in request.header_bytes:
        try:
            value = raw_value.decode("utf-8")
        except UnicodeDecodeError:
            value = raw_value.decode("latin-1")
        found.setdefault(raw_name.decode("latin-1").lower(), []).append(value)
    return found


def are_distinct_header_names(names: list[str]) -> bool:
    """Whether SignedHeaders lists distinct lower-case header names (nothing else is trusted)."""
    return all(_HEADER_NAME_RE.fullmatch(name) for name in names) and len(set(names)) == len(names)


def signed_header_problem(names: list[str], headers: Mapping[str, list[str]]) -> str | None:
    """Why the signed headers do not stand for what was received (each must be sent exactly
    once, or a second copy could carry what the server acts on), or None."""
    for name in names:
        if name not in headers:
            return f"Signed header '{name}' is missing from the request."
        if len(headers[name]) > 1:
            return f"Signed header '{name}' appears more than once."
    return None


def utc_seconds(value: str, date_format: str) -> float | None:
    """A signature date in `date_format` (UTC) as epoch seconds; None when it is no valid time."""
    try:
        return float(calendar.timegm(time.strptime(value, date_format)))
    except ValueError:
        return None


class ClockSkew(NamedTuple):
    """How far a signature date is from the server clock: the distance in words, and whether
    the date is "behind" or "ahead of" the clock."""

    span: str
    direction: str


def clock_skew(signed_at: float, now: float, max_skew_minutes: float) -> ClockSkew | None:
    """The skew of a signature date beyond `max_skew_minutes` either way, or None within it.

    The window is what makes a captured request useless once it has passed.
    """
    skew = now - signed_at
    if abs(skew) <= max_skew_minutes * 60:
        return None
    return ClockSkew(_span(abs(skew)), "behind" if skew > 0 else "ahead of")


def _span(seconds: float) -> str:
    if seconds < 120:
        return f"{int(seconds)} seconds"
    return f"{int(seconds // 60)} minutes"
