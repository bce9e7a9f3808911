"""Reading and parsing request bodies defensively.

`read_body` refuses (413) a body larger than the limit without reading it
whole: a declared Content-Length over the limit is refused at once, and a
body without one (chunked) is counted while it streams. `parse_json` accepts
only what every JSON parser agrees on and what the state can store: no
NaN/Infinity (nor numbers that overflow to infinity, like 1e999), integers
within 64 bits, no lone UTF-16 surrogates (`"\\ud800"`), at most
`MAX_DEPTH` levels of nesting, valid UTF-8. Anything else is a 400, so a
malformed body can never reach the handlers or the store.
"""

from __future__ import annotations

import json
import math
import re

from starlette.requests import Request

from . import errors

MAX_DEPTH = 64
INT64_MAX = 2**63 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    """A JSON value the emulator does not accept (a clear message for the 400)."""


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise errors.body_too_large(limit)
        except ValueError:
            raise errors.bad_request("The Content-Length header is not a number.") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.body_too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(body: bytes):
    """The JSON value of `body` (None when it is empty or blank); 400 when unacceptable."""
    if not body.strip():
        return None
    try:
        value = json.loads(body, parse_constant=_refuse_constant, parse_float=_float,
                           parse_int=_int)
    except _Refused as refused:
        raise errors.bad_request(f"The request body is not acceptable JSON: {refused}.") from None
    except RecursionError:
        raise errors.bad_request(f"The request body nests deeper than {MAX_DEPTH} levels.") from None
    except ValueError:  # includes UnicodeDecodeError and JSONDecodeError
        raise errors.bad_request("The request body is not valid JSON.") from None
    problem = _problem(value)
    if problem:
        raise errors.bad_request(f"The request body is not acceptable JSON: {problem}.")
    return value


def _refuse_constant(name: str):
    raise _Refused(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Refused(f"the number {text[:40]} is too large")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 19:
        raise _Refused(f"the integer {text[:40]}... is out of the 64-bit range")
    value = int(text)
    if not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise _Refused(f"the integer {text} is out of the 64-bit range")
    return value


def _problem(value) -> str | None:
    """Nesting deeper than MAX_DEPTH or a lone surrogate anywhere (keys included); iterative."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return "strings must not hold lone UTF-16 surrogates"
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            return f"it nests deeper than {MAX_DEPTH} levels"
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        else:
            stack.extend((child, depth + 1) for child in item)
    return None
