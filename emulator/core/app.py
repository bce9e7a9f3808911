"""The ASGI application, built from a list of API plug-ins.

Core routes: `/` (status page: what is deployed, loopback only), `/-/health`,
`/-/stats` (request counter), `/-/faults` (fault plane, loopback only). Every route of a plug-in goes through `_api_endpoint`
(the pipeline described in `core.plugin`): read the body, apply request
faults, authenticate, parse the JSON, then inside one store transaction build
the plug-in's context, advance its timed state and run the handler. Errors are
rendered by the plug-in that owns the path (the core's own rendering
elsewhere). Every response carries an `X-Request-Id` header.
"""

from __future__ import annotations

import logging
import time
import uuid
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import errors, fault_control, overview
from .body import parse_json, read_body
from .plugin import ApiPlugin, Call, Handler, RawRequest
from .settings import Settings
from .stats import CountingMiddleware, RequestStats
from .stats import endpoint as stats_endpoint
from .store import Store

log = logging.getLogger("emulator")

ALL_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]


def default_apis() -> list[ApiPlugin]:
    from ..apis import enabled_apis

    return enabled_apis()


def _raw_request(request: Request, body: bytes) -> RawRequest:
    scope = request.scope
    raw_path = scope.get("raw_path") or scope["path"].encode()
    return RawRequest(
        method=request.method,
        raw_path=raw_path.decode("latin-1"),
        query_string=scope.get("query_string", b"").decode("latin-1"),
        headers={name.lower(): value for name, value in request.headers.items()},
        header_bytes=list(scope.get("headers", [])),
        body=body,
        path_params=dict(request.path_params),
    )


def _api_endpoint(api: ApiPlugin, settings: Settings, store: Store, handlers: dict[str, Handler]):
    async def endpoint(request: Request) -> Response:
        try:
            body = await read_body(request, settings.max_body_bytes)
            await fault_control.apply_request_faults(store, request.url.path)
            now = time.time()
            raw = _raw_request(request, body)
            project_id = api.authenticate(raw, settings, now)
            handler = handlers.get(request.method)
            if handler is None:
                raise errors.method_not_allowed(request.method, request.url.path)
            payload = parse_json(body)
            with store.transaction():
                call = Call(store=store, settings=settings, project_id=project_id,
                            path=dict(request.path_params), query=dict(request.query_params),
                            body=payload, now=now,
                            query_lists={k: request.query_params.getlist(k)
                                         for k in request.query_params.keys()},
                            raw=raw)
                ctx = api.context(call)
                api.advance(ctx)
                result = handler(ctx)
            # A handler may answer with its own response (e.g. a file download).
            return result if isinstance(result, Response) else JSONResponse(result)
        except errors.ApiError as error:
            return api.error_response(error)
        except Exception:  # a bug must still answer in the API's documented error shape
            log.exception("unhandled error for %s %s", request.method, request.url.path)
            return api.error_response(errors.internal())

    return endpoint


def _api_routes(api: ApiPlugin, settings: Settings, store: Store) -> list[Route]:
    return [Route(route.path, _api_endpoint(api, settings, store, dict(route.handlers)),
                  methods=ALL_METHODS)
            for route in api.routes()]


def _health(settings: Settings, apis: list[ApiPlugin]):
    """Liveness, and which emulator this is (a launcher tells its own process from another)."""
    body = {"status": "ok", "data_dir": str(Path(settings.data_dir).resolve()),
            "apis": [api.name for api in apis]}

    async def handle(request: Request) -> JSONResponse:
        return JSONResponse(body)

    return handle


def _http_error_handler(apis: list[ApiPlugin]):
    """Starlette's own 404/405 (no route matched), rendered by the API owning the path."""
    async def handle(request: Request, exc: HTTPException) -> Response:
        path = request.url.path
        if exc.status_code == 405:
            error = errors.method_not_allowed(request.method, path)
        elif exc.status_code == 404:
            error = errors.route_not_found(path)
        else:
            error = errors.ApiError(exc.status_code, errors.BAD_REQUEST, str(exc.detail))
        owner = next((api for api in apis if path.startswith(api.path_prefix)), None)
        if owner is None and len(apis) == 1:
            owner = apis[0]  # one API: the whole server speaks its dialect
        if owner is None:
            return JSONResponse(error.body(), status_code=error.status)
        return owner.error_response(error)

    return handle


class RequestIdMiddleware:
    """Adds an X-Request-Id header to every response (SDKs report it on errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + [
                    (b"x-request-id", request_id.encode())]
            await send(message)

        await self.app(scope, receive, send_with_id)


def create_app(settings: Settings, apis: list[ApiPlugin] | None = None) -> RequestIdMiddleware:
    """Build the emulator ASGI app; state lives in SQLite under settings.data_dir."""
    apis = default_apis() if apis is None else list(apis)
    store = Store(settings.data_dir)

    @asynccontextmanager
    async def lifespan(app):
        yield
        store.close()

    faults = fault_control.endpoint(store, settings.max_body_bytes)
    stats = RequestStats([api.name for api in apis])
    routes = [Route("/", overview.endpoint(store, apis, settings), methods=["GET"]),
              Route("/-/health", _health(settings, apis), methods=["GET"]),
              Route("/-/stats", stats_endpoint(stats), methods=["GET"]),
              Route("/-/faults", faults, methods=["GET", "POST", "DELETE"]),
              Route("/-/faults/{fault_id}", faults, methods=["DELETE"])]
    for api in apis:
        routes += _api_routes(api, settings, store)
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: _http_error_handler(apis)})
    app.state.settings = settings
    app.state.store = store
    app.state.stats = stats
    app.state.apis = apis
    prefixes = {api.path_prefix: api.name for api in apis}
    return RequestIdMiddleware(CountingMiddleware(app, stats, prefixes))
