"""`inference-promote` through the real `pulumi` CLI: dev -> staging -> prod (a gated canary), twice,
then a refusal while staging is unhealthy.

The example project is copied into tmp_path (plugin paths made absolute), so
the committed stack files are never modified; the copies are what a fresh
clone has: no encryptionsalt.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from inference_iac.automation.promote import main as promote_main
from inference_iac.automation.workspace import StackRunner
from conftest import REPO_ROOT

pytestmark = pytest.mark.e2e

EXAMPLE = REPO_ROOT / "examples" / "promotion"
NAMESPACE = "inference-promotion"


@pytest.fixture
def project(tmp_path, provider_env):
    target = tmp_path / "promotion"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("__pycache__"))
    settings = (target / "Pulumi.yaml").read_text().replace("../../.venv", str(REPO_ROOT / ".venv"))
    (target / "Pulumi.yaml").write_text(settings)
    for stack in ("dev", "staging", "prod"):
        assert "encryptionsalt" not in (target / f"Pulumi.{stack}.yaml").read_text()
        set_config(target, stack, namePrefix="promo-e2e")
    set_config(target, "prod", bakeSeconds="0")
    return target


def set_config(project: Path, stack: str, **values: str) -> None:
    """Edit a stack file the way a developer would."""
    path = project / f"Pulumi.{stack}.yaml"
    document = yaml.safe_load(path.read_text())
    document["config"].update({f"{NAMESPACE}:{key}": value for key, value in values.items()})
    path.write_text(yaml.safe_dump(document))


def stack_config(project: Path, stack: str) -> dict[str, str]:
    config = yaml.safe_load((project / f"Pulumi.{stack}.yaml").read_text())["config"]
    return {key.split(":", 1)[1]: value for key, value in config.items()}


def runner(project: Path, stack: str, tmp_path: Path, env: dict[str, str]) -> StackRunner:
    return StackRunner(project_dir=project, stack_name=stack, state_dir=tmp_path / "state",
                       home_dir=tmp_path / "home", env=dict(env))


def promote(project: Path, tmp_path: Path, source: str, target: str) -> int:
    return promote_main(["--project", str(project), "--from", source, "--to", target,
                         "--state-dir", str(tmp_path / "state"), "--home-dir", str(tmp_path / "home")])


def live(api, outputs: dict) -> dict[str, tuple[str, int]]:
    """Per deployment role: (image, weight) as the API reports them."""
    found = {}
    for role, deployment_id in outputs["deployment_ids"].items():
        deployment = api.deployments.get(outputs["service_id"], deployment_id)
        found[role] = (deployment["unit_configs"][0]["image"]["swr_path"].rsplit("/", 1)[1], deployment["weight"])
    return found


def release_to(project, tmp_path, provider_env, version, capsys):
    """dev runs `version`, then it is promoted to staging; returns the promotion's output."""
    set_config(project, "dev", appVersion=version)
    runner(project, "dev", tmp_path, provider_env).up()
    capsys.readouterr()
    assert promote(project, tmp_path, "dev", "staging") == 0
    return capsys.readouterr()


def test_promotion_through_the_environments(project, tmp_path, provider_env, api, live_emulator, capsys):
    staging, prod = (runner(project, s, tmp_path, provider_env) for s in ("staging", "prod"))

    # Version A: dev -> staging (first deployment of staging) -> prod (first deployment: both slots on A).
    out = release_to(project, tmp_path, provider_env, "app:2.0.0", capsys)
    assert "dev runs app:2.0.0 and is healthy" in out.out
    assert staging.outputs()["app_version"] == "app:2.0.0"
    assert live(api, staging.outputs()) == {"main": ("app:2.0.0", 100)}
    assert stack_config(project, "staging")["appVersion"] == "app:2.0.0"

    assert promote(project, tmp_path, "staging", "prod") == 0
    out = capsys.readouterr().out
    first = prod.outputs()
    assert (first["app_version"], first["release_status"], first["canary_slot"]) == ("app:2.0.0", "promoted", "green")
    assert live(api, first) == {"green": ("app:2.0.0", 100), "blue": ("app:2.0.0", 0)}

    # Version B: goes to the idle slot (blue) and takes the traffic step by step; green keeps A.
    out = release_to(project, tmp_path, provider_env, "app:2.1.0", capsys)
    assert "Preview of staging" in out.out and "Planned for staging: 1 to update" in out.out
    assert live(api, staging.outputs()) == {"main": ("app:2.1.0", 100)}

    assert promote(project, tmp_path, "staging", "prod") == 0
    out = capsys.readouterr().out
    [planned] = [line for line in out.splitlines() if line.startswith("Planned for prod:")]
    # Blue is upgraded in place, so its id stays known at preview: the shift's new canary is seen
    # there, and the shift is planned as the replacement it is.
    assert "Preview of prod" in out and planned == "Planned for prod: 1 to replace, 1 to update", planned
    for step in ("step 1/3: canary 10, stable 90", "step 2/3: canary 50, stable 50", "step 3/3: canary 100, stable 0"):
        assert step in out
    assert "prod now runs app:2.1.0 in slot blue (release promoted, canary 100%); slot green keeps app:2.0.0 idle" in out
    second = prod.outputs()
    assert second["deployment_ids"] == first["deployment_ids"], "slots are reused, never recreated"
    assert live(api, second) == {"blue": ("app:2.1.0", 100), "green": ("app:2.0.0", 0)}
    config = stack_config(project, "prod")
    assert (config["appVersion"], config["previousVersion"], config["canarySlot"]) == ("app:2.1.0", "app:2.0.0", "blue")
    prod.preview(expect_no_changes=True)

    # Version C reaches staging, which then turns unhealthy: prod is refused and left alone.
    release_to(project, tmp_path, provider_env, "app:2.2.0", capsys)
    prod_file = (project / "Pulumi.prod.yaml").read_text()
    live_emulator.add_fault("unhealthy", match="promo-e2e-staging-*")
    try:
        assert promote(project, tmp_path, "staging", "prod") == 2
    finally:
        live_emulator.clear_faults()
    refused = capsys.readouterr()
    assert "refusing to promote staging -> prod: stack staging (app:2.2.0) is not healthy" in refused.err
    assert "deployment promo-e2e-staging-main (main) is CONCERNING" in refused.err
    assert "has unhealthy instance(s)" in refused.err
    assert "Updating prod" not in refused.out
    assert (project / "Pulumi.prod.yaml").read_text() == prod_file
    assert live(api, prod.outputs()) == {"blue": ("app:2.1.0", 100), "green": ("app:2.0.0", 0)}

    for stack in (prod, staging, runner(project, "dev", tmp_path, provider_env)):
        stack.destroy()


def test_refuses_a_stack_that_was_never_deployed(project, tmp_path, provider_env, capsys):
    assert promote(project, tmp_path, "dev", "staging") == 2
    err = capsys.readouterr().err
    assert "stack dev has no deployed version" in err and "inference-stack up" in err
    assert stack_config(project, "staging")["appVersion"] == "app:1.4.2"
