"""`inference-stack` as a person uses it, on a project of their own outside the repository.

Run as a separate process: a killed run, a taken port, a bad input and
secrets are judged by what the command prints and leaves behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inference_iac.emulator.testing import RunningEmulator, free_port

pytestmark = pytest.mark.e2e

STACK_COMMAND = str(Path(sys.executable).with_name("inference-stack"))
PROGRAM = '''\
import pulumi
from inference_iac.components import ApiKeyArgs, DeploymentArgs, InferenceService, InferenceServiceArgs

config = pulumi.Config()
shop = InferenceService("shop", InferenceServiceArgs(
    deployments=[DeploymentArgs(name="main", image=config.get("image") or "swr.example/org/shop:1",
                                flavor="modelarts.vm.cpu.2u", pool_id="pool-dedicated-0001",
                                weight=config.get_int("weight") or 100)],
    api_keys=[ApiKeyArgs("web")]))
pulumi.export("url", shop.predict_url)
pulumi.export("keys", shop.api_key_values)
'''


def make_project(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (directory / "__main__.py").write_text(PROGRAM)
    return directory


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project of a user's own; the emulator on a free port, ready delay 4 s."""
    for key in ("MODELARTS_ENDPOINT", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID",
                "EAS_ENDPOINT", "ALIBABA_CLOUD_REGION_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EMULATOR_PORT", str(free_port()))
    monkeypatch.setenv("EMULATOR_READY_DELAY", "4")
    directory = make_project(tmp_path / "shop")
    yield directory
    run("down", project_dir=directory)


def run(*args: str, project_dir: Path, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([STACK_COMMAND, "--project", str(project_dir), *args], input=stdin, text=True,
                          capture_output=True, timeout=timeout, env=dict(os.environ))


def test_a_project_of_ones_own_keeps_everything_under_it(project):
    up = run("up", project_dir=project)
    assert up.returncode == 0, up.stderr
    work = project / ".inference-iac"
    assert (work / "state" / ".pulumi").is_dir() and (work / "home").is_dir()
    assert (work / "emulator" / "emulator.sqlite3").is_file()
    # The API key is masked in everything the command prints.
    assert "keys: [secret]" in up.stdout
    shown = run("outputs", "--show-secrets", project_dir=project).stdout
    key = shown.split('"web": "')[1].split('"')[0]
    assert len(key) >= 32 and key not in up.stdout + up.stderr
    assert key not in run("outputs", project_dir=project).stdout
    assert "no changes" in run("preview", project_dir=project).stdout.lower() or \
        "unchanged" in run("preview", project_dir=project).stdout


def test_bad_input_is_one_clear_block_without_traceback(project):
    assert run("config", "set", "weight", "101", project_dir=project).returncode == 0
    preview = run("preview", project_dir=project)
    output = preview.stdout + preview.stderr
    assert preview.returncode == 1
    assert "Traceback" not in output
    message = "deployments[0].weight: Input should be less than or equal to 100 (got 101)"
    assert output.count(message) == 1, output


def test_secret_config_never_reaches_process_arguments_or_output(project):
    typed = run("config", "set", "dbPassword", "--secret", project_dir=project, stdin="s3cr3t-value\n")
    assert typed.returncode == 0, typed.stderr
    assert run("config", "get", "dbPassword", project_dir=project).stdout.strip() == "[secret]"
    assert run("config", "get", "dbPassword", "--show-secrets", project_dir=project).stdout.strip() == "s3cr3t-value"
    assert "s3cr3t-value" not in (project / "Pulumi.dev.yaml").read_text()


def test_a_killed_run_leaves_a_lock_that_cancel_clears(project):
    assert run("up", project_dir=project).returncode == 0
    assert run("config", "set", "image", "swr.example/org/shop:2", project_dir=project).returncode == 0
    # An upgrade takes a few ready delays: kill the whole run in the middle of it.
    upgrading = subprocess.Popen([STACK_COMMAND, "--project", str(project), "up"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
    locks = project / ".inference-iac" / "state" / ".pulumi" / "locks"
    deadline = time.monotonic() + 60
    while not any(locks.rglob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(3)
    # Everything the run started (the CLI, the plugin host) is in its session.
    subprocess.run(["pkill", "-9", "-s", str(upgrading.pid)], check=False)
    upgrading.wait()

    locked = run("up", project_dir=project)
    assert locked.returncode == 1
    assert "locked" in locked.stderr and "inference-stack cancel" in locked.stderr

    cancel = run("cancel", project_dir=project)
    assert cancel.returncode == 0, cancel.stderr
    converged = run("up", project_dir=project)
    assert converged.returncode == 0, converged.stderr
    again = run("preview", project_dir=project)
    assert again.returncode == 0 and "to update" not in again.stdout and "to create" not in again.stdout


def test_a_port_held_by_another_emulator_is_a_clear_error(project, tmp_path):
    port = int(os.environ["EMULATOR_PORT"])
    with RunningEmulator(tmp_path / "someone-else", port=port):
        preview = run("preview", project_dir=project)
    assert preview.returncode == 2
    assert f"port {port} is used by" in preview.stderr and "EMULATOR_PORT" in preview.stderr
    assert "Traceback" not in preview.stderr


def test_the_platform_policies_run_from_the_command(project, tmp_path):
    # One replica in a production stack breaks `prod-deployment-min-replicas` (2 by default).
    preview = run("--stack", "prod", "preview", "--policy-pack", "builtin", project_dir=project)
    output = preview.stdout + preview.stderr
    assert preview.returncode == 1 and "Traceback" not in output
    assert output.count("prod-deployment-min-replicas") >= 1 and "at least 2" in output, output
    # The pack's own config lowers the floor: the same preview passes.
    config = tmp_path / "policy.json"
    config.write_text('{"prod-deployment-min-replicas": {"min_replicas": 1}}')
    lowered = run("--stack", "prod", "preview", "--policy-pack", "builtin", "--policy-pack-config", str(config),
                  project_dir=project)
    assert lowered.returncode == 0, lowered.stdout + lowered.stderr
