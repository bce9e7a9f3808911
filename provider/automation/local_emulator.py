"""Start, find and stop the local emulator that `make up` runs in the background."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

# Development credentials of the local emulator; they protect nothing real.
EMULATOR_ACCESS_KEY = "EMULATORACCESSKEY000"
EMULATOR_SECRET_KEY = "emulator-secret-key-not-for-production-00"
EMULATOR_PROJECT_ID = "0123456789abcdef0123456789abcdef"


@dataclass
class BackgroundEmulator:
    data_dir: Path
    port: int = int(os.environ.get("EMULATOR_PORT", "8999"))
    ready_delay: float = float(os.environ.get("EMULATOR_READY_DELAY", "3"))

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid_path(self) -> Path:
        return self.data_dir / "emulator.pid"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "emulator.log"

    def provider_env(self) -> dict[str, str]:
        return {
            "MODELARTS_ENDPOINT": self.endpoint,
            "HUAWEICLOUD_SDK_AK": EMULATOR_ACCESS_KEY,
            "HUAWEICLOUD_SDK_SK": EMULATOR_SECRET_KEY,
            "HUAWEICLOUD_SDK_PROJECT_ID": EMULATOR_PROJECT_ID,
        }

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.endpoint}/-/health", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def _pid(self) -> int | None:
        try:
            pid = int(self.pid_path.read_text().strip())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def is_running(self) -> bool:
        return self._pid() is not None and self.healthy()

    def ensure_running(self, timeout: float = 30) -> None:
        if self.is_running():
            return
        if self.healthy():
            raise RuntimeError(f"port {self.port} is taken by a server this command did not start; set EMULATOR_PORT")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            str(Path(sys.executable).parent / "inference-emulator"),
            "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", str(self.data_dir),
            "--access-key", EMULATOR_ACCESS_KEY, "--secret-key", EMULATOR_SECRET_KEY,
            "--project-id", EMULATOR_PROJECT_ID, "--ready-delay", str(self.ready_delay),
        ]
        with open(self.log_path, "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.pid_path.write_text(str(process.pid))
        deadline = time.monotonic() + timeout
        while not self.healthy():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the emulator did not start; see {self.log_path}")
            time.sleep(0.1)

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM, then wait for the port to close so a following start can bind it."""
        pid = self._pid()
        if pid is not None:
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while self._pid() is not None and time.monotonic() < deadline:
                time.sleep(0.1)
        self.pid_path.unlink(missing_ok=True)
