"""API calls of everyday work, counted by the emulator's request counter (reads and writes apart).

The work: create a service with one deployment, a preview with no changes, a
refresh, an environment change that rolls out a new version, a revert that
switches back to the first version, and destroy. Real APIs throttle per
account, so calls are a cost; each phase is printed beside its target.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from inference_iac.automation.workspace import StackRunner
from inference_iac.emulator.testing import RunningEmulator

PROJECT = Path(__file__).parent / "projects" / "one_service"
READY_DELAY = 3.0  # what `make up` uses
RESOURCES = 2  # the service and its deployment


@dataclass
class Phase:
    name: str
    reads: int
    writes: int
    target: str

    @property
    def total(self) -> int:
        return self.reads + self.writes


def counted(emulator: RunningEmulator, action: Callable[[], object]) -> tuple[int, int]:
    """(reads, writes) the action made."""
    before = emulator.stats()["by_method"]
    action()
    after = emulator.stats()["by_method"]
    delta = {method: after.get(method, 0) - before.get(method, 0) for method in after}
    reads = delta.get("GET", 0)
    return reads, sum(delta.values()) - reads


def measure() -> list[Phase]:
    with tempfile.TemporaryDirectory() as scratch, \
            RunningEmulator(Path(scratch) / "emulator", ready_delay=READY_DELAY) as emulator:
        env = {"MODELARTS_ENDPOINT": emulator.endpoint, "HUAWEICLOUD_SDK_AK": emulator.access_key,
               "HUAWEICLOUD_SDK_SK": emulator.secret_key, "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id}
        runner = StackRunner(project_dir=PROJECT, stack_name="calls", state_dir=Path(scratch) / "state",
                             home_dir=Path(scratch) / "home", env=env, on_output=lambda line: None)
        phases = []
        try:
            runner.use_config({"logLevel": "info"})
            runner.stack()
            phases.append(Phase("create (service + deployment)", *counted(emulator, runner.up), "<= 8"))
            phases.append(Phase("preview, no changes", *counted(emulator, runner.preview),
                                f"{RESOURCES} reads (1 per resource), 0 writes"))
            phases.append(Phase("refresh, no drift", *counted(emulator, runner.refresh), "1 read per resource"))
            runner.use_config({"logLevel": "debug"})
            runner.stack()
            phases.append(Phase("env change: rolling upgrade", *counted(emulator, runner.up), "<= 8 per deployment"))
            runner.use_config({"logLevel": "info"})
            runner.stack()
            phases.append(Phase("revert: switch back", *counted(emulator, runner.up), "<= 8 per deployment"))
            phases.append(Phase("destroy", *counted(emulator, runner.destroy), ""))
        finally:
            (PROJECT / "Pulumi.calls.yaml").unlink(missing_ok=True)
    return phases


def main() -> None:
    phases = measure()
    print(f"API calls (ready delay {READY_DELAY:g} s):")
    for phase in phases:
        print(f"  {phase.name:<30} {phase.total:>3} ({phase.reads} reads, {phase.writes} writes)   target: {phase.target}")
    preview = next(p for p in phases if p.name.startswith("preview"))
    print(f"preview reads per resource: {preview.reads / RESOURCES:.1f}, writes: {preview.writes}")
