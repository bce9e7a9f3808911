"""Reading and parsing request bodies."""

from __future__ import annotations

import json

from starlette.requests import Request

from . import errors


async def read_body(request: Request) -> bytes:
    return await request.body()


def parse_json(body: bytes):
    """The JSON value of `body` (None when it is empty or blank); 400 when it is not JSON."""
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise errors.bad_request("The request body is not valid JSON.") from None
