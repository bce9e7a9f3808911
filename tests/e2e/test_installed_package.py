"""The package as another team uses it: a non-editable `pip install` into a fresh virtualenv, and a
project of their own outside the repository, deployed with the installed `inference-stack`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from inference_iac.emulator.testing import free_port

pytestmark = pytest.mark.e2e

PROGRAM = '''\
import pulumi
from inference_iac.components import ApiKeyArgs, DeploymentArgs, InferenceService, InferenceServiceArgs

config = pulumi.Config()
shop = InferenceService("team", InferenceServiceArgs(
    deployments=[DeploymentArgs(name="main", image="swr.example/team/app:1", flavor="modelarts.vm.cpu.2u",
                                pool_id="pool-dedicated-0001",
                                replicas=1 if config.get("replicas") is None else config.get_int("replicas"))],
    api_keys=[ApiKeyArgs("web")]))
pulumi.export("url", shop.predict_url)
pulumi.export("keys", shop.api_key_values)
'''


def base_python() -> str:
    """The interpreter this test's virtualenv was made from (a fresh venv must not inherit ours)."""
    return getattr(sys, "_base_executable", None) or sys.executable


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([base_python(), "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run([*pip, str(REPO_ROOT)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return venv


def run_python(venv: Path, code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=cwd, capture_output=True, text=True)


def test_one_namespace_and_nothing_else_at_the_top(installed, tmp_path):
    assert run_python(installed, "import inference_iac.modelarts, inference_iac.components, inference_iac.policy",
                      tmp_path).returncode == 0
    for name in ("provider", "components", "emulator", "policy", "benchmarks", "tests"):
        assert run_python(installed, f"import {name}", tmp_path).returncode != 0, f"{name} is importable"
    site = next((installed / "lib").glob("python*/site-packages"))
    ours = {p.name for p in site.iterdir() if "inference" in p.name.lower()}
    assert {n for n in ours if not n.endswith(".dist-info")} == {"inference_iac"}
    assert (site / "inference_iac" / "policy" / "PulumiPolicy.yaml").is_file()
    assert (installed / "bin" / "inference-policy-pack").is_file()


@pytest.fixture
def user_env(monkeypatch):
    for key in ("MODELARTS_ENDPOINT", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID",
                "EAS_ENDPOINT", "ALIBABA_CLOUD_REGION_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                "PULUMI_BACKEND_URL", "PULUMI_HOME", "PULUMI_CONFIG_PASSPHRASE"):
        monkeypatch.delenv(key, raising=False)
    env = {**os.environ, "EMULATOR_PORT": str(free_port()), "EMULATOR_READY_DELAY": "0.5"}
    # The fresh virtualenv's own commands only: nothing of the repository's virtualenv on PATH.
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    return env


def stack(installed: Path, project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(installed / "bin" / "inference-stack"), "--project", str(project), *args],
                          capture_output=True, text=True, env=env, timeout=600)


def test_a_project_of_their_own_is_deployed_previewed_and_destroyed(installed, tmp_path, user_env):
    project = tmp_path / "team-project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: team\nruntime: python\n")
    (project / "__main__.py").write_text(PROGRAM)
    try:
        up = stack(installed, project, user_env, "up")
        assert up.returncode == 0, up.stdout[-2000:] + up.stderr[-2000:]
        assert "keys: [secret]" in up.stdout and "Traceback" not in up.stdout + up.stderr
        assert (project / ".inference-iac" / "state" / ".pulumi").is_dir()
        assert (project / ".inference-iac" / "emulator" / "emulator.sqlite3").is_file()

        preview = stack(installed, project, user_env, "preview")
        assert preview.returncode == 0 and "to update" not in preview.stdout and "to create" not in preview.stdout

        assert stack(installed, project, user_env, "config", "set", "replicas", "0").returncode == 0
        bad = stack(installed, project, user_env, "preview")
        assert bad.returncode == 1 and "Traceback" not in bad.stdout + bad.stderr
        assert "deployments[0].replicas" in bad.stderr
        assert stack(installed, project, user_env, "config", "rm", "replicas").returncode == 0
    finally:
        down = stack(installed, project, user_env, "down")
    assert down.returncode == 0, down.stderr[-2000:]


def test_their_own_backend_is_honoured(installed, tmp_path, user_env):
    project = tmp_path / "shared-backend-project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: team\nruntime: python\n")
    (project / "__main__.py").write_text('import pulumi\npulumi.export("hello", "world")\n')
    backend = tmp_path / "bucket"
    backend.mkdir()
    env = {**user_env, "PULUMI_BACKEND_URL": f"file://{backend}", "PULUMI_CONFIG_PASSPHRASE": "team-secret",
           "INFERENCE_IAC_EMULATOR": "off"}
    up = stack(installed, project, env, "up")
    assert up.returncode == 0, up.stderr[-2000:]
    assert (backend / ".pulumi" / "stacks" / "team").is_dir()
    assert not (project / ".inference-iac" / "state").exists()
    assert stack(installed, project, env, "destroy").returncode == 0
