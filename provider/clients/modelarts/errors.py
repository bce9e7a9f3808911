"""Typed errors raised by the ModelArts API client.

The parsing rules mirror `huaweicloudsdkcore`'s DefaultExceptionHandler so that
callers see the same `error_code` / `error_msg` / `request_id` the official SDK
would report for the same response.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

# A non-JSON error body (an HTML page from a proxy, say) can be huge; keep
# messages readable.
_MAX_TEXT_MESSAGE = 500


class ModelArtsError(Exception):
    """Base class of every error this client raises."""


class ApiError(ModelArtsError):
    """The API answered with an HTTP status >= 400."""

    def __init__(
        self,
        status_code: int,
        error_code: str,
        error_msg: str,
        request_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"ModelArts API error {self.status_code} {self.error_code}: {self.error_msg}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code!r}, error_code={self.error_code!r}, "
            f"error_msg={self.error_msg!r}, request_id={self.request_id!r})"
        )


class BadRequestError(ApiError):
    """400: validation failures, and also ModelArts' answer to state conflicts."""


class AuthError(ApiError):
    """401 (bad or missing signature) or 403 (no permission / wrong project)."""


class NotFoundError(ApiError):
    """404: the addressed resource does not exist (any more)."""


class ConflictError(ApiError):
    """409: not documented for ModelArts, mapped for completeness."""


class ThrottledError(ApiError):
    """429: rate limited; `retry_after` holds the server's hint in seconds, if any."""

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)


class ServerError(ApiError):
    """5xx: the service failed; retried automatically for idempotent methods."""


class TransportError(ModelArtsError):
    """No HTTP response was received: connection failure, DNS error or timeout.

    `maybe_sent` is False only when the failure happened while connecting, i.e.
    the server certainly never saw the request; the retry policy relies on it.
    """

    def __init__(self, message: str, *, maybe_sent: bool = True) -> None:
        self.maybe_sent = maybe_sent
        super().__init__(message)


class AmbiguousMatchError(ModelArtsError):
    """A lookup by name found more than one resource with exactly that name."""


_STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthError,
    403: AuthError,
    404: NotFoundError,
    409: ConflictError,
    429: ThrottledError,
}


def error_class_for(status_code: int) -> type[ApiError]:
    if status_code >= 500:
        return ServerError
    return _STATUS_CLASSES.get(status_code, ApiError)


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


def _parse_retry_after(headers: Mapping[str, str]) -> float | None:
    # Only the delta-seconds form; an HTTP date is rare enough to ignore.
    try:
        return max(0.0, float(headers.get("Retry-After", "")))
    except ValueError:
        return None


def error_from_response(status_code: int, headers: Mapping[str, str], text: str) -> ApiError:
    """Build the typed error for one failed response.

    `headers` should be case-insensitive (httpx.Headers) so that both
    `X-Request-Id` and `x-request-id` are found.
    """
    request_id = headers.get("X-Request-Id")
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
    cls = error_class_for(status_code)
    kwargs: dict[str, Any] = {}
    if cls is ThrottledError:
        kwargs["retry_after"] = _parse_retry_after(headers)
    return cls(status_code, str(code), str(message), request_id, **kwargs)
