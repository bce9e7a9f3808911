"""The error hierarchy every cloud client maps its failures into.

Callers (reconcilers, waiters, the Pulumi glue) catch these classes and never
a cloud's own, so a second cloud plugs in by writing one response parser.
Each API error carries what a person needs to chase it with the cloud's
support: the HTTP status, the API's own error code and message, and the
request id.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable


class ReportedError(Exception):
    """An error whose message tells a user all they need: shown as it is, without a traceback."""


class CloudError(ReportedError):
    """Base class of every error a cloud client raises."""


class ApiError(CloudError):
    """The API answered with an HTTP status >= 400."""

    def __init__(self, status_code: int, code: str, message: str, request_id: str | None = None,
                 *, api: str = "cloud") -> None:
        self.status_code = status_code
        self.code = code
        self.message = message
        self.request_id = request_id
        self.api = api
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.api} API error {self.status_code} {self.code}: {self.message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(status_code={self.status_code!r}, code={self.code!r}, "
                f"message={self.message!r}, request_id={self.request_id!r})")


class BadRequestError(ApiError):
    """400: the request was refused as invalid (some APIs also answer state conflicts so)."""


class AuthError(ApiError):
    """401 (bad or missing signature) or 403 (no permission / wrong project)."""


class NotFoundError(ApiError):
    """404: the addressed resource does not exist (any more)."""


class ConflictError(ApiError):
    """409: the resource is in a state that does not allow the operation."""


class ThrottledError(ApiError):
    """429: rate limited; `retry_after` holds the server's hint in seconds, if any."""

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)


class TransientError(ApiError):
    """5xx: the service failed; idempotent calls are retried automatically."""


class TransportError(CloudError):
    """No HTTP response was received: connection failure, DNS error or timeout.

    `maybe_sent` is False only when the failure happened while connecting, i.e.
    the server certainly never saw the request; the retry policy relies on it.
    """

    def __init__(self, message: str, *, maybe_sent: bool = True) -> None:
        self.maybe_sent = maybe_sent
        super().__init__(message)


class AmbiguousMatchError(CloudError):
    """A lookup by name found more than one resource with exactly that name."""


def only_match(items: Iterable[dict[str, Any]], matches: Callable[[dict[str, Any]], bool], what: str,
               id_key: str) -> dict[str, Any] | None:
    """The one item `matches` accepts, None if none. A list filter of the API may be fuzzy, so the
    caller compares exactly; two exact matches are an AmbiguousMatchError: "<n> <what>: <ids>"."""
    found = [item for item in items if matches(item)]
    if len(found) > 1:
        raise AmbiguousMatchError(f"{len(found)} {what}: {', '.join(str(item.get(id_key)) for item in found)}")
    return found[0] if found else None


class ResponseError(CloudError):
    """A response arrived but could not be understood."""


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
        return TransientError
    return _STATUS_CLASSES.get(status_code, ApiError)


def parse_retry_after(value: str | None) -> float | None:
    """The delta-seconds form of Retry-After; an HTTP date is rare enough to ignore."""
    try:
        return max(0.0, float(value or ""))
    except ValueError:
        return None


def api_error(status_code: int, code: str, message: str, request_id: str | None, *, api: str,
              retry_after: float | None = None) -> ApiError:
    """The typed error for one failed response."""
    cls = error_class_for(status_code)
    if cls is ThrottledError:
        return ThrottledError(status_code, code, message, request_id, api=api, retry_after=retry_after)
    return cls(status_code, code, message, request_id, api=api)
