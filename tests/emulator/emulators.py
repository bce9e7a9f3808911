"""Emulator processes for the emulator tests: one per fixture, with the settings a module needs."""

from __future__ import annotations

import asyncio
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from inference_iac.emulator.core.app import create_app
from inference_iac.emulator.core.settings import Settings
from inference_iac.emulator.testing import RunningEmulator


def own_emulator(folder: str, scope: str = "module", **settings):
    """A pytest fixture: an emulator process of its own (data dir `folder`) with `settings`,
    for fault rules (global to an emulator), special timings or a state no other test touches."""
    @pytest.fixture(scope=scope)
    def running(tmp_path_factory) -> Iterator[RunningEmulator]:
        with RunningEmulator(tmp_path_factory.mktemp(folder), **settings) as emulator:
            yield emulator
    return running


@contextmanager
def faults_cleared(emulator: RunningEmulator) -> Iterator[RunningEmulator]:
    """No fault rule from an earlier test, and none left for the next (rules are global)."""
    emulator.clear_faults()
    yield emulator
    emulator.clear_faults()


def get_in_process(data_dir: Path, path: str, client_host: str) -> httpx.Response:
    """GET `path` from an emulator app in this process, as a caller at `client_host`.

    On an event loop of its own: `asyncio.run` would leave the thread without a current loop,
    which later tests under Pulumi mocks need."""
    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(Settings(data_dir=str(data_dir))),
                                        client=(client_host, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
            return await http.get(path)

    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(get())
    finally:
        loop.close()
