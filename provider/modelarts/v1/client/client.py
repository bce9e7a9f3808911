"""Entry point of the v1 client: the same signed, retrying transport as v2, under the `/v1/{project_id}` prefix."""

from __future__ import annotations

import httpx

from ....core.transport import RequestHook
from ...client.catalog import CatalogApi
from ...client.config import ClientConfig
from ...client.http import ModelArtsHttp
from .models import ModelsV1Api
from .services import ServicesV1Api

API_VERSION = "v1"


class ModelArtsV1Client:
    def __init__(self, config: ClientConfig, transport: httpx.BaseTransport | None = None, *,
                 on_request: RequestHook | None = None) -> None:
        self.config = config
        self.http = ModelArtsHttp(config, transport, on_request=on_request, api_version=API_VERSION)
        self.services = ServicesV1Api(self.http)
        self.models = ModelsV1Api(self.http)
        # The flavors a v1 config may name and the pools it may use are the v2 catalogue's
        # (GET /v2/{project_id}/services/flavors and /pools): the same region, another prefix.
        self.catalog_http = ModelArtsHttp(config, transport, on_request=on_request)
        self.catalog = CatalogApi(self.catalog_http)

    @property
    def calls(self) -> int:
        return self.http.calls + self.catalog_http.calls

    def close(self) -> None:
        self.http.close()
        self.catalog_http.close()

    def __enter__(self) -> "ModelArtsV1Client":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
