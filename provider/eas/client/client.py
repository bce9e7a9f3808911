"""Entry point: one object holding the HTTP session and the resource APIs."""

from __future__ import annotations

import httpx

from ...core.transport import RequestHook
from .config import ClientConfig
from .gateways import GatewaysApi
from .groups import GroupsApi
from .http import EasHttp
from .scalers import ScalersApi
from .services import ServicesApi


class EasClient:
    def __init__(self, config: ClientConfig, transport: httpx.BaseTransport | None = None, *,
                 on_request: RequestHook | None = None) -> None:
        self.config = config
        self.region = config.region
        self.http = EasHttp(config, transport, on_request=on_request)
        self.services = ServicesApi(self.http)
        self.groups = GroupsApi(self.http)
        self.scalers = ScalersApi(self.http)
        self.gateways = GatewaysApi(self.http)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "EasClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
