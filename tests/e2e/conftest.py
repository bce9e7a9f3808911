"""End-to-end fixtures: run a Pulumi project of this repo through the real CLI against the test emulator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inference_iac.automation.workspace import StackRunner

PROJECTS = Path(__file__).parent / "projects"
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_runner(tmp_path, provider_env):
    """`project_runner("apikey", {"key": "value"})` -> a StackRunner for tests/e2e/projects/apikey.

    Config keys without a namespace get the project's name. Each call gets its
    own state and home dirs; the per-stack config file is removed afterwards.
    """
    made: list[Path] = []

    def make(project: str | Path, config: dict[str, Any] | None = None, stack: str = "test") -> StackRunner:
        project_dir = Path(project) if Path(project).is_absolute() else PROJECTS / project
        runner = StackRunner(project_dir=project_dir, stack_name=stack, state_dir=tmp_path / f"state-{project_dir.name}",
                             home_dir=tmp_path / "home", env=dict(provider_env))
        runner.config = {}
        set_config(runner, config or {})
        made.append(project_dir / f"Pulumi.{stack}.yaml")
        return runner

    yield make
    for path in made:
        path.unlink(missing_ok=True)


@pytest.fixture
def eas(live_emulator):
    """This repo's PAI-EAS client on the test emulator, for arranging and checking cloud state."""
    from eas_support import eas_client

    with eas_client(live_emulator) as client:
        yield client


def set_config(runner: StackRunner, values: dict[str, Any]) -> None:
    """Replace the stack config the next operation will use (see StackRunner.use_config)."""
    runner.use_config(values)


def shown_on(output: str, kind: str, message: str) -> bool:
    """Whether `message` is shown on a line of a `kind` resource: the provider
    attaches its plans and progress to the resource they are about."""
    return any(f":{kind} " in line and message in line for line in output.splitlines())
