"""Entry point: one object holding the HTTP session and the resource APIs."""

from __future__ import annotations

import httpx

from .config import ClientConfig
from .deployments import DeploymentsApi
from .http import ModelArtsHttp, RequestHook
from .services import ServicesApi


class ModelArtsClient:
    def __init__(
        self,
        config: ClientConfig,
        transport: httpx.BaseTransport | None = None,
        *,
        on_request: RequestHook | None = None,
    ) -> None:
        self.config = config
        self.http = ModelArtsHttp(config, transport, on_request=on_request)
        self.services = ServicesApi(self.http)
        self.deployments = DeploymentsApi(self.http)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "ModelArtsClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
