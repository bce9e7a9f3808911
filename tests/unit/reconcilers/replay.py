"""Recorded API exchanges, replayed: the reconcilers' tests need neither Pulumi nor a server.

A fixture (testdata/<cloud>/<scenario>.json) holds the scenario's context
(ids made while setting it up) and every exchange the reconciler had with a
real emulator: the request (method, path, query, JSON body) and the response.
Replaying serves the responses in order and fails on the first request that
differs from the recording, so a test also pins down exactly which calls a
reconciler makes. `record_<cloud>.py` writes a cloud's fixtures anew.

A scenario arranges the cloud (`setup`, not recorded), runs one reconciler
call (`run`, recorded: every request and response) and checks what it
returned (`check`, also run on replay). The context `setup` returns (ids) is
saved with the recording.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ContextManager
from urllib.parse import parse_qsl

import httpx
import pytest

from inference_iac.core.poll import Clock, Waits

TESTDATA = Path(__file__).parent / "testdata"
# A replay answers at once: waits neither sleep nor see time pass.
NO_WAITING = Clock(now=lambda: 0.0, sleep=lambda seconds: None)
# (the recording's identity, e.g. its project or region; a transport) -> an API client on it
ClientFor = Callable[[dict[str, Any], httpx.BaseTransport], ContextManager[Any]]


@dataclass
class Scenario:
    name: str
    setup: Callable[[Any, Any], dict]  # (api client, emulator) -> context
    run: Callable[[Any, Any, dict], Any]  # (client, waits, context) -> result
    check: Callable[[Any, dict], None]  # (result, context)


def raises(error: type[BaseException], match: str) -> Callable[[Callable[[], Any]], str]:
    """A `run` that expects `error` (matching `match`) and returns its message for `check`."""
    def call(action: Callable[[], Any]) -> str:
        with pytest.raises(error, match=match) as caught:
            action()
        return str(caught.value)
    return call


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


def replay_scenario(cloud: str, scenario: Scenario, client_for: ClientFor) -> None:
    """Run `scenario` against its recording: same outcome, and exactly the recorded requests."""
    recording = load(cloud, scenario.name)
    replay = Replay(recording["exchanges"])
    with client_for(recording, replay) as client:
        result = scenario.run(client, Waits(timeout_seconds=60, clock=NO_WAITING), recording["context"])
    scenario.check(result, recording["context"])
    assert replay.finished, f"{len(replay.exchanges) - replay.position} recorded request(s) were not made"


def assert_every_scenario_recorded(cloud: str, scenarios: list[Scenario]) -> None:
    for scenario in scenarios:
        assert load(cloud, scenario.name)["exchanges"], scenario.name


def record_run(cloud: str, scenario: Scenario, client_on: Callable[[httpx.BaseTransport], ContextManager[Any]],
               context: dict, identity: dict[str, Any]) -> None:
    """Run and check `scenario` with a client on a recording transport; save the exchanges with
    `identity` (what a replay's client needs, e.g. the project) and the context."""
    recorder = Recorder()
    with client_on(recorder) as client:
        result = scenario.run(client, Waits(timeout_seconds=60), context)
    scenario.check(result, context)
    save(cloud, scenario.name, {**identity, "context": context, "exchanges": recorder.exchanges})
    print(f"{scenario.name}: {len(recorder.exchanges)} exchanges")


def record_each(scenarios: list[Scenario], names: list[str], record: Callable[[Any, Scenario], None]) -> None:
    """Record the named scenarios (all when no name is given), each against a fresh emulator:
    no quota, fault or leftover of one scenario reaches the next."""
    from inference_iac.emulator.testing import RunningEmulator

    for scenario in [s for s in scenarios if not names or s.name in names]:
        with tempfile.TemporaryDirectory() as scratch, RunningEmulator(Path(scratch), ready_delay=0.2) as emulator:
            record(emulator, scenario)
