"""Parallel waits: does a stack of N slow deployments take ~T or ~N/4·T? For each cloud.

Runs the same stack against two emulators, one whose deployments need T
seconds to become ready and one where they are ready at once, and reports
R = (wall(T) - wall(0)) / T. R near 1 means all waits overlapped. ModelArts
v2 (one service, N deployments) and PAI-EAS (one service group, N member
services) are measured in the same run; the stock dynamic-provider host (4
workers) is measured on ModelArts too, for contrast. The emulator's request
counter gives the management API calls per resource.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from inference_iac.automation.workspace import StackRunner
from inference_iac.emulator.testing import RunningEmulator

PROJECTS = Path(__file__).parent / "projects"
FLEETS = {"ModelArts v2": (PROJECTS / "fleet", "modelarts"), "PAI-EAS": (PROJECTS / "eas_fleet", "eas")}


@dataclass
class Run:
    cloud: str
    host: str
    ready_delay: float
    workers: int
    up_seconds: float = 0.0
    calls: dict[str, int] | None = None

    @property
    def label(self) -> str:
        return f"{self.cloud}, {self.host}"


def api_requests(emulator: RunningEmulator, api: str) -> int:
    return emulator.stats()["by_api"].get(api, {}).get("api_requests", 0)


def measure(run: Run, deployments: int, count_calls: bool) -> Run:
    project, api = FLEETS[run.cloud]
    with tempfile.TemporaryDirectory() as scratch, RunningEmulator(Path(scratch) / "emulator", ready_delay=run.ready_delay) as emulator:
        env = {**emulator.provider_env(), "INFERENCE_IAC_PROVIDER_WORKERS": str(run.workers)}
        runner = StackRunner(project_dir=project, stack_name="bench", state_dir=Path(scratch) / "state",
                             home_dir=Path(scratch) / "home", env=env)
        runner.use_config({"deployments": deployments})
        try:
            stack = runner.stack()  # select the stack and set its config before timing
            before = api_requests(emulator, api)
            started = time.monotonic()
            stack.up(parallel=64)
            run.up_seconds = time.monotonic() - started
            after_up = api_requests(emulator, api)
            if count_calls:
                runner.preview(expect_no_changes=True)
                after_preview = api_requests(emulator, api)
                runner.refresh()
                after_refresh = api_requests(emulator, api)
                run.calls = {"up": after_up - before, "preview": after_preview - after_up,
                             "refresh": after_refresh - after_preview}
            runner.destroy()
        finally:
            (project / "Pulumi.bench.yaml").unlink(missing_ok=True)
    return run


def ratio(slow: Run, fast: Run, delay: float) -> float:
    return (slow.up_seconds - fast.up_seconds) / delay


def main(delay: float = 10.0, deployments: int = 16) -> None:
    os.environ["INFERENCE_IAC_QUIET"] = "1"
    pairs = {
        "ModelArts v2": (measure(Run("ModelArts v2", "wide host", delay, 64), deployments, count_calls=False),
                         measure(Run("ModelArts v2", "wide host", 0.0, 64), deployments, count_calls=True)),
        "PAI-EAS": (measure(Run("PAI-EAS", "wide host", delay, 64), deployments, count_calls=False),
                    measure(Run("PAI-EAS", "wide host", 0.0, 64), deployments, count_calls=True)),
        "stock": (measure(Run("ModelArts v2", "stock 4-worker host", delay, 4), deployments, count_calls=False),
                  measure(Run("ModelArts v2", "stock 4-worker host", 0.0, 4), deployments, count_calls=False)),
    }
    for slow, fast in pairs.values():
        for run in (slow, fast):
            print(f"{run.label:>35}: {deployments} deployments, ready delay {run.ready_delay:>4.1f} s: "
                  f"up took {run.up_seconds:6.2f} s")
    print(f"stock 4-worker host ratio (ModelArts v2): {ratio(*pairs['stock'], delay):.2f}")
    resources = deployments + 1  # the service too
    for cloud in FLEETS:
        slow, fast = pairs[cloud]
        calls = fast.calls or {}
        print(f"{cloud} parallel-waits ratio: {ratio(slow, fast, delay):.2f}   api-calls per resource: "
              f"up {calls['up'] / resources:.1f}, preview {calls['preview'] / resources:.1f}, "
              f"refresh {calls['refresh'] / resources:.1f}")
