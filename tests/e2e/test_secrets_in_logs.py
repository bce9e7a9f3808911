"""Credentials never reach what the engine writes, even with its most verbose logging on, nor the
command lines of the processes a run starts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pulumi import automation as auto

from conftest import PROJECTS
from inference_iac.automation.workspace import StackRunner
from inference_iac.emulator.testing import RunningEmulator

pytestmark = pytest.mark.e2e

SECRET = "VERBOSE-LOG-SECRET-0123456789abcdefghijklmn"


def files_with(root: Path, text: str, since: float) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and p.stat().st_mtime >= since
            and text in p.read_text(errors="ignore")]


@pytest.mark.parametrize("through", ["environment", "stack config"])
def test_the_secret_key_is_in_no_log_output_or_file(tmp_path, through):
    started = time.time() - 1
    with RunningEmulator(tmp_path / "emulator", ready_delay=0.2, secret_key=SECRET) as emulator:
        env = {"MODELARTS_ENDPOINT": emulator.endpoint, "HUAWEICLOUD_SDK_AK": emulator.access_key,
               "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id}
        if through == "environment":
            env["HUAWEICLOUD_SDK_SK"] = SECRET
        runner = StackRunner(project_dir=PROJECTS / "fleet", stack_name="verbose", state_dir=tmp_path / "state",
                             home_dir=tmp_path / "home", env=env, on_output=lambda line: None)
        runner.use_config({"deployments": "1"})
        if through == "stack config":
            runner.config["modelarts:secretKey"] = auto.ConfigValue(SECRET, secret=True)
        try:
            up = runner.up(log_verbosity=11, log_flow=True, debug=True)
            assert SECRET not in up.stdout + up.stderr
            runner.destroy()
        finally:
            (PROJECTS / "fleet" / "Pulumi.verbose.yaml").unlink(missing_ok=True)
    leaked = files_with(tmp_path / "state", SECRET, started) + files_with(tmp_path / "home", SECRET, started)
    leaked += [str(p) for p in Path("/tmp").glob("pulumi.*.log.*")
               if p.stat().st_mtime >= started and SECRET in p.read_text(errors="ignore")]
    assert leaked == []
