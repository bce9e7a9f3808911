"""Signed, retrying JSON-over-HTTP transport shared by every cloud client.

A cloud plugs in two functions: one that signs an outgoing request (and may
fix the exact query string that goes on the wire, since signatures cover it)
and one that turns a failed response into the neutral `ApiError`. Paths are
absolute: the API's own prefix (`/v2/{project_id}`, `/api/v2`) belongs to the
cloud's client, not to this transport.
"""

from __future__ import annotations

import json
import logging
import math
import platform
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, Field
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from .errors import ApiError, ThrottledError, TransientError, TransportError

log = logging.getLogger(__name__)

USER_AGENT = f"inference-iac/0.2 httpx/{httpx.__version__} python/{platform.python_version()}"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# Called once per HTTP attempt with (method, path, status code or None when no
# response arrived). Used to count API calls in benchmarks.
RequestHook = Callable[[str, str, "int | None"], None]
JsonResult = dict | list | str | None


def normalized_endpoint(endpoint: str) -> str:
    """A client's base URL from a host, `host:port` or URL: https unless a scheme is given (the SDKs'
    default), no trailing slash; a scheme other than http or https is refused."""
    endpoint = endpoint.strip()
    if "://" not in endpoint:
        endpoint = "https://" + endpoint
    scheme = endpoint.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"endpoint scheme must be http or https, got {scheme!r}")
    return endpoint.rstrip("/")


class RetrySettings(BaseModel):
    """How hard a client tries: per-call timeout, retries and backoff."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timeout_seconds: float = Field(default=30, gt=0)
    # Retries after the first attempt, so at most max_retries + 1 HTTP calls.
    max_retries: int = Field(default=4, ge=0)
    # Exponential backoff with full jitter: attempt n waits a random time in
    # [0, min(retry_backoff_max_seconds, retry_backoff_seconds * 2**n)].
    # Tests set retry_backoff_seconds=0 to run without sleeping.
    retry_backoff_seconds: float = Field(default=0.5, ge=0)
    retry_backoff_max_seconds: float = Field(default=10.0, ge=0)


@dataclass
class OutgoingRequest:
    """One attempt, before signing. `path` is absolute and percent-encoded."""

    method: str
    host: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    # The query string sent on the wire; the signer may set it to its canonical form.
    query_string: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


Signer = Callable[[OutgoingRequest], None]
ErrorParser = Callable[[httpx.Response, str], ApiError]


def path_segment(value: Any) -> str:
    """Encode one path parameter (`/` becomes %2F)."""
    return quote(str(value), safe="")


def drop_none(value: Any) -> Any:
    """Remove None-valued keys recursively; False, 0, "" and [] are real values and kept."""
    if isinstance(value, Mapping):
        return {key: drop_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, (list, tuple)):
        return [drop_none(item) for item in value if item is not None]
    return value


def _query_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_pairs(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Flatten query params into sorted pairs: None dropped, lists repeated."""
    pairs: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        if value is None:
            continue
        items: Iterable[Any] = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        pairs.extend((key, _query_text(item)) for item in items if item is not None)
    return sorted(pairs)


def json_body(body: Any) -> bytes:
    """The request body as sent: None-valued keys dropped; NaN and infinities refused."""
    if body is None:
        return b""
    _refuse_non_finite(body)
    return json.dumps(drop_none(body), ensure_ascii=False).encode("utf-8")


