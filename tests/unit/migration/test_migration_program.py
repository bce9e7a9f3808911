"""The files inference-migrate writes: the program runs (under Pulumi mocks) and declares what was translated;
MIGRATION.md and the refusal say what was left behind and why."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pulumi
import pytest
import yaml

from inference_iac.automation.migration import cli, program
from inference_iac.automation.migration.report import migration_md, refusal
from inference_iac.automation.migration.translate import Options, translate
from inference_iac.automation.connection import Connection
from inference_iac.core.registry import type_token
from inference_iac.modelarts.resources import ApiKey, Deployment, Service

TESTDATA = Path(__file__).parent / "testdata"
POOL = "pool-dedicated-0001"


def migration_of(scenario: str, **options):
    recording = json.loads((TESTDATA / f"{scenario}.json").read_text())
    found = translate(recording["service"], recording["models"], Options(**options))
    program.check(found)
    return found


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.created: dict[str, pulumi.runtime.MockResourceArgs] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.created[args.name] = args
        return f"{args.name}-id", {**args.inputs, "service_id": "svc-id", "deployment_id": f"{args.name}-id"}

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


def run_program(path: Path) -> Mocks:
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, preview=False)

    @pulumi.runtime.test
    def run():
        runpy.run_path(str(path), run_name="__main__")
        return pulumi.Output.from_input(None)

    run()
    return mocks


@pytest.mark.parametrize("auth", ["token", "api-key"])
def test_the_program_declares_one_deployment_per_config_entry(tmp_path, auth):
    migration = migration_of("two_weighted", auth=auth)
    main = tmp_path / "__main__.py"
    main.write_text(program.main_py(migration))
    created = run_program(main).created
    deployments = {name: r.inputs for name, r in created.items() if r.typ == type_token(Deployment)}
    assert set(deployments) == {"shop-shop-model-1-0-0", "shop-shop-model-1-1-0"}
    stable, canary = deployments["shop-shop-model-1-0-0"], deployments["shop-shop-model-1-1-0"]
    assert stable["unit_configs"][0]["image"]["swr_path"] == "swr.example.com/shop/model:1.0.0"
    assert (stable["weight"], stable["count"], stable["pool_id"]) == (70, 2, POOL)
    assert stable["unit_configs"][0]["envs"] == {"MODEL_NAME": "shop", "LOG_LEVEL": "info"}
    assert stable["unit_configs"][0]["readiness_health"]["url"] == "/health"
    assert stable["advanced_config"]["upgrade_config"]["rolling_update"] == {"max_surge": "50%",
                                                                             "max_unavailable": "50%"}
    assert (canary["weight"], canary["count"]) == (30, 1)
    assert canary["unit_configs"][0]["custom_spec"] == {"cpu": 1.5, "memory": 4096, "gpu": 0.5}
    [service] = [r.inputs for r in created.values() if r.typ == type_token(Service)]
    assert service["name"] == "shop" and service["description"] == "shop recommendations"
    expected_auth = {"token": "TOKEN", "api-key": "API_KEY"}[auth]
    assert service["runtime_config"]["service_invoke"]["auth_type"] == expected_auth
    keys = [r for r in created.values() if r.typ == type_token(ApiKey)]
    assert len(keys) == (1 if auth == "api-key" else 0)


def test_strings_are_written_as_literals_whatever_they_hold(tmp_path):
    migration = migration_of("two_weighted")
    migration.plan.description = 'quotes " and \' and a \\ backslash, 中文'
    migration.plan.deployments[0].envs = {"A": "line\nbreak", "B": "${not_interpolated}"}
    main = tmp_path / "__main__.py"
    main.write_text(program.main_py(migration))
    created = run_program(main).created
    [service] = [r.inputs for r in created.values() if r.typ == type_token(Service)]
    assert service["description"] == migration.plan.description
    assert created["shop-shop-model-1-0-0"].inputs["unit_configs"][0]["envs"] == {"A": "line\nbreak",
                                                                                "B": "${not_interpolated}"}


def test_pulumi_yaml_names_a_python_project():
    settings = yaml.safe_load(program.pulumi_yaml(migration_of("two_weighted")))
    assert settings["name"] == "shop-v2" and settings["runtime"] == "python"


def test_migration_md_lists_what_was_carried_and_what_was_left_behind():
    migration = migration_of("everything", pool_id=POOL, flavors={"modelarts.vm.gpu.pnt004": "modelarts.vm.gpu.t4"},
                             drop=frozenset({"smn_notification", "lts_logs", "auto_stop", "vpc", "load_balancer_policy",
                                             "priority", "service_secrets", "workspace", "https_container",
                                             "exec_health_check", "graceful_shutdown", "mounts", "deploy_timeout"}))
    assert migration.ok
    text = migration_md(migration, "legacy-v2")
    assert "| `legacy-model-2-0-0` | config[0]: model legacy-model 2.0.0" in text
    assert "`smn_notification`: SMN notifications of status changes" in text
    assert "not supported by the new version" in text
    assert "inference-stack --project legacy-v2 up" in text
    assert "App) authentication" in text and "IPv6" in text


def test_the_refusal_names_each_feature_and_the_drop_that_passes_it():
    text = refusal(migration_of("obs_model", pool_id=POOL))
    assert "cannot migrate v1 service mnist" in text
    assert "`obs_model`: a model that is not a container image" in text
    assert text.endswith("to go ahead without them: --drop obs_model")


# ----- writing ---------------------------------------------------------------------------------------


def test_written_files_are_not_overwritten_without_force(tmp_path):
    migration = migration_of("two_weighted")
    cli.write(tmp_path, migration, force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MIGRATION.md", "Pulumi.yaml", "__main__.py"]
    with pytest.raises(cli.MigrationRefused, match="already holds Pulumi.yaml, __main__.py, MIGRATION.md"):
        cli.write(tmp_path, migration, force=False)
    cli.write(tmp_path, migration, force=True)


class FakeEmulator:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir


def test_the_program_shares_the_emulator_the_v1_service_lives_in(tmp_path):
    source = tmp_path / "legacy" / ".inference-iac" / "emulator"
    source.mkdir(parents=True)
    out = tmp_path / "shop-v2"
    assert cli.share_emulator(out, Connection(FakeEmulator(source), {})) == str(source.resolve())
    assert (out / ".inference-iac" / "emulator").resolve() == source.resolve()
    assert cli.share_emulator(out, Connection(FakeEmulator(source), {})) == str(source.resolve())  # again: fine
    # A real cloud: nothing to share.
    assert cli.share_emulator(tmp_path / "other", Connection(None, {})) is None
    # An emulator of its own is not silently replaced.
    own = tmp_path / "own"
    (own / ".inference-iac" / "emulator").mkdir(parents=True)
    with pytest.raises(cli.MigrationRefused, match="already has an emulator of its own"):
        cli.share_emulator(own, Connection(FakeEmulator(source), {}))


def test_flavor_pairs_are_parsed_or_refused():
    assert cli.flavor_pair("a=b") == ("a", "b")
    with pytest.raises(Exception, match="expected OLD=NEW"):
        cli.flavor_pair("a")
