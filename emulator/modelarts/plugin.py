"""The ModelArts inference management APIs as one emulator plug-in: v2 (real-time services and
deployments) and the old v1 (services and the model registry), on the same port."""

from __future__ import annotations

from starlette.responses import Response

from ..core.errors import ApiError
from ..core.plugin import ApiPlugin, ApiRoute, Call, Node, RawRequest
from ..core.settings import Settings
from ..core.store import Store
from . import auth, errors, overview, urls, v1_urls
from .handlers import v1_common
from .handlers.context import Context, advance_project


class ModelArtsApi(ApiPlugin):
    name = "modelarts"
    path_prefix = ("/v2/", "/v1/")

    def routes(self) -> list[ApiRoute]:
        return list(urls.ROUTES) + list(v1_urls.ROUTES)

    def authenticate(self, request: RawRequest, settings: Settings, now: float) -> str:
        return auth.authenticate(request, settings, now)

    def error_response(self, error: ApiError) -> Response:
        return errors.render(error)

    def context(self, call: Call) -> Context:
        return Context.of(call)

    def advance(self, context: Context) -> None:
        advance_project(context)
        v1_common.advance_project(context)

    def overview(self, store: Store, project_id: str, settings: Settings,
                 now: float) -> list[Node]:
        return overview.nodes(store, project_id, settings, now)

    def client_env(self, endpoint: str, access_key: str, secret_key: str,
                   project_id: str) -> dict[str, str]:
        return {
            "MODELARTS_ENDPOINT": endpoint,
            "HUAWEICLOUD_SDK_AK": access_key,
            "HUAWEICLOUD_SDK_SK": secret_key,
            "HUAWEICLOUD_SDK_PROJECT_ID": project_id,
        }
