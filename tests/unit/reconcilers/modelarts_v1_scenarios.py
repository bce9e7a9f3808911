"""What the ModelArts v1 reconcilers are tested on: scenarios recorded against the emulator, replayed in tests.

As for v2 (`modelarts_scenarios.py`): `setup` arranges the cloud (not recorded)
with this repo's v1 client, `run` makes one reconciler call (recorded) and
`check` judges its result (also on replay).
"""

from __future__ import annotations

import time

import pytest
from replay import Scenario, raises

from inference_iac.core.poll import WaitFailed, Waits
from inference_iac.core.replace import ReplaceRefused
from inference_iac.modelarts.v1.models.model import ModelSpec
from inference_iac.modelarts.v1.models.service import ServiceSpec
from inference_iac.modelarts.v1.reconcilers.model import ModelNotDeleted, ModelReconciler, ModelTaken
from inference_iac.modelarts.v1.reconcilers.service import ServiceReconciler
from inference_iac.modelarts.v1.waiters.service import UpdateRolledBack

CPU = "modelarts.vm.cpu.2u"


def model(name: str, version: str = "1.0.0", **extra) -> ModelSpec:
    return ModelSpec.model_validate({"model_name": name, "model_version": version,
                                     "source_location": f"swr.example.com/org/{name}:{version}", **extra})


def service(name: str, *models: tuple[str, int], **extra) -> ServiceSpec:
    config = [{"model_id": model_id, "specification": CPU, "instance_count": 1, "weight": weight}
              for model_id, weight in models]
    return ServiceSpec.model_validate({"service_name": name, "config": config, **extra})


def published(api, name: str, version: str = "1.0.0") -> str:
    return ModelReconciler(api, Waits(60)).create(model(name, version))["model_id"]


def running(api, name: str, model_id: str, **extra) -> str:
    return ServiceReconciler(api, Waits(60)).create(service(name, (model_id, 100), **extra))["service_id"]


def wait_for_status(api, service_id: str, status: str) -> None:
    while api.services.get(service_id)["status"] != status:
        time.sleep(0.05)


# ----- models ----------------------------------------------------------------------------------------

def _model_left_setup(api, emu):
    return {"model_id": api.models.create_or_adopt(model("rec-model-left").create_body())[0]["model_id"]}


def _model_taken_setup(api, emu):
    return {"model_id": api.models.create_or_adopt(
        model("rec-model-taken", source_location="swr.example.com/org/other:9").create_body())[0]["model_id"]}


def _model_in_use_setup(api, emu):
    model_id = published(api, "rec-model-used")
    return {"model_id": model_id, "service_id": running(api, "rec-svc-user", model_id)}


# ----- services ----------------------------------------------------------------------------------------

def _with_model(name):
    def setup(api, emu):
        return {"model_id": published(api, name)}
    return setup


def _with_service(name, **extra):
    def setup(api, emu):
        model_id = published(api, f"{name}-model")
        return {"model_id": model_id, "service_id": running(api, name, model_id, **extra)}
    return setup


def _with_two_models_and_service(name):
    def setup(api, emu):
        first, second = published(api, f"{name}-model"), published(api, f"{name}-model", "1.0.1")
        return {"model_id": first, "second_id": second, "service_id": running(api, name, first)}
    return setup


def _service_left_setup(api, emu):
    model_id = published(api, "rec-v1-left-model")
    left = api.services.create(service("rec-v1-left", (model_id, 100), description="left behind").create_body())
    return {"model_id": model_id, "service_id": left["service_id"]}


def _failed_service_left_setup(api, emu):
    model_id = published(api, "rec-v1-failed-model")
    emu.add_fault("deploy_fails", match="rec-v1-failed", count=1)
    left = api.services.create(service("rec-v1-failed", (model_id, 100)).create_body())["service_id"]
    wait_for_status(api, left, "failed")
    return {"model_id": model_id, "service_id": left}


def _failing_create_setup(api, emu):
    emu.add_fault("deploy_fails", match="rec-v1-broken", count=1)
    return {"model_id": published(api, "rec-v1-broken-model")}


def _rollback_setup(api, emu):
    ctx = _with_two_models_and_service("rec-v1-rollback")(api, emu)
    emu.add_fault("deploy_fails", match="rec-v1-rollback", count=1)
    return ctx


def _stopped_setup(api, emu):
    ctx = _with_service("rec-v1-stopped")(api, emu)
    api.services.set_status(ctx["service_id"], "stopped")
    wait_for_status(api, ctx["service_id"], "stopped")
    return ctx


def _drifted_setup(api, emu):
    ctx = _with_service("rec-v1-drift", description="as applied")(api, emu)
    api.services.update(ctx["service_id"], {"description": "changed by hand"})
    return ctx


def _check_running(name, description=None, weights=None):
    def check(live, ctx):
        assert live["service_name"] == name and live["status"] == "running", live["status"]
        if description is not None:
            assert live["description"] == description
        if weights is not None:
            assert [c["weight"] for c in live["config"]] == weights
    return check


