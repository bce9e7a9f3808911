"""How PAI-EAS error responses map onto the core error hierarchy (eas-api.md 1.5).

The body is `{"RequestId", "Code", "Message"}` (lower-case spellings accepted, as
the SDK does); a throttled answer carries `x-acs-retry-after` in milliseconds.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

import httpx

from ...core.errors import ApiError, api_error, parse_retry_after

API = "PAI-EAS"
_MAX_TEXT_MESSAGE = 500


def _first(body: Mapping[str, Any], *keys: str) -> Any:
    return next((body[key] for key in keys if body.get(key) not in (None, "")), None)


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """`x-acs-retry-after` (a positive whole number of milliseconds), else a standard Retry-After."""
    millis = headers.get("x-acs-retry-after")
    if millis:
        try:
            value = int(millis)
        except ValueError:
            value = 0
        if value > 0:
            return value / 1000
    return parse_retry_after(headers.get("Retry-After"))


def error_from_parts(status_code: int, headers: Mapping[str, str], text: str) -> ApiError:
    """`headers` should be case-insensitive (httpx.Headers)."""
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    body = parsed if isinstance(parsed, Mapping) else {}
    code = _first(body, "Code", "code") or str(status_code)
    message = _first(body, "Message", "message")
    detail = _first(body, "Detail", "detail", "Description", "description")
    if not message:
        message = text if len(text) <= _MAX_TEXT_MESSAGE else text[:_MAX_TEXT_MESSAGE] + "..."
    if detail:
        message = f"{message} ({detail})"
    request_id = _first(body, "RequestId", "requestId") or headers.get("x-acs-request-id")
    return api_error(status_code, str(code), str(message), request_id, api=API,
                     retry_after=retry_after_seconds(headers))


def error_from_response(response: httpx.Response, text: str) -> ApiError:
    return error_from_parts(response.status_code, response.headers, text)
