"""Run the emulator as a real subprocess for tests (and scripts).

    with RunningEmulator(tmp_path, ready_delay=0.3) as emu:
        client = ModelArtsClient.new_builder() ... .with_endpoint(emu.endpoint)

The `inference-emulator` console command is started on a free 127.0.0.1 port;
its output goes to `<data_dir>/emulator.log` (so a full pipe can never block
it) and is included in the error when start-up fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from inference_iac.emulator.settings import DEFAULT_ACCESS_KEY, DEFAULT_PROJECT_ID, DEFAULT_SECRET_KEY

START_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _console_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m emulator`."""
    script = Path(sys.executable).with_name("inference-emulator")
    if script.exists():
        return [str(script)]
    found = shutil.which("inference-emulator")
    return [found] if found else [sys.executable, "-m", "inference_iac.emulator"]


class RunningEmulator:
    def __init__(self, data_dir: str | os.PathLike, ready_delay: float = 0.3,
                 port: int | None = None, stop_delay: float = 0.0,
                 access_key: str = DEFAULT_ACCESS_KEY, secret_key: str = DEFAULT_SECRET_KEY,
                 project_id: str = DEFAULT_PROJECT_ID, fail_deployments: str = "",
                 dedicated_pools: int = 1, minute_seconds: float = 60.0):
        self.data_dir = Path(data_dir)
        self.ready_delay = ready_delay
        self.stop_delay = stop_delay
        self.port = port or free_port()
        self.access_key = access_key
        self.secret_key = secret_key
        self.project_id = project_id
        self.fail_deployments = fail_deployments
        self.dedicated_pools = dedicated_pools
        self.minute_seconds = minute_seconds
        self._process: subprocess.Popen | None = None
        self._log = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "emulator.log"

    # ----- lifecycle --------------------------------------------------------------------

    def start(self) -> "RunningEmulator":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        command = _console_command() + [
            "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", str(self.data_dir),
            "--access-key", self.access_key, "--secret-key", self.secret_key,
            "--project-id", self.project_id, "--ready-delay", str(self.ready_delay),
            "--stop-delay", str(self.stop_delay), "--log-level", "warning",
            "--fail-deployments", self.fail_deployments,
            "--dedicated-pools", str(self.dedicated_pools),
            "--minute-seconds", str(self.minute_seconds),
        ]
        self._process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_until_healthy()
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> "RunningEmulator":
        """Stop the process and start a new one on the same port and data dir."""
        self.stop()
        return self.start()

    def __enter__(self) -> "RunningEmulator":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # ----- fault injection (the /-/faults control plane) --------------------------------

    def add_fault(self, kind: str, match: str, count: int | None = None,
                  seconds: float | None = None) -> dict:
        """Add a rule (deploy_fails, deploy_times_out, unhealthy, http_5xx, slow); returns it."""
        rule = {"kind": kind, "match": match, "count": count, "seconds": seconds}
        response = httpx.post(f"{self.endpoint}/-/faults",
                              json={k: v for k, v in rule.items() if v is not None}, timeout=5.0)
        response.raise_for_status()
        return response.json()

    def faults(self) -> list[dict]:
        response = httpx.get(f"{self.endpoint}/-/faults", timeout=5.0)
        response.raise_for_status()
        return response.json()["faults"]

    def clear_faults(self) -> int:
        response = httpx.delete(f"{self.endpoint}/-/faults", timeout=5.0)
        response.raise_for_status()
        return response.json()["deleted"]

    def remove_fault(self, fault_id: str) -> None:
        httpx.delete(f"{self.endpoint}/-/faults/{fault_id}", timeout=5.0).raise_for_status()

    # ----- request statistics (/-/stats) ------------------------------------------------

    def stats(self) -> dict:
        response = httpx.get(f"{self.endpoint}/-/stats", timeout=5.0)
        response.raise_for_status()
        return response.json()

    def api_requests(self) -> int:
        """How many /v2 management API requests the emulator has handled since it started."""
        return self.stats()["api_requests"]

    # ----- helpers ----------------------------------------------------------------------

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"emulator exited with code {self._process.returncode}:\n"
                                   f"{self._read_log()}")
            try:
                if httpx.get(f"{self.endpoint}/-/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"emulator not healthy after {START_TIMEOUT} s:\n{self._read_log()}")

    def _read_log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return "(no log)"
