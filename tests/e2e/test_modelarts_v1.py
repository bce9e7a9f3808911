"""ModelArts v1 through the real CLI, one stack walking the steps: bad input refused at preview, create,
no-op, in-place update (description, weights), stop/start, refused replace, refresh after a change by hand,
a new model version, import, an interrupted create adopted, destroy."""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from inference_iac.modelarts.v1.client import ClientConfig, ModelArtsV1Client

pytestmark = pytest.mark.e2e

NAMES = {"e2e-v1-service", "e2e-v1-legacy", "e2e-v1-left"}


@pytest.fixture
def v1(live_emulator):
    config = ClientConfig(endpoint=live_emulator.endpoint, access_key=live_emulator.access_key,
                          secret_key=live_emulator.secret_key, project_id=live_emulator.project_id)
    with ModelArtsV1Client(config) as client:
        yield client


def ours(v1) -> tuple[set[str], set[str]]:
    """(names of this test's services, versions of its models) as the API lists them."""
    services = {s["service_name"] for s in v1.services.list()} & NAMES
    models = {m["model_version"] for m in v1.models.list(model_name="e2e-v1-model", exact_match=True)}
    return services, models


def test_v1_model_and_service_lifecycle(project_runner, v1):
    # Bad input stops at preview with the field and the rule; nothing is created, even by `up`.
    runner = project_runner("modelarts_v1", {"weight": "70"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "config[0].weight: the weights of a real-time service must sum to 100, got 70" in str(refused.value)
    runner.use_config({"modelVersion": "01.0.0"})
    with pytest.raises(auto_errors.CommandError, match="model_version: must be Digit.Digit.Digit"):
        runner.up()
    assert ours(v1) == (set(), set())

    # Create: the model is published, then the service deployed on it.
    base = {"description": "first"}
    runner.use_config(base)
    outputs = runner.up().outputs
    service_id, model_id = outputs["service_id"].value, outputs["model_id"].value
    live = v1.services.get(service_id)
    assert live["status"] == "running" and live["config"][0]["model_id"] == model_id
    assert v1.models.get(model_id)["model_status"] == "published"
    runner.preview(expect_no_changes=True)

    # In place: a new description and a second model version taking 30 % (one config update).
    base = {"description": "second", "split": "true", "weight": "70"}
    runner.use_config(base)
    # (The new model's id is not known at preview, so the service's plan is shown by up.)
    assert runner.preview().change_summary == {"create": 1, "update": 1, "same": 2}
    up = runner.up()
    assert up.outputs["service_id"].value == service_id
    live = v1.services.get(service_id)
    assert live["description"] == "second" and [c["weight"] for c in live["config"]] == [70, 30]
    runner.preview(expect_no_changes=True)

    # Stop, then start again.
    runner.use_config({**base, "state": "stopped"})
    assert shown_on(runner.preview().stdout, "Service", "start/stop (state: 'running' -> 'stopped')")
    runner.up()
    assert v1.services.get(service_id)["status"] == "stopped"
    runner.preview(expect_no_changes=True)
    runner.use_config({**base, "state": "running"})
    runner.up()
    assert v1.services.get(service_id)["status"] == "running"

    # A replace-only field is refused at preview when replacing is not allowed, naming the field and why.
    runner.use_config({**base, "workspace": "ws-2", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError, match="allow_replace is false") as refused:
        runner.preview()
    assert "workspace_id: the v1 update API does not take it" in str(refused.value)

    # Drift: a change by hand shows in refresh, and the next up restores the program's value.
    runner.use_config(base)
    v1.services.update(service_id, {"description": "changed by hand"})
    refresh = runner.refresh()
    assert refresh.summary.resource_changes.get("update") == 1
    restore = runner.preview()
    assert restore.change_summary.get("update") == 1
    assert shown_on(restore.stdout, "Service", "in-place update (description: 'changed by hand' -> 'second')")
    runner.up()
    assert v1.services.get(service_id)["description"] == "second"
    runner.preview(expect_no_changes=True)

    # A new version of the first model is a new Model: made first, the service moves to it, the old one goes.
    base = {**base, "modelVersion": "1.0.2"}
    runner.use_config(base)
    moved = runner.up()
    assert moved.summary.resource_changes.get("replace") == 1
    old_model_id, model_id = model_id, moved.outputs["model_id"].value
    assert v1.services.get(service_id)["config"][0]["model_id"] == model_id
    assert v1.models.find_by_id(old_model_id) is None
    runner.preview(expect_no_changes=True)

    # Import a service made outside Pulumi; nothing changes afterwards.
    legacy_id = v1.services.create({"service_name": "e2e-v1-legacy", "infer_type": "real-time",
                                    "description": "made by hand", "config": [
                                        {"model_id": model_id, "specification": "modelarts.vm.cpu.2u",
                                         "instance_count": 1, "weight": 100}]})["service_id"]
    runner.use_config({**base, "importId": legacy_id})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert imported.outputs["legacy_id"].value == legacy_id

    # An interrupted create: the service exists (the run died before recording it); up adopts it.
    left_id = v1.services.create({"service_name": "e2e-v1-left", "infer_type": "real-time", "config": [
        {"model_id": model_id, "specification": "modelarts.vm.cpu.2u", "instance_count": 1,
         "weight": 100}]})["service_id"]
    runner.use_config({**base, "importId": legacy_id, "leftover": "true"})
    adopted = runner.up()
    assert adopted.outputs["left_id"].value == left_id
    assert [s["service_id"] for s in v1.services.list(service_name="e2e-v1-left")] == [left_id]
    assert v1.services.get(left_id)["description"] == "adopted"
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert ours(v1) == (set(), set())