SCENARIOS = [
    Scenario("model_create", lambda api, emu: {},
             lambda c, w, ctx: ModelReconciler(c, w).create(model("rec-model-new")),
             lambda live, ctx: live["model_status"] == "published" or pytest.fail(live["model_status"])),
    Scenario("model_adopt_leftover", _model_left_setup,
             lambda c, w, ctx: ModelReconciler(c, w).create(model("rec-model-left")),
             lambda live, ctx: live["model_id"] == ctx["model_id"] or pytest.fail("duplicated")),
    Scenario("model_taken_with_other_settings", _model_taken_setup,
             lambda c, w, ctx: raises(ModelTaken, "already exists .* with other settings")(
                 lambda: ModelReconciler(c, w).create(model("rec-model-taken"))),
             lambda message, ctx: "source_location" in message or pytest.fail(message)),
    Scenario("model_delete_refused_while_used", _model_in_use_setup,
             lambda c, w, ctx: raises(ModelNotDeleted, "ModelArts.3009")(
                 lambda: ModelReconciler(c, w).delete(ctx["model_id"], "rec-model-used 1.0.0")),
             lambda message, ctx: ("rec-svc-user" in message and "request id" in message) or pytest.fail(message)),
    Scenario("service_create", _with_model("rec-v1-new-model"),
             lambda c, w, ctx: ServiceReconciler(c, w).create(service("rec-v1-new", (ctx["model_id"], 100))),
             _check_running("rec-v1-new")),
    Scenario("service_create_fails_with_the_platform_reason", _failing_create_setup,
             lambda c, w, ctx: raises(WaitFailed, "service rec-v1-broken is failed: .*deploy_fails")(
                 lambda: ServiceReconciler(c, w).create(service("rec-v1-broken", (ctx["model_id"], 100)))),
             lambda message, ctx: None),
    Scenario("service_adopt_leftover", _service_left_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).create(
                 service("rec-v1-left", (ctx["model_id"], 100), description="adopted")),
             lambda live, ctx: (live["service_id"] == ctx["service_id"] and live["description"] == "adopted")
             or pytest.fail("not adopted")),
    Scenario("service_adopt_failed_leftover_redeploys", _failed_service_left_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).create(service("rec-v1-failed", (ctx["model_id"], 100))),
             _check_running("rec-v1-failed")),
    Scenario("service_update_weights_and_description", _with_two_models_and_service("rec-v1-weights"),
             lambda c, w, ctx: ServiceReconciler(c, w).converge(
                 ctx["service_id"], service("rec-v1-weights", (ctx["model_id"], 70), (ctx["second_id"], 30),
                                            description="split"), {}),
             _check_running("rec-v1-weights", "split", [70, 30])),
    Scenario("service_update_rolled_back", _rollback_setup,
             lambda c, w, ctx: raises(UpdateRolledBack, "rolled back by the platform")(
                 lambda: ServiceReconciler(c, w).converge(
                     ctx["service_id"], service("rec-v1-rollback", (ctx["model_id"], 50), (ctx["second_id"], 50)),
                     {})),
             lambda message, ctx: ("Failed to update the service. The update has been rolled back." in message
                                   and "deploy_fails" in message) or pytest.fail(message)),
    Scenario("service_settings_then_stop", _with_service("rec-v1-stop"),
             lambda c, w, ctx: ServiceReconciler(c, w).converge(
                 ctx["service_id"], service("rec-v1-stop", (ctx["model_id"], 100), description="off",
                                            schedule=[{"time_unit": "HOURS", "duration": 2}], state="stopped"), {}),
             lambda live, ctx: (live["status"] == "stopped" and live["description"] == "off"
                                and live["schedule"][0]["duration"] == 2) or pytest.fail(live["status"])),
    Scenario("service_config_then_start", _stopped_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).converge(
                 ctx["service_id"], ServiceSpec.model_validate({
                     "service_name": "rec-v1-stopped", "state": "running",
                     "config": [{"model_id": ctx["model_id"], "specification": CPU, "instance_count": 2,
                                 "weight": 100}]}), {}),
             lambda live, ctx: (live["status"] == "running" and live["config"][0]["instance_count"] == 2)
             or pytest.fail(live["status"])),
    Scenario("service_replace_refused_on_converge", _with_service("rec-v1-fixed"),
             lambda c, w, ctx: raises(ReplaceRefused, "pool_name: the v1 update API does not take it")(
                 lambda: ServiceReconciler(c, w).converge(ctx["service_id"], service(
                     "rec-v1-fixed", (ctx["model_id"], 100), pool_name="pool-dedicated-0001"), {})),
             lambda message, ctx: None),
    Scenario("service_read_shows_drift", _drifted_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).read(ctx["service_id"], {"description": "as applied"}),
             lambda found, ctx: (found[0].description == "changed by hand" and found[0].state is None)
             or pytest.fail(repr(found[0]))),
    Scenario("service_delete", _with_service("rec-v1-delete"),
             lambda c, w, ctx: ServiceReconciler(c, w).delete(ctx["service_id"]),
             lambda result, ctx: None),
]
