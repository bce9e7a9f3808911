"""The local emulator that `make up` runs in the background: the emulator's own launcher, detached."""

from __future__ import annotations

import os
from pathlib import Path

from inference_iac.emulator.core.launcher import RunningEmulator, background_options


class BackgroundEmulator(RunningEmulator):
    """Port $EMULATOR_PORT (8999), ready delay $EMULATOR_READY_DELAY (3 s), the default dev
    credentials; found again through `<data_dir>/emulator.json` by later commands."""

    def __init__(self, data_dir: str | os.PathLike | Path, port: int | None = None,
                 ready_delay: float | None = None):
        super().__init__(data_dir, **background_options(port, ready_delay))
