"""Fixtures of the ModelArts emulator tests (the emulator itself: `tests/emulator/conftest.py`)."""

from __future__ import annotations

import pytest

from modelarts_v1_helpers import V1Client


@pytest.fixture
def v1(emulator):
    """A v1 client of the shared emulator, with no v1 service or model before or after the test
    (modules with an emulator of their own define their own `v1`)."""
    client = V1Client(emulator)
    client.clean()
    yield client
    client.clean()
