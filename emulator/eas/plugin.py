"""Alibaba Cloud PAI-EAS (API 2021-07-01, ROA under /api/v2) as an emulator plug-in."""

from __future__ import annotations

from starlette.responses import Response

from ..core.errors import ApiError
from ..core.plugin import ApiPlugin, ApiRoute, Call, Node, RawRequest
from ..core.settings import Settings
from ..core.store import Store
from . import auth, errors, overview, urls
from .handlers.context import Context, advance_project
from .state.common import default_region


class EasApi(ApiPlugin):
    name = "eas"
    path_prefix = "/api/v2/"

    def __init__(self) -> None:
        # Nonces of accepted requests (in memory: a restart forgets them, and the clock-skew
        # window still bounds any replay).
        self.nonces = auth.NonceBook()

    def routes(self) -> list[ApiRoute]:
        return urls.api_routes()

    def authenticate(self, request: RawRequest, settings: Settings, now: float) -> str:
        return auth.authenticate(request, settings, now, self.nonces)

    def error_response(self, error: ApiError) -> Response:
        return errors.render(error)

    def context(self, call: Call) -> Context:
        return Context.of(call)

    def advance(self, context: Context) -> None:
        advance_project(context)

    def overview(self, store: Store, project_id: str, settings: Settings,
                 now: float) -> list[Node]:
        return overview.nodes(store, project_id, now)

    def client_env(self, endpoint: str, access_key: str, secret_key: str,
                   project_id: str) -> dict[str, str]:
        # EAS has no project in its paths: the account is the access key pair.
        return {
            "EAS_ENDPOINT": endpoint,
            "ALIBABA_CLOUD_REGION_ID": default_region(),
            "ALIBABA_CLOUD_ACCESS_KEY_ID": access_key,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret_key,
        }
