"""API calls of everyday work, counted by the emulator's request counter (reads and writes apart), per cloud.

The work, the same for ModelArts v2 and PAI-EAS: create a service with one
deployment, a preview with no changes, a refresh, an environment change that
rolls out a new version, a revert that switches back to the first version,
and destroy. For PAI-EAS a stack with one resource of every kind is also
created, previewed and refreshed: a preview reads each resource once. Real
APIs throttle per account, so calls are a cost; each phase is printed beside
its target, the clouds side by side.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from inference_iac.automation.workspace import StackRunner
from inference_iac.emulator.testing import RunningEmulator

PROJECTS = Path(__file__).parent / "projects"
READY_DELAY = 3.0  # what `make up` uses


@dataclass(frozen=True)
class Cloud:
    label: str
    api: str  # the emulator plug-in whose requests count (/-/stats by_api)
    project: Path
    resources: int


CLOUDS = (Cloud("ModelArts v2", "modelarts", PROJECTS / "one_service", 2),
          Cloud("PAI-EAS", "eas", PROJECTS / "eas_one_service", 2))
EAS_EVERY_KIND = Cloud("PAI-EAS", "eas", PROJECTS / "eas_every_kind", 8)


@dataclass
class Phase:
    name: str
    reads: int
    writes: int
    target: str

    @property
    def total(self) -> int:
        return self.reads + self.writes

    def describe(self) -> str:
        return f"{self.total:>3} ({self.reads} reads, {self.writes} writes)"


def counted(emulator: RunningEmulator, api: str, action: Callable[[], object]) -> tuple[int, int]:
    """(reads, writes) the action made to one API."""
    def by_method() -> dict[str, int]:
        return emulator.stats()["by_api"].get(api, {}).get("by_method", {})

    before = by_method()
    action()
    after = by_method()
    delta = {method: after.get(method, 0) - before.get(method, 0) for method in after}
    reads = delta.get("GET", 0)
    return reads, sum(delta.values()) - reads


def runner_for(cloud: Cloud, emulator: RunningEmulator, scratch: Path) -> StackRunner:
    return StackRunner(project_dir=cloud.project, stack_name="calls", state_dir=scratch / "state",
                       home_dir=scratch / "home", env=emulator.provider_env(), on_output=lambda line: None)


def everyday_work(cloud: Cloud) -> list[Phase]:
    with tempfile.TemporaryDirectory() as scratch, \
            RunningEmulator(Path(scratch) / "emulator", ready_delay=READY_DELAY) as emulator:
        runner = runner_for(cloud, emulator, Path(scratch))
        phases = []

        def phase(name: str, action: Callable[[], object], target: str) -> None:
            phases.append(Phase(name, *counted(emulator, cloud.api, action), target))

        def configured(log_level: str) -> None:
            runner.use_config({"logLevel": log_level})
            runner.stack()

        try:
            configured("info")
            phase("create (service + deployment)", runner.up, "<= 8")
            phase("preview, no changes", lambda: runner.preview(expect_no_changes=True),
                  f"{cloud.resources} reads (1 per resource), 0 writes")
            phase("refresh, no drift", runner.refresh, "1 read per resource")
            configured("debug")
            phase("env change: rolling upgrade", runner.up, "<= 8 per deployment")
            configured("info")
            phase("revert: switch back", runner.up, "<= 8 per deployment")
            phase("destroy", runner.destroy, "")
        finally:
            (cloud.project / "Pulumi.calls.yaml").unlink(missing_ok=True)
    return phases


def every_kind(cloud: Cloud) -> list[Phase]:
    """Create, preview and refresh a stack with one resource of each kind, then destroy it."""
    with tempfile.TemporaryDirectory() as scratch, \
            RunningEmulator(Path(scratch) / "emulator", ready_delay=READY_DELAY) as emulator:
        runner = runner_for(cloud, emulator, Path(scratch))
        try:
            runner.stack()
            runner.up()
            phases = [Phase("preview, no changes", *counted(emulator, cloud.api,
                                                            lambda: runner.preview(expect_no_changes=True)),
                            f"{cloud.resources} reads, 0 writes"),
                      Phase("refresh, no drift", *counted(emulator, cloud.api, runner.refresh),
                            f"{cloud.resources} reads")]
            runner.destroy()
        finally:
            (cloud.project / "Pulumi.calls.yaml").unlink(missing_ok=True)
    return phases


def main() -> None:
    results = {cloud.label: everyday_work(cloud) for cloud in CLOUDS}
    print(f"API calls (ready delay {READY_DELAY:g} s), one service with one deployment:")
    print(f"  {'':<30} " + "".join(f"{label:<30}" for label in results) + "target")
    first = next(iter(results.values()))
    for index, phase in enumerate(first):
        cells = "".join(f"{phases[index].describe():<30}" for phases in results.values())
        print(f"  {phase.name:<30} {cells}{phase.target}")
    for cloud in CLOUDS:
        preview = next(p for p in results[cloud.label] if p.name.startswith("preview"))
        print(f"{cloud.label} preview reads per resource: {preview.reads / cloud.resources:.1f}, "
              f"writes: {preview.writes}")
    kinds = every_kind(EAS_EVERY_KIND)
    print(f"{EAS_EVERY_KIND.label}, one resource of every kind ({EAS_EVERY_KIND.resources} resources: Service, 2 "
          "Deployments, ApiKey, ScalingRule, TrafficShift, Gateway, IntranetConnection):")
    for phase in kinds:
        print(f"  {phase.name:<30} {phase.describe():<30}target: {phase.target}")
    preview = kinds[0]
    print(f"{EAS_EVERY_KIND.label} (every kind) preview reads per resource: "
          f"{preview.reads / EAS_EVERY_KIND.resources:.1f}, writes: {preview.writes}")
