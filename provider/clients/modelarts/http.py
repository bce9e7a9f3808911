"""Signed, retrying HTTP transport for the ModelArts v2 management API.

Everything protocol-level lives here (URL building, JSON serialisation,
SDK-HMAC-SHA256 signing, retries, error mapping) so the resource APIs in
services.py / deployments.py stay one-liners per endpoint.
"""

from __future__ import annotations

import json
import logging
import platform
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import quote

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from . import signer
from .config import ClientConfig
from .errors import ApiError, ServerError, ThrottledError, TransportError, error_from_response

log = logging.getLogger(__name__)

USER_AGENT = f"inference-iac-modelarts/0.1 httpx/{httpx.__version__} python/{platform.python_version()}"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# Called once per HTTP attempt with (method, path, status code or None when no
# response arrived). Used to count API calls in benchmarks.
RequestHook = Callable[[str, str, "int | None"], None]

JsonResult = dict | list | str | None


def path_segment(value: Any) -> str:
    """Encode one path parameter the way the SDK does (`/` becomes %2F)."""
    return quote(str(value), safe="")


def drop_none(value: Any) -> Any:
    """Remove None-valued keys recursively, as the SDK's serialiser does.

    False, 0, "" and [] are real values and are kept.
    """
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


def _is_retryable(method: str) -> Callable[[BaseException], bool]:
    idempotent = method in IDEMPOTENT_METHODS

    def check(error: BaseException) -> bool:
        if isinstance(error, ThrottledError):
            return True
        if isinstance(error, ServerError):
            # A failed POST (create, start, delete batch) may still have taken
            # effect; repeating it is the caller's decision, not ours.
            return idempotent
        if isinstance(error, TransportError):
            # Connect-phase failures never reached the server, so any method is
            # safe to repeat; a read timeout on a POST might duplicate a create.
            return idempotent or not error.maybe_sent
        return False

    return check


class ModelArtsHttp:
    def __init__(
        self,
        config: ClientConfig,
        transport: httpx.BaseTransport | None = None,
        *,
        on_request: RequestHook | None = None,
    ) -> None:
        self.config = config
        self.on_request = on_request
        self.calls = 0
        base = httpx.URL(config.resolved_endpoint())
        self._origin = f"{base.scheme}://{base.netloc.decode('ascii')}"
        self._host = base.netloc.decode("ascii")
        # An endpoint may carry a path prefix (e.g. behind a gateway).
        self._base_path = base.raw_path.decode("ascii").split("?", 1)[0].rstrip("/")
        self._api_prefix = f"{self._base_path}/v2/{path_segment(config.project_id)}"
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(config.timeout_seconds),
            follow_redirects=False,  # the SDK refuses redirects too
        )

    # -- lifecycle -------------------------------------------------------

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "ModelArtsHttp":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- public ----------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
    ) -> JsonResult:
        """Send one API call, retrying transient failures; return the parsed JSON.

        `path` is relative to `/v2/{project_id}` and already percent-encoded
        (use `path_segment` for ids and names).
        """
        method = method.upper()
        full_path = self._api_prefix + path
        pairs = query_pairs(params)
        content = b"" if body is None else json.dumps(drop_none(body)).encode("utf-8")
        retrying = Retrying(
            stop=stop_after_attempt(self.config.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(_is_retryable(method)),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                return self._send_once(method, full_path, pairs, content)
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    # -- internals -------------------------------------------------------

    def _wait(self, state: RetryCallState) -> float:
        backoff = wait_random_exponential(
            multiplier=self.config.retry_backoff_seconds,
            max=self.config.retry_backoff_max_seconds,
        )(state)
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, ThrottledError) and error.retry_after is not None:
            # Honour the server's hint, but never beyond our own ceiling.
            return max(backoff, min(error.retry_after, self.config.retry_backoff_max_seconds))
        return backoff

    def _signed_headers(self, method: str, path: str, pairs: list[tuple[str, str]], content: bytes) -> dict[str, str]:
        headers = {
            "Host": self._host,
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Project-Id": self.config.project_id,
        }
        # Signed on every attempt so each retry carries a fresh X-Sdk-Date.
        return signer.sign(
            method, path, pairs, headers, content,
            self.config.access_key, self.config.secret_key.get_secret_value(),
        )

    def _send_once(self, method: str, path: str, pairs: list[tuple[str, str]], content: bytes) -> JsonResult:
        headers = self._signed_headers(method, path, pairs, content)
        query = signer.canonical_query(pairs)
        # Built by hand so the query on the wire is byte-for-byte the signed one.
        url = self._origin + path + (f"?{query}" if query else "")
        self.calls += 1
        status: int | None = None
        try:
            response = self._client.request(method, url, headers=headers, content=content)
            status = response.status_code
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise TransportError(f"cannot connect to ModelArts at {self._origin}: {exc}", maybe_sent=False) from exc
        except httpx.TimeoutException as exc:
            raise TransportError(f"ModelArts {method} {path} timed out: {exc}") from exc
        except httpx.TransportError as exc:
            raise TransportError(f"ModelArts {method} {path} failed without a response: {exc}") from exc
        finally:
            log.debug("ModelArts %s %s -> %s", method, path, status)
            if self.on_request is not None:
                self.on_request(method, path, status)
        if status >= 400:
            raise self._error(response)
        return self._parse(response)

    def _error(self, response: httpx.Response) -> ApiError:
        text = response.text
        # Defence in depth: a misbehaving proxy echoing the request must not
        # leak the secret key into logs via the exception text.
        secret = self.config.secret_key.get_secret_value()
        if secret and secret in text:
            text = text.replace(secret, "***")
        return error_from_response(response.status_code, response.headers, text)

    @staticmethod
    def _parse(response: httpx.Response) -> JsonResult:
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            # The SDK passes non-JSON text through; so do we.
            return response.text
