"""Emulator processes for the emulator tests: one per fixture, with the settings a module needs."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pytest

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
