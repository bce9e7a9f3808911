"""The one way to start the emulator as a real process: for tests, benchmarks and the runner.

Foreground (tests, benchmarks) -- a child process stopped on exit:

    with RunningEmulator(tmp_path, ready_delay=0.3) as emu:
        client = ModelArtsClient.new_builder() ... .with_endpoint(emu.endpoint)

Detached (the runner's `make up`, kept running between commands):

    emu = RunningEmulator.background(".emulator")   # port 8999, ready delay 3 s by default
    emu.ensure_running()    # reuses the process its record names, if it still serves
    emu.provider_env()      # MODELARTS_ENDPOINT, HUAWEICLOUD_SDK_AK/SK/PROJECT_ID
    emu.stop()              # later, from another command

A detached process runs in its own session and is described by
`<data_dir>/emulator.json` (pid, host, port, data dir, log, credentials
without the secret); `stop()` ends it by that pid after checking it is the
emulator. The secret key reaches the process through the environment
variable INFERENCE_EMULATOR_SECRET_KEY, never its command line. Output goes
to `<data_dir>/emulator.log` (a full pipe can never block the process) and is
included in the error when start-up fails.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .settings import (
    DEFAULT_ACCESS_KEY,
    DEFAULT_PROJECT_ID,
    DEFAULT_SECRET_KEY,
    SECRET_KEY_ENV,
)

START_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0
RECORD_FILE = "emulator.json"
LEGACY_PID_FILE = "emulator.pid"  # written by earlier versions of the runner
BACKGROUND_PORT = 8999
BACKGROUND_READY_DELAY = 3.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def console_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m ...emulator`."""
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
                 dedicated_pools: int = 1, minute_seconds: float = 60.0,
                 host: str = "127.0.0.1", log_level: str = "warning",
                 max_clock_skew: float | None = None,
                 extra_args: list[str] | tuple[str, ...] = (), detached: bool = False):
        self.data_dir = Path(data_dir)
        self.ready_delay = ready_delay
        self.stop_delay = stop_delay
        self.port = port or free_port()
        self.host = host
        self.access_key = access_key
        self.secret_key = secret_key
        self.project_id = project_id
        self.fail_deployments = fail_deployments
        self.dedicated_pools = dedicated_pools
        self.minute_seconds = minute_seconds
        self.log_level = log_level
        self.max_clock_skew = max_clock_skew
        self.extra_args = list(extra_args)
        self.detached = detached
        self._process: subprocess.Popen | None = None
        self._log = None

    @classmethod
    def background(cls, data_dir: str | os.PathLike, port: int | None = None,
                   ready_delay: float | None = None) -> "RunningEmulator":
        """The runner's emulator: detached, port $EMULATOR_PORT (8999), ready delay
        $EMULATOR_READY_DELAY (3 s), the default dev credentials."""
        return RunningEmulator(data_dir, **background_options(port, ready_delay))

    # ----- where it is ------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "emulator.log"

    @property
    def record_path(self) -> Path:
        return self.data_dir / RECORD_FILE

    # Earlier name of the record (the runner's CLI prints it).
    pid_path = record_path

    @property
    def pid(self) -> int | None:
        if self._process is not None:
            return self._process.pid
        return self._recorded_pid()

    def provider_env(self) -> dict[str, str]:
        """The environment every API's clients (the providers, the official SDKs) read to use
        this emulator, as each plug-in names it."""
        from ..apis import enabled_apis

        env: dict[str, str] = {}
        for api in enabled_apis():
            env.update(api.client_env(self.endpoint, self.access_key, self.secret_key, self.project_id))
        return env

    # ----- lifecycle --------------------------------------------------------------------

    def command(self) -> list[str]:
        """The command line: every setting but the secret key (that goes in the environment)."""
        return console_command() + [
            "--host", self.host, "--port", str(self.port), "--data-dir", str(self.data_dir),
            "--access-key", self.access_key, "--project-id", self.project_id,
            "--ready-delay", str(self.ready_delay), "--stop-delay", str(self.stop_delay),
            "--log-level", self.log_level, "--fail-deployments", self.fail_deployments,
            "--dedicated-pools", str(self.dedicated_pools),
            "--minute-seconds", str(self.minute_seconds),
            *(["--max-clock-skew", str(self.max_clock_skew)] if self.max_clock_skew else []),
            *self.extra_args,
        ]

    def start(self, timeout: float = START_TIMEOUT) -> "RunningEmulator":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, SECRET_KEY_ENV: self.secret_key}
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                             env=env, start_new_session=self.detached)
        if self.detached:
            self._write_record()
        try:
            self._wait_until_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM, then wait until the process is gone (so a following start can bind the port)."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        else:
            pid = self._recorded_pid()
            if pid is not None:
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + timeout
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
        if self.detached:
            self.record_path.unlink(missing_ok=True)
            (self.data_dir / LEGACY_PID_FILE).unlink(missing_ok=True)

    def restart(self) -> "RunningEmulator":
        """Stop the process and start a new one on the same port and data dir."""
        self.stop()
        return self.start()

    def __enter__(self) -> "RunningEmulator":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # ----- detached use: find the process again -----------------------------------------

    def health(self) -> dict | None:
        """What `/-/health` answers on this endpoint (status, data dir, APIs), None if nothing."""
        try:
            response = httpx.get(f"{self.endpoint}/-/health", timeout=1.0)
            body = response.json() if response.status_code == 200 else None
            return body if isinstance(body, dict) else None
        except (httpx.HTTPError, ValueError):
            return None

    def healthy(self) -> bool:
        return self.health() is not None

    def is_running(self) -> bool:
        """Whether the process this object started (or its record names) serves this data dir."""
        if self._process is None:
            self._adopt_record()
        if self.pid is None:
            return False
        health = self.health()
        mine = str(self.data_dir.resolve())
        return health is not None and health.get("data_dir", mine) == mine

    def ensure_running(self, timeout: float = 30.0) -> "RunningEmulator":
        """Reuse the recorded process when it still serves, else start one."""
        if self.is_running():
            return self
        if self.healthy():
            raise RuntimeError(f"port {self.port} is taken by a server this command did not "
                               "start; set EMULATOR_PORT")
        return self.start(timeout)

    def _write_record(self) -> None:
        record = {"pid": self._process.pid, "host": self.host, "port": self.port,
                  "endpoint": self.endpoint, "data_dir": str(self.data_dir.resolve()),
                  "log": str(self.log_path.resolve()), "access_key": self.access_key,
                  "project_id": self.project_id, "started_at": time.time()}
        self.record_path.write_text(json.dumps(record, indent=2) + "\n")

    def _read_record(self) -> dict | None:
        try:
            record = json.loads(self.record_path.read_text())
            return record if isinstance(record, dict) else None
        except (OSError, ValueError):
            pass
        try:  # an earlier runner's bare pid file
            return {"pid": int((self.data_dir / LEGACY_PID_FILE).read_text().strip())}
        except (OSError, ValueError):
            return None

    def _recorded_pid(self) -> int | None:
        record = self._read_record()
        pid = record.get("pid") if record else None
        return pid if isinstance(pid, int) and _alive(pid) and _is_emulator(pid) else None

    def _adopt_record(self) -> None:
        """Talk to the recorded process where it listens (it may use another port)."""
        record = self._read_record() or {}
        if self._recorded_pid() is not None and isinstance(record.get("port"), int):
            self.host = record.get("host") or self.host
            self.port = record["port"]

    # ----- fault injection (the /-/faults control plane) --------------------------------

    def add_fault(self, kind: str, match: str, count: int | None = None,
                  seconds: float | None = None, rate: float | None = None) -> dict:
        """Add a rule (deploy_fails, deploy_times_out, unhealthy, http_5xx, http_429, slow);
        returns it (with its id). `rate` (0 < rate <= 1) is the fraction of matching events hit."""
        rule = {"kind": kind, "match": match, "count": count, "seconds": seconds, "rate": rate}
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
        """How many API requests (every plug-in) the emulator has handled since it started."""
        return self.stats()["api_requests"]

    # ----- helpers ----------------------------------------------------------------------

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"emulator exited with code {self._process.returncode}:\n"
                                   f"{self._read_log()}")
            if self.healthy():
                return
            time.sleep(0.05)
        raise RuntimeError(f"emulator not healthy after {timeout} s:\n{self._read_log()}")

    def _read_log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return "(no log)"


def background_options(port: int | None = None, ready_delay: float | None = None) -> dict:
    """Launcher options of the runner's detached emulator (environment overrides included)."""
    port = port or int(os.environ.get("EMULATOR_PORT", BACKGROUND_PORT))
    if ready_delay is None:
        ready_delay = float(os.environ.get("EMULATOR_READY_DELAY", BACKGROUND_READY_DELAY))
    return {"port": port, "ready_delay": ready_delay, "log_level": "info", "detached": True}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A detached child of this process that exited is a zombie until reaped.
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        return finished == 0
    except ChildProcessError:
        return True


def _is_emulator(pid: int) -> bool:
    """Guard against a recycled pid: on Linux, check the process's command line."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return True
    try:
        text = cmdline.read_bytes().replace(b"\0", b" ")
    except OSError:
        return True
    return b"inference-emulator" in text or b"inference_iac.emulator" in text
