"""Parallel waits: does a stack of N slow deployments take ~T or ~N/4·T?

Runs the same stack against two emulators, one whose deployments need T
seconds to become ready and one where they are ready at once, and reports
R = (wall(T) - wall(0)) / T. R near 1 means all waits overlapped; the stock
dynamic-provider host (4 workers) is measured too, for contrast. The
emulator's request counter gives the management API calls per resource.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from inference_iac.emulator.testing import RunningEmulator
from inference_iac.automation.workspace import StackRunner

PROJECT = Path(__file__).parent / "projects" / "fleet"


@dataclass
class Run:
    label: str
    ready_delay: float
    workers: int
    up_seconds: float = 0.0
    calls: dict[str, int] | None = None


def measure(run: Run, deployments: int, count_calls: bool) -> Run:
    with tempfile.TemporaryDirectory() as scratch, RunningEmulator(Path(scratch) / "emulator", ready_delay=run.ready_delay) as emulator:
        env = {
            "MODELARTS_ENDPOINT": emulator.endpoint,
            "HUAWEICLOUD_SDK_AK": emulator.access_key,
            "HUAWEICLOUD_SDK_SK": emulator.secret_key,
            "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id,
            "INFERENCE_IAC_PROVIDER_WORKERS": str(run.workers),
        }
        runner = StackRunner(project_dir=PROJECT, stack_name="bench", state_dir=Path(scratch) / "state",
                             home_dir=Path(scratch) / "home", env=env)
        runner.use_config({"deployments": deployments})
        try:
            stack = runner.stack()  # select the stack and set its config before timing
            before = emulator.api_requests()
            started = time.monotonic()
            stack.up(parallel=64)
            run.up_seconds = time.monotonic() - started
            after_up = emulator.api_requests()
            if count_calls:
                runner.preview(expect_no_changes=True)
                after_preview = emulator.api_requests()
                runner.refresh()
                after_refresh = emulator.api_requests()
                run.calls = {"up": after_up - before, "preview": after_preview - after_up,
                             "refresh": after_refresh - after_preview}
            runner.destroy()
        finally:
            (PROJECT / "Pulumi.bench.yaml").unlink(missing_ok=True)
    return run


def main(delay: float = 10.0, deployments: int = 16) -> None:
    os.environ["INFERENCE_IAC_QUIET"] = "1"
    runs = [
        measure(Run("wide host", delay, 64), deployments, count_calls=False),
        measure(Run("wide host", 0.0, 64), deployments, count_calls=True),
        measure(Run("stock 4-worker host", delay, 4), deployments, count_calls=False),
        measure(Run("stock 4-worker host", 0.0, 4), deployments, count_calls=False),
    ]
    for run in runs:
        print(f"{run.label:>20}: {deployments} deployments, ready delay {run.ready_delay:>4.1f} s: "
              f"up took {run.up_seconds:6.2f} s")
    wide = (runs[0].up_seconds - runs[1].up_seconds) / delay
    stock = (runs[2].up_seconds - runs[3].up_seconds) / delay
    print(f"stock 4-worker host ratio: {stock:.2f}")
    print(f"parallel-waits ratio: {wide:.2f}")
    resources = deployments + 1  # the service too
    calls = runs[1].calls or {}
    print("api-calls per resource: "
          f"up {calls['up'] / resources:.1f}, preview {calls['preview'] / resources:.1f}, "
          f"refresh {calls['refresh'] / resources:.1f}")
