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
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from inference_iac.emulator import errors
from inference_iac.emulator.auth import authenticate, authorize_project
from inference_iac.emulator.handlers import api_keys, deployments, services, tags
from inference_iac.emulator.handlers import scaling_rules
from inference_iac.emulator.handlers import intranet_connections
from inference_iac.emulator.handlers import catalog, instances
from inference_iac.emulator.handlers import faults as fault_control
from inference_iac.emulator.handlers.context import Context, advance_project
from inference_iac.emulator.settings import Settings
from inference_iac.emulator.stats import CountingMiddleware, RequestStats
from inference_iac.emulator.stats import endpoint as stats_endpoint
from inference_iac.emulator.store import Store

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
            await fault_control.apply_request_faults(store, request.url.path)
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
                              body=payload, now=time.time(),
                              query_lists={k: request.query_params.getlist(k)
                                           for k in request.query_params.keys()})
                advance_project(ctx)
                result = handler(ctx)
            # A handler may answer with its own response (the API key CSV download).
            return result if isinstance(result, Response) else JSONResponse(result)
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

    return [
        route(PREFIX + "/services", GET=services.list_, POST=services.create),
        route(PREFIX + "/intranet-connection", POST=intranet_connections.create),
        route(PREFIX + "/intranet-connection/requests", GET=intranet_connections.list_requests),
        route(PREFIX + "/intranet-connection/reviews", GET=intranet_connections.list_reviews),
        route(PREFIX + "/intranet-connection/delete", POST=intranet_connections.batch_delete),
        route(PREFIX + "/intranet-connection/{connection_id}", PUT=intranet_connections.update),
        route(PREFIX + "/intranet-connection/{connection_id}/modify", POST=intranet_connections.modify),
        route(PREFIX + "/modelarts-service-v2/{resource_id}/tags/create", POST=tags.create),
        route(PREFIX + "/modelarts-service-v2/{resource_id}/tags/delete", DELETE=tags.delete),
        route(PREFIX + "/modelarts-service-v2/{resource_id}/tags", GET=tags.show),
        route(PREFIX + "/services/delete", POST=services.batch_delete),
        route(PREFIX + "/services/api-keys", GET=api_keys.list_, POST=api_keys.create),
        route(PREFIX + "/services/api-keys/temp", POST=_unsupported("The temporary API key API")),
        route(PREFIX + "/services/api-keys/{key_id}", DELETE=api_keys.delete),
        route(PREFIX + "/services/flavors", GET=catalog.list_flavors),
        route(PREFIX + "/pools", GET=catalog.list_pools),
        route(PREFIX + "/pools/{pool_name}", GET=catalog.show_pool),
        route(PREFIX + "/services/clusters/{cluster_id}", GET=_unsupported("The cluster API")),
        route(SERVICE, GET=services.show, PUT=services.update),
        route(SERVICE + "/start", POST=services.start),
        route(SERVICE + "/stop", POST=services.stop),
        route(SERVICE + "/events", GET=services.list_events),
        route(SERVICE + "/api-keys/batch-bind", POST=api_keys.batch_bind),
        route(SERVICE + "/api-keys/batch-unbind", POST=api_keys.batch_unbind),
        route(SERVICE + "/api-keys/{key_id}/bind", POST=api_keys.bind),
        route(SERVICE + "/api-keys/{key_id}/unbind", POST=api_keys.unbind),
        route(SERVICE + "/deployments", GET=deployments.list_, POST=deployments.create),
        route(SERVICE + "/deployments/{deployment_name}/scale", PUT=deployments.scale),
        route(DEPLOYMENT, GET=deployments.show, PUT=deployments.update, DELETE=deployments.delete),
        route(DEPLOYMENT + "/start", POST=deployments.start),
        route(DEPLOYMENT + "/stop", POST=deployments.stop),
        route(DEPLOYMENT + "/interrupt", POST=deployments.interrupt),
        route(DEPLOYMENT + "/versions", GET=deployments.list_versions),
        route(DEPLOYMENT + "/versions/{version}", GET=deployments.show_version,
              DELETE=deployments.delete_version),
        route(DEPLOYMENT + "/versions/{version}/switch", POST=deployments.switch_version),
        route(PREFIX + "/services/{id}/deployments/{name}/instances", GET=instances.list_instances),
        route(PREFIX + "/services/{id}/deployments/{deployment_name}/instances/{name}/pods",
              GET=instances.list_pods),
        route(DEPLOYMENT + "/hpa", GET=scaling_rules.show, POST=scaling_rules.create,
              PUT=scaling_rules.update, DELETE=scaling_rules.delete),
        route(DEPLOYMENT + "/hpa/events", GET=scaling_rules.list_events),
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

    faults = fault_control.endpoint(store)
    stats = RequestStats()
    routes = [Route("/-/health", _health, methods=["GET"]),
              Route("/-/stats", stats_endpoint(stats), methods=["GET"]),
              Route("/-/faults", faults, methods=["GET", "POST", "DELETE"]),
              Route("/-/faults/{fault_id}", faults, methods=["DELETE"]),
              *_api_routes(settings, store)]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: _http_error})
    app.state.settings = settings
    app.state.store = store
    app.state.stats = stats
    return RequestIdMiddleware(CountingMiddleware(app, stats))
