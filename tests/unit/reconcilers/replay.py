"""Recorded API exchanges, replayed: the reconcilers' tests need neither Pulumi nor a server.

A fixture (testdata/<cloud>/<scenario>.json) holds the scenario's context
(ids made while setting it up) and every exchange the reconciler had with a
real emulator: the request (method, path, query, JSON body) and the response.
Replaying serves the responses in order and fails on the first request that
differs from the recording, so a test also pins down exactly which calls a
reconciler makes. `record_modelarts.py` writes the fixtures anew.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx

TESTDATA = Path(__file__).parent / "testdata"


def _body(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace")


def _request_of(request: httpx.Request) -> dict[str, Any]:
    return {"method": request.method, "path": request.url.path,
            "query": sorted(parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)),
            "body": _body(request.content)}


class Recorder(httpx.BaseTransport):
    """Passes requests to a real server and keeps each exchange."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.exchanges: list[dict[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        self.exchanges.append({
            "request": _request_of(request),
            "response": {"status": response.status_code, "headers": _kept_headers(response.headers),
                         "body": _body(response.content)},
        })
        return response


def _kept_headers(headers: httpx.Headers) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() in ("content-type", "x-request-id", "retry-after")}


class Replay(httpx.BaseTransport):
    """Answers from a recording; a request that differs from it is an error."""

    def __init__(self, exchanges: list[dict[str, Any]]) -> None:
        self.exchanges = list(exchanges)
        self.position = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = _request_of(request)
        if self.position >= len(self.exchanges):
            raise AssertionError(f"unexpected request #{self.position + 1} (the recording has no more): {sent}")
        recorded = self.exchanges[self.position]
        expected = {**recorded["request"], "query": [tuple(p) for p in recorded["request"]["query"]]}
        if sent != expected:
            raise AssertionError(f"request #{self.position + 1} differs from the recording:\n"
                                 f"  sent:     {sent}\n  recorded: {expected}")
        self.position += 1
        answer = recorded["response"]
        body = answer["body"]
        content = b"" if body is None else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        return httpx.Response(answer["status"], headers=answer.get("headers") or {}, content=content)

    @property
    def finished(self) -> bool:
        return self.position == len(self.exchanges)


def load(cloud: str, scenario: str) -> dict[str, Any]:
    return json.loads((TESTDATA / cloud / f"{scenario}.json").read_text())


def save(cloud: str, scenario: str, data: dict[str, Any]) -> None:
    path = TESTDATA / cloud / f"{scenario}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
