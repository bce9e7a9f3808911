"""Request counting for /-/stats: how many management-API (/v2) calls were made.

Kept in memory (it restarts at zero with the process): benchmarks read it
before and after a run to count the API calls a tool made.
"""

from __future__ import annotations

from collections import Counter

from starlette.requests import Request
from starlette.responses import JSONResponse

API_PREFIX = "/v2/"


class RequestStats:
    def __init__(self):
        self.by_method: Counter[str] = Counter()

    def record(self, method: str) -> None:
        self.by_method[method] += 1

    def body(self) -> dict:
        return {"api_requests": sum(self.by_method.values()), "by_method": dict(self.by_method)}


class CountingMiddleware:
    """Counts every /v2 request that reaches the app, whatever its outcome."""

    def __init__(self, app, stats: RequestStats):
        self.app = app
        self.stats = stats

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("path", "").startswith(API_PREFIX):
            self.stats.record(scope.get("method", "GET"))
        await self.app(scope, receive, send)


def endpoint(stats: RequestStats):
    async def handle(request: Request) -> JSONResponse:
        return JSONResponse(stats.body())

    return handle
