"""The PAI-EAS side of the shared transport: ACS3-HMAC-SHA256 signing, the `/api/v2` prefix, and the
operation name every request carries (`x-acs-action`, `x-acs-version`).

The resource APIs (services.py, groups.py, ...) are one call per operation on top
of `EasHttp.call`, whose paths are relative to `/api/v2`.
"""

from __future__ import annotations

from typing import Any, Mapping

import httpx

from ...core.transport import HttpTransport, JsonResult, OutgoingRequest, RequestHook, path_segment
from . import signer
from .config import API_VERSION, ClientConfig
from .errors import API, error_from_response

PREFIX = "/api/v2"


class EasHttp:
    def __init__(self, config: ClientConfig, transport: httpx.BaseTransport | None = None, *,
                 on_request: RequestHook | None = None) -> None:
        self.config = config
        self.region = config.region
        secret = config.access_key_secret.get_secret_value()
        self.transport = HttpTransport(config.resolved_endpoint(), api=API, sign=self._sign,
                                       parse_error=error_from_response, retry=config, transport=transport,
                                       on_request=on_request, secrets=[secret])

    @property
    def calls(self) -> int:
        return self.transport.calls

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> "EasHttp":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def cluster_path(self, kind: str, name: str, suffix: str = "") -> str:
        """`/{kind}/{ClusterId}/{name}{suffix}`: ClusterId is the client's region."""
        return f"/{kind}/{path_segment(self.region)}/{path_segment(name)}{suffix}"

    def call(self, action: str, method: str, path: str, *, params: Mapping[str, Any] | None = None,
             body: Any = None, retry_unsafe: bool = False) -> JsonResult:
        """One operation; `path` is relative to `/api/v2` and already percent-encoded."""
        return self.transport.request(method, PREFIX + path, params=params, body=body,
                                      headers={"x-acs-action": action, "x-acs-version": API_VERSION},
                                      retry_unsafe=retry_unsafe)

    def _sign(self, request: OutgoingRequest) -> None:
        request.headers = signer.sign(request.method, request.path, request.query, request.headers, request.body,
                                      self.config.access_key_id, self.config.access_key_secret.get_secret_value())
        # The query on the wire is byte-for-byte the signed one.
        request.query_string = signer.canonical_query(request.query)
