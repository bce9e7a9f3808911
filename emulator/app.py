"""ASGI application: routes, authentication and error rendering.

Every /v2 route goes through `_api_endpoint`, which (1) verifies the request
signature and project, (2) opens a store transaction, (3) applies timed
status transitions that have come due, (4) runs the handler, and (5) renders
the result or a ModelArts-style error. Literal path segments under /services
(delete, api-keys, flavors, clusters) are routed before /services/{service_id}.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from contextlib import asynccontextmanager
from typing import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator import errors
from emulator.auth import authenticate, authorize_project
from emulator.handlers import deployments, services
from emulator.handlers.context import Context, advance_project
from emulator.settings import Settings
from emulator.store import Store

log = logging.getLogger("emulator")

Handler = Callable[[Context], dict]
ALL_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]
PREFIX = "/v2/{project_id}"
SERVICE = PREFIX + "/services/{service_id}"
DEPLOYMENT = SERVICE + "/deployments/{deployment_id}"


def error_response(error: errors.ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status)


def _parse_json(body: bytes):
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise errors.bad_request("The request body is not valid JSON.") from None


def _api_endpoint(settings: Settings, store: Store, handlers: dict[str, Handler]):
    async def endpoint(request: Request) -> JSONResponse:
        body = await request.body()
        headers = {name.lower(): value for name, value in request.headers.items()}
        try:
            authenticate(request.scope, headers, body, settings)
            authorize_project(request.path_params["project_id"], headers, settings)
            handler = handlers.get(request.method)
            if handler is None:
                raise errors.method_not_allowed(request.method, request.url.path)
            payload = _parse_json(body)
            with store.transaction():
                ctx = Context(store=store, settings=settings,
                              project_id=request.path_params["project_id"],
                              path=dict(request.path_params), query=dict(request.query_params),
                              body=payload, now=time.time())
                advance_project(ctx)
                result = handler(ctx)
            return JSONResponse(result)
        except errors.ApiError as error:
            return error_response(error)
        except Exception:  # a bug must still answer in the documented error shape
            log.exception("unhandled error for %s %s", request.method, request.url.path)
            return error_response(errors.ApiError(500, "ModelArts.5000", "Internal emulator error."))

    return endpoint


def _unsupported(what: str) -> Handler:
    def handler(ctx: Context) -> dict:
        raise errors.not_implemented(what)

    return handler


def _api_routes(settings: Settings, store: Store) -> list[Route]:
    def route(path: str, **handlers: Handler) -> Route:
        return Route(path, _api_endpoint(settings, store, handlers), methods=ALL_METHODS)

    api_keys = _unsupported("The API key API")
    all_methods = {m: api_keys for m in ALL_METHODS}
    return [
        route(PREFIX + "/services", GET=services.list_, POST=services.create),
        route(PREFIX + "/services/delete", POST=services.batch_delete),
        route(PREFIX + "/services/api-keys", **all_methods),
        route(PREFIX + "/services/api-keys/{rest:path}", **all_methods),
        route(PREFIX + "/services/flavors", GET=_unsupported("The flavor list API")),
        route(PREFIX + "/services/clusters/{cluster_id}", GET=_unsupported("The cluster API")),
        route(SERVICE, GET=services.show, PUT=services.update),
        route(SERVICE + "/start", POST=services.start),
        route(SERVICE + "/stop", POST=services.stop),
        route(SERVICE + "/events", GET=services.list_events),
        route(SERVICE + "/deployments", GET=deployments.list_, POST=deployments.create),
        route(SERVICE + "/deployments/{deployment_name}/scale", PUT=deployments.scale),
        route(DEPLOYMENT, GET=deployments.show, PUT=deployments.update, DELETE=deployments.delete),
        route(DEPLOYMENT + "/start", POST=deployments.start),
        route(DEPLOYMENT + "/stop", POST=deployments.stop),
        route(DEPLOYMENT + "/interrupt", POST=deployments.interrupt),
        route(DEPLOYMENT + "/versions", GET=deployments.list_versions),
    ]


async def _health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    if exc.status_code == 405:
        return error_response(errors.method_not_allowed(request.method, request.url.path))
    if exc.status_code == 404:
        return error_response(errors.route_not_found(request.url.path))
    return error_response(errors.ApiError(exc.status_code, f"ModelArts.{exc.status_code}",
                                          str(exc.detail)))


class RequestIdMiddleware:
    """Adds an X-Request-Id header to every response (the SDK reports it on errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (b"x-request-id", request_id.encode())]
            await send(message)

        await self.app(scope, receive, send_with_id)


def create_app(settings: Settings) -> RequestIdMiddleware:
    """Build the emulator ASGI app; state lives in SQLite under settings.data_dir."""
    store = Store(settings.data_dir)

    @asynccontextmanager
    async def lifespan(app):
        yield
        store.close()

    routes = [Route("/-/health", _health, methods=["GET"]), *_api_routes(settings, store)]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: _http_error})
    app.state.settings = settings
    app.state.store = store
    return RequestIdMiddleware(app)
