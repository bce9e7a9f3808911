"""How ModelArts error responses map onto the core error hierarchy.

The body parsing follows `huaweicloudsdkcore`'s exception handler, so callers
see the same error code, message and request id the official SDK would report
for the same response.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

import httpx

from ...core.errors import ApiError, api_error, parse_retry_after

API = "ModelArts"
# A non-JSON error body (an HTML page from a proxy, say) can be huge; keep
# messages readable.
_MAX_TEXT_MESSAGE = 500


def _find_code_and_message(body: Mapping[str, Any]) -> tuple[Any, Any] | None:
    """Same precedence as the SDK: snake_case, camelCase, code/message, then nested dicts."""
    for code_key, msg_key in (("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message")):
        if code_key in body and msg_key in body:
            return body[code_key], body[msg_key]
    for value in body.values():
        if isinstance(value, Mapping):
            found = _find_code_and_message(value)
            if found:
                return found
    return None


def error_from_parts(status_code: int, headers: Mapping[str, str], text: str) -> ApiError:
    """`headers` should be case-insensitive (httpx.Headers) so either spelling of X-Request-Id is found."""
    code: Any = None
    message: Any = None
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, Mapping):
        found = _find_code_and_message(parsed)
        if found:
            code, message = found
    if not code:
        code = str(status_code)
    if not message:
        message = text if len(text) <= _MAX_TEXT_MESSAGE else text[:_MAX_TEXT_MESSAGE] + "..."
    return api_error(status_code, str(code), str(message), headers.get("X-Request-Id"), api=API,
                     retry_after=parse_retry_after(headers.get("Retry-After")))


def error_from_response(response: httpx.Response, text: str) -> ApiError:
    return error_from_parts(response.status_code, response.headers, text)
