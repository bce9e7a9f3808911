"""What the provider talks to: the clouds named in the environment, or the local emulator.

With no cloud settings in the environment, the runner starts (or finds again)
the project's emulator in the background and points every cloud's provider at
it; the emulator's data lives under the project (`.inference-iac/emulator`),
so a stack is only ever planned against the emulator that holds its state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..core.errors import ReportedError
from inference_iac.emulator.core.launcher import RunningEmulator, background_options

# Any of these in the environment means a real cloud is meant: no emulator is started.
CLOUD_SETTINGS = ("MODELARTS_ENDPOINT", "HUAWEICLOUD_SDK_REGION", "EAS_ENDPOINT", "ALIBABA_CLOUD_REGION_ID")
EMULATOR_SWITCH = "INFERENCE_IAC_EMULATOR"  # auto (default), on, off


class EmulatorError(ReportedError):
    """The local emulator cannot be used."""


@dataclass
class Connection:
    emulator: RunningEmulator | None
    env: dict[str, str]

    def describe(self) -> str:
        if self.emulator is None:
            named = ", ".join(f"{key}={os.environ[key]}" for key in CLOUD_SETTINGS if os.environ.get(key))
            return f"using the clouds the environment names ({named})"
        return f"using the local emulator at {self.emulator.endpoint} (data: {self.emulator.data_dir})"


def wants_emulator() -> bool:
    switch = os.environ.get(EMULATOR_SWITCH, "auto").lower()
    if switch in ("on", "1", "true", "yes"):
        return True
    if switch in ("off", "0", "false", "no"):
        return False
    return not any(os.environ.get(key) for key in CLOUD_SETTINGS)


def project_emulator(data_dir: Path) -> RunningEmulator:
    return RunningEmulator(data_dir, **background_options())


def who_listens(emulator: RunningEmulator) -> str:
    """A description of the server on the emulator's port, for the error that the port is taken."""
    try:
        health = httpx.get(f"{emulator.endpoint}/-/health", timeout=1.0).json()
    except (httpx.HTTPError, ValueError):
        return "a server that is not an inference emulator"
    data_dir = health.get("data_dir") if isinstance(health, dict) else None
    return f"the emulator of another project (data dir {data_dir})" if data_dir else "another emulator"


def connect(data_dir: Path, start: bool = True) -> Connection:
    """The provider environment: the project's emulator (started when `start`), or nothing for real clouds."""
    if not wants_emulator():
        return Connection(None, {})
    emulator = project_emulator(data_dir)
    if emulator.is_running():
        return Connection(emulator, emulator.provider_env())
    if emulator.healthy():
        raise EmulatorError(
            f"port {emulator.port} is used by {who_listens(emulator)}, not by this project's emulator "
            f"({data_dir}); stop it, or choose another port with EMULATOR_PORT=<port>")
    if not start:
        return Connection(None, emulator.provider_env())
    try:
        emulator.ensure_running()
    except (RuntimeError, OSError) as error:
        raise EmulatorError(f"the local emulator did not start: {error}") from None
    return Connection(emulator, emulator.provider_env())
