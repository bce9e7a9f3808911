"""A v1 service migrated to v2 and cut over, through the real CLI (docs/migration-v1-to-v2.md, step by step).

One stack walks the whole guide: the program `inference-migrate` writes is
deployed beside the v1 service (which it imports, unchanged), checked, the
clients move, v1 is stopped (the rollback window) and then deleted.
"""

from __future__ import annotations

import json

import pytest
from pulumi import automation as auto

from inference_iac.automation.migration import cli
from inference_iac.automation.migration.demo import IMAGES, WEIGHTS, create_demo, wait
from inference_iac.automation.workspace import DEFAULT_PASSPHRASE
from inference_iac.policy.pack import executable
from support import v1_api_client

pytestmark = pytest.mark.e2e


@pytest.fixture
def v1(live_emulator, provider_env):
    """The v1 client on the test emulator; the commands find it through the environment too."""
    with v1_api_client(live_emulator) as client:
        yield client


def served(api, service_id: str) -> dict[str, tuple[str, int]]:
    """Each v2 deployment's image and weight, as the API reads them back."""
    return {d["name"]: (d["unit_configs"][0]["image"]["swr_path"], d["weight"])
            for d in (api.deployments.get(service_id, listed["id"]) for listed in api.deployments.list_all(service_id))}


def mandatory_v1_policy(tmp_path) -> str:
    path = tmp_path / "policy-config.json"
    path.write_text(json.dumps({"no-new-v1-services": {"enforcementLevel": "mandatory"}}))
    return str(path)


def test_a_v1_service_is_migrated_deployed_beside_it_and_cut_over(tmp_path, project_runner, v1, api, monkeypatch,
                                                                   capsys):
    # A v1 service made outside any stack (as in the console): two model versions at 70/30.
    legacy = create_demo(v1)
    v1_id = legacy["service_id"]

    # 1. The v2 program.
    out = tmp_path / "shop-v2"
    assert cli.main(["--service-id", v1_id, "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} >= {"Pulumi.yaml", "__main__.py", "MIGRATION.md"}

    # 2. Deployed beside v1: the v2 service is created, the v1 one imported, unchanged. The policy
    #    against new v1 services, even mandatory, lets the imported one through.
    runner = project_runner(out)
    result = runner.up(policy_packs=[executable()], policy_pack_configs=[mandatory_v1_policy(tmp_path)])
    assert result.summary.resource_changes.get("import") == 1
    assert not {kind for kind in result.summary.resource_changes} - {"create", "import", "same"}
    outputs = runner.outputs()
    assert served(api, outputs["service_id"]) == {
        f"shop-model-{version.replace('.', '-')}": (image, WEIGHTS[version]) for version, image in IMAGES.items()}
    assert v1.services.get(v1_id)["status"] == "running"
    assert outputs["endpoint"] == legacy["access_address"], "clients stay on v1 until they are moved"
    runner.preview(expect_no_changes=True)

    # 3. Ready for the clients? (the command reads the stack the runner deployed)
    monkeypatch.setenv("PULUMI_BACKEND_URL", f"file://{runner.state_dir}")
    monkeypatch.setenv("PULUMI_HOME", str(runner.home_dir))
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", DEFAULT_PASSPHRASE)
    capsys.readouterr()
    assert cli.main(["--check", "--project", str(out), "--stack", runner.stack_name]) == 0
    shown = capsys.readouterr().out
    assert "v2 service shop: RUNNING" in shown and "shop-model-1-0-0: RUNNING, 1/1 ready" in shown
    assert "ready: v2 serves what v1 serves" in shown

    # Deleting v1 before the rollback window is refused: it is protected while it runs.
    runner.use_config({"clients": "v2", "v1Service": "deleted"})
    with pytest.raises(auto.errors.CommandError, match="protected"):
        runner.up()
    assert v1.services.get(v1_id)["status"] == "running"

    # 4. The clients move: the endpoint output is the v2 service's.
    runner.use_config({"clients": "v2"})
    runner.up()
    assert runner.outputs()["endpoint"] == outputs["predict_url"]

    # 5. v1 stopped: the rollback window (a start away from serving again).
    runner.use_config({"clients": "v2", "v1Service": "stopped"})
    runner.up()
    assert v1.services.get(v1_id)["status"] == "stopped"

    # Rolling back within the window: v1 serves again, and the clients go back to it.
    runner.use_config({"clients": "v1", "v1Service": "running"})
    runner.up()
    assert v1.services.get(v1_id)["status"] == "running"
    assert runner.outputs()["endpoint"] == legacy["access_address"]
    runner.use_config({"clients": "v2", "v1Service": "stopped"})
    runner.up()

    # 6. Later, v1 is deleted; v2 serves on, untouched.
    runner.use_config({"clients": "v2", "v1Service": "deleted"})
    result = runner.up()
    assert result.summary.resource_changes.get("delete") == 1
    assert v1.services.find(v1_id) is None
    assert api.services.get(outputs["service_id"])["status"] == "RUNNING"

    runner.destroy()
    assert api.services.find_by_name("shop") is None


def test_a_migration_that_would_lose_settings_is_refused_without_writing(tmp_path, v1, capsys):
    model = v1.models.create({"model_name": "notify-model", "model_version": "1.0.0", "model_type": "Image",
                              "source_location": "swr.example.com/org/notify:1"})
    wait(lambda: v1.models.get(model["model_id"]), lambda m: m["model_status"] == "published", "the model")
    v1_id = v1.services.create({
        "service_name": "notify", "infer_type": "real-time", "pool_name": "pool-dedicated-0001",
        "additional_properties": {"smn_notification": {"topic_urn": "urn:smn:region:0:topic", "events": [1]}},
        "config": [{"model_id": model["model_id"], "weight": 100, "specification": "modelarts.vm.cpu.2u",
                    "instance_count": 1}]})["service_id"]
    out = tmp_path / "notify-v2"
    try:
        assert cli.main(["--service-id", v1_id, "--out", str(out)]) == 2
        error = capsys.readouterr().err
        assert "`smn_notification`: SMN notifications of status changes" in error
        assert "--drop smn_notification" in error and "Traceback" not in error
        assert not out.exists()
        assert cli.main(["--service-id", v1_id, "--out", str(out), "--drop", "smn_notification"]) == 0
        assert "`smn_notification`" in (out / "MIGRATION.md").read_text()
    finally:
        v1.services.delete(v1_id)
