"""The ModelArts side of the shared transport: SDK-HMAC-SHA256 signing and the project-scoped path prefix.

The resource APIs (services.py, deployments.py, ...) are one-liners per
endpoint on top of `ModelArtsHttp.request`, whose paths are relative to
`/{version}/{project_id}`.
"""

from __future__ import annotations

from typing import Any, Mapping

import httpx

from ...core.transport import HttpTransport, JsonResult, OutgoingRequest, RequestHook, path_segment
from . import signer
from .config import ClientConfig
from .errors import API, error_from_response


class ModelArtsHttp:
    def __init__(self, config: ClientConfig, transport: httpx.BaseTransport | None = None, *,
                 on_request: RequestHook | None = None, api_version: str = "v2") -> None:
        self.config = config
        secret = config.secret_key.get_secret_value()
        self.transport = HttpTransport(config.resolved_endpoint(), api=API, sign=self._sign,
                                       parse_error=error_from_response, retry=config, transport=transport,
                                       on_request=on_request, secrets=[secret])
        self.prefix = f"/{api_version}/{path_segment(config.project_id)}"

    @property
    def calls(self) -> int:
        return self.transport.calls

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> "ModelArtsHttp":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None,
                retry_unsafe: bool = False) -> JsonResult:
        """`path` is relative to `/{version}/{project_id}`, already percent-encoded."""
        return self.transport.request(method, self.prefix + path, params=params, body=body,
                                      headers={"X-Project-Id": self.config.project_id},
                                      retry_unsafe=retry_unsafe)

    def _sign(self, request: OutgoingRequest) -> None:
        request.headers = signer.sign(request.method, request.path, request.query, request.headers, request.body,
                                      self.config.access_key, self.config.secret_key.get_secret_value())
        # The query on the wire is byte-for-byte the signed one.
        request.query_string = signer.canonical_query(request.query)
