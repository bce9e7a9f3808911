"""Entry point: one object holding the HTTP session and the resource APIs."""

from __future__ import annotations

import httpx

from .api_keys import ApiKeysApi
from .catalog import CatalogApi
from .config import ClientConfig
from .deployments import DeploymentsApi
from ...core.transport import RequestHook
from .http import ModelArtsHttp
from .intranet_connections import IntranetConnectionsApi
from .scaling_rules import ScalingRulesApi
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
        self.intranet_connections = IntranetConnectionsApi(self.http)
        self.scaling_rules = ScalingRulesApi(self.http)
        self.api_keys = ApiKeysApi(self.http)
        self.catalog = CatalogApi(self.http)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "ModelArtsClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