def _refuse_non_finite(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be sent as JSON")
    if isinstance(value, Mapping):
        for item in value.values():
            _refuse_non_finite(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _refuse_non_finite(item)


def _retryable(method: str, unsafe_ok: bool) -> Callable[[BaseException], bool]:
    idempotent = method in IDEMPOTENT_METHODS or unsafe_ok

    def check(error: BaseException) -> bool:
        if isinstance(error, ThrottledError):
            return True  # the request was refused before it was processed
        if isinstance(error, TransientError):
            # A failed POST (create, start, batch delete) may still have taken
            # effect; only the caller knows whether repeating it is safe.
            return idempotent
        if isinstance(error, TransportError):
            # Connect-phase failures never reached the server, so any method is
            # safe to repeat; a read timeout on a POST might duplicate a create.
            return idempotent or not error.maybe_sent
        return False

    return check


class HttpTransport:
    def __init__(
        self,
        base_url: str,
        *,
        api: str,
        sign: Signer,
        parse_error: ErrorParser,
        retry: RetrySettings,
        transport: httpx.BaseTransport | None = None,
        on_request: RequestHook | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        base = httpx.URL(base_url)
        self.api = api
        self.retry = retry
        self.on_request = on_request
        self.calls = 0
        self._sign = sign
        self._parse_error = parse_error
        self._secrets = [s for s in secrets if s]
        self._origin = f"{base.scheme}://{base.netloc.decode('ascii')}"
        self.host = base.netloc.decode("ascii")
        # An endpoint may carry a path prefix (e.g. behind a gateway).
        self.base_path = base.raw_path.decode("ascii").split("?", 1)[0].rstrip("/")
        self._client = httpx.Client(transport=transport, timeout=httpx.Timeout(retry.timeout_seconds),
                                    follow_redirects=False)

    def close(self) -> None:
        self._client.close()

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None,
                headers: Mapping[str, str] | None = None, retry_unsafe: bool = False) -> JsonResult:
        """Send one API call, retrying transient failures; return the parsed JSON.

        `path` is below the endpoint's own path prefix and already
        percent-encoded. `retry_unsafe` lets a non-idempotent call be repeated
        after a 5xx or a timeout: only for calls that are harmless twice.
        """
        method = method.upper()
        content = json_body(body)
        retrying = Retrying(
            stop=stop_after_attempt(self.retry.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(_retryable(method, retry_unsafe)),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                outgoing = OutgoingRequest(method, self.host, self.base_path + path, query_pairs(params),
                                           {"Host": self.host, "Content-Type": "application/json",
                                            "User-Agent": USER_AGENT, **(headers or {})}, content)
                return self._send_once(outgoing)
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    def _wait(self, state: RetryCallState) -> float:
        backoff = wait_random_exponential(multiplier=self.retry.retry_backoff_seconds,
                                          max=self.retry.retry_backoff_max_seconds)(state)
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, ThrottledError) and error.retry_after is not None:
            # Honour the server's hint, but never beyond our own ceiling.
            return max(backoff, min(error.retry_after, self.retry.retry_backoff_max_seconds))
        return backoff

    def _send_once(self, request: OutgoingRequest) -> JsonResult:
        # Signed on every attempt so each retry carries a fresh timestamp.
        self._sign(request)
        url = self._origin + request.path + (f"?{request.query_string}" if request.query_string else "")
        self.calls += 1
        status: int | None = None
        try:
            response = self._client.request(request.method, url, headers=request.headers, content=request.body)
            status = response.status_code
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise TransportError(f"cannot connect to {self.api} at {self._origin}: {exc}", maybe_sent=False) from exc
        except httpx.TimeoutException as exc:
            raise TransportError(f"{self.api} {request.method} {request.path} timed out: {exc}") from exc
        except httpx.TransportError as exc:
            raise TransportError(f"{self.api} {request.method} {request.path} failed without a response: {exc}") from exc
        finally:
            log.debug("%s %s %s -> %s", self.api, request.method, request.path, status)
            if self.on_request is not None:
                self.on_request(request.method, request.path, status)
        if status >= 400:
            raise self._parse_error(response, self._redacted(response.text))
        return _parse(response)

    def _redacted(self, text: str) -> str:
        # Defence in depth: a misbehaving proxy echoing the request must not
        # leak a secret into logs through the exception text.
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


def _parse(response: httpx.Response) -> JsonResult:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text  # e.g. a CSV download
