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
from inference_iac.automation.migration.cutover import Cutover
from inference_iac.automation.migration.report import migration_md, refusal
from inference_iac.automation.migration.translate import Options, translate
from inference_iac.automation.connection import Connection
from inference_iac.core.registry import type_token
from inference_iac.modelarts.resources import ApiKey, Deployment, Service
from inference_iac.modelarts.v1.resources import Service as V1Service

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
        return f"{args.name}-id", {**args.inputs, "service_id": "svc-id", "deployment_id": f"{args.name}-id",
                                   "predict_url": "https://v2.example/shop", "access_address": "https://v1.example/shop"}

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


def run_program(path: Path, config: dict[str, str] | None = None) -> Mocks:
    """Run a written program under mocks with stack config (keys of the program's project)."""
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, project="shop-v2", preview=False)
    pulumi.runtime.set_all_config({f"shop-v2:{key}": value for key, value in (config or {}).items()})
    exports: dict = {}

    @pulumi.runtime.test
    def run():
        original = pulumi.export
        pulumi.export = lambda name, value: exports.__setitem__(name, value)
        try:
            runpy.run_path(str(path), run_name="__main__")
        finally:
            pulumi.export = original
        return pulumi.Output.all(**exports).apply(lambda values: mocks.__dict__.setdefault("exports", values))

    try:
        run()
    finally:
        pulumi.runtime.set_all_config({})
    return mocks


@pytest.fixture
def written(tmp_path) -> Path:
    main = tmp_path / "__main__.py"
    main.write_text(program.main_py(migration_of("two_weighted")))
    return main


def test_the_v1_service_is_imported_as_it_was_and_clients_stay_on_it(written):
    mocks = run_program(written)
    [v1] = [r for r in mocks.created.values() if r.typ == type_token(V1Service)]
    recording = json.loads((TESTDATA / "two_weighted.json").read_text())
    assert (v1.name, v1.resource_id) == ("shop-v1", recording["service"]["service_id"])
    assert v1.inputs["state"] == "running" and v1.inputs["config"][0]["weight"] == 70
    assert mocks.exports["endpoint"] == "https://v1.example/shop"
    assert mocks.exports["v1_service_id"] == recording["service"]["service_id"]


def test_the_cutover_moves_clients_then_stops_and_deletes_v1(written):
    moved = run_program(written, {"clients": "v2", "v1Service": "stopped"})
    assert moved.exports["endpoint"] == "https://v2.example/shop"
    assert moved.created["shop-v1"].inputs["state"] == "stopped"
    deleted = run_program(written, {"clients": "v2", "v1Service": "deleted"})
    assert "shop-v1" not in deleted.created and "shop-svc" in deleted.created
    released = run_program(written, {"clients": "v2", "v1Service": "released"})
    assert "state" not in released.created["shop-v1"].inputs  # left as it is


@pytest.mark.parametrize("config, message", [
    ({"clients": "v3"}, "clients: 'v3' must be one of v1, v2"),
    ({"v1Service": "paused"}, "v1Service: 'paused' must be one of running, stopped, deleted, released"),
    ({"v1Service": "stopped"}, "v1Service: stopped while clients use v1 would leave them without a service"),
])
def test_a_cutover_that_cannot_be_is_refused_by_the_program(written, config, message):
    with pytest.raises(pulumi.RunError, match=message):
        run_program(written, config)


def test_each_phase_protects_or_releases_the_v1_service():
    running = Cutover.checked("v1", "running").v1_options("id-1")
    assert (running.import_, running.protect, running.retain_on_delete) == ("id-1", True, False)
    stopped = Cutover.checked("v2", "stopped").v1_options("id-1")
    assert (stopped.protect, stopped.retain_on_delete) == (False, False)  # the next phase may delete it
    released = Cutover.checked("v2", "released").v1_options("id-1")
    assert (released.protect, released.retain_on_delete) == (False, True)
    assert Cutover.checked("v2", "deleted").v1_options("id-1") is None


def test_a_stopped_v1_service_is_imported_stopped_with_clients_on_v2():
    migration = migration_of("two_weighted")
    migration.v1_status = "stopped"
    assert program.initial_cutover(migration) == ("v2", "stopped")
    assert 'Cutover.from_config(pulumi.Config(), clients="v2", v1_service="stopped")' in program.main_py(migration)


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
