"""Fixtures of the component tests (under Pulumi mocks, the dynamic providers never run)."""

from __future__ import annotations

import asyncio

import pulumi
import pytest


@pytest.fixture
def use_mocks():
    """Installs a test's Pulumi mocks, on an open event loop."""
    _open_event_loop()

    def install(mocks: pulumi.runtime.Mocks) -> pulumi.runtime.Mocks:
        pulumi.runtime.set_mocks(mocks, preview=False)
        return mocks

    return install


def _open_event_loop() -> asyncio.AbstractEventLoop:
    """The current loop while it is open, else a new one (earlier tests may have closed or unset
    it). Never closed or replaced here: RPCs the mocks leave pending stay on it instead of
    becoming "never awaited" warnings when a dropped loop is collected."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not loop.is_closed():
            return loop
    except RuntimeError:
        pass
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop


@pytest.fixture
def registered(monkeypatch):
    """What each component passed to register_outputs, by component name."""
    seen: dict[str, dict] = {}
    original = pulumi.ComponentResource.register_outputs

    def spy(self, outputs):
        seen[self._name] = outputs
        return original(self, outputs)

    monkeypatch.setattr(pulumi.ComponentResource, "register_outputs", spy)
    return seen
