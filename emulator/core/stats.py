"""Request counting for /-/stats: how many API calls were made, per API plug-in.

Kept in memory (it restarts at zero with the process): benchmarks read it
before and after a run to count the API calls a tool made. A request counts
for the plug-in whose path prefix it falls under, whatever its outcome.
"""

from __future__ import annotations

from collections import Counter

from starlette.requests import Request
from starlette.responses import JSONResponse


class RequestStats:
    def __init__(self, api_names: list[str] | None = None):
        self.by_api: dict[str, Counter[str]] = {name: Counter() for name in api_names or []}

    def record(self, api: str, method: str) -> None:
        self.by_api.setdefault(api, Counter())[method] += 1

    def body(self) -> dict:
        by_method: Counter[str] = Counter()
        for counts in self.by_api.values():
            by_method.update(counts)
        return {
            "api_requests": sum(by_method.values()),
            "by_method": dict(by_method),
            "by_api": {name: {"api_requests": sum(counts.values()), "by_method": dict(counts)}
                       for name, counts in self.by_api.items()},
        }


class CountingMiddleware:
    """Counts every request under an API plug-in's path prefix that reaches the app."""

    def __init__(self, app, stats: RequestStats, prefixes: dict[str, str]):
        self.app = app
        self.stats = stats
        self.prefixes = prefixes  # path prefix -> API name

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            path = scope.get("path", "")
            for prefix, api in self.prefixes.items():
                if path.startswith(prefix):
                    self.stats.record(api, scope.get("method", "GET"))
                    break
        await self.app(scope, receive, send)


def endpoint(stats: RequestStats):
    async def handle(request: Request) -> JSONResponse:
        return JSONResponse(stats.body())

    return handle
