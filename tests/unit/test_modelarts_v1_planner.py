"""The v1 planners: what each change needs, settings before status, replace-only fields with their reasons."""

from __future__ import annotations

import pytest

from inference_iac.core.actions import Action
from inference_iac.core.replace import ReplaceRefused
from inference_iac.modelarts.v1.models.model import ModelSpec
from inference_iac.modelarts.v1.models.service import ServiceSpec
from inference_iac.modelarts.v1.planner.model import identity_changed, plan_model
from inference_iac.modelarts.v1.planner.service import PutSettings, SetStatus, plan_service, refuse_replace

CPU = "modelarts.vm.cpu.2u"
BASE = {"service_name": "shop", "pool_name": "pool-dedicated-0001",
        "config": [{"model_id": "m1", "specification": CPU, "instance_count": 1, "weight": 100}]}


def spec(**changes) -> ServiceSpec:
    return ServiceSpec.model_validate({**BASE, **changes})


def entry(model_id="m1", weight=100, **extra):
    return {"model_id": model_id, "specification": CPU, "instance_count": 1, "weight": weight, **extra}


def test_the_same_service_plans_nothing():
    plan = plan_service(spec(), spec(state="running", additional_properties={}))
    assert plan.action is Action.NOOP and plan.steps == ()


def test_a_missing_service_is_created():
    assert "created" in plan_service(spec(), None).notes[0]


def test_a_description_is_one_update():
    plan = plan_service(spec(description="new"), spec())
    assert plan.action is Action.UPDATE
    assert plan.steps == (PutSettings(action=Action.UPDATE, fields=("description",)),)


def test_new_weights_send_the_whole_config():
    desired = spec(config=[entry("m1", 70), entry("m2", 30)])
    plan = plan_service(desired, spec())
    assert plan.steps == (PutSettings(action=Action.UPDATE, fields=("config",)),)
    assert "redeploys" in plan.summary()
    assert desired.update_body(plan.steps[0].fields) == {"config": desired.body()["config"]}


def test_settings_go_before_the_status_in_separate_requests():
    plan = plan_service(spec(description="new", state="stopped"), spec(state="running"))
    assert plan.action is Action.START_STOP
    assert plan.steps == (PutSettings(action=Action.UPDATE, fields=("description",)),
                          SetStatus(action=Action.START_STOP, status="stopped"))
    assert "separate requests" in plan.summary()


def test_a_status_alone_is_one_step():
    plan = plan_service(spec(state="running"), spec(state="stopped"))
    assert plan.steps == (SetStatus(action=Action.START_STOP, status="running"),)


def test_an_unset_state_is_left_alone():
    assert plan_service(spec(), spec(state="stopped")).steps == ()


def test_removing_the_auto_stop_is_an_update():
    plan = plan_service(spec(schedule=[]), spec(schedule=[{"time_unit": "HOURS", "duration": 1}]))
    assert plan.steps == (PutSettings(action=Action.UPDATE, fields=("schedule",)),)


def test_values_the_platform_fills_in_are_not_drift():
    live = spec(config=[entry(envs={}, additional_properties={})], additional_properties={})
    assert plan_service(spec(), live).steps == ()


@pytest.mark.parametrize("change, path, reason", [
    ({"service_name": "shop-2"}, "service_name", "update API does not take it"),
    ({"infer_type": "batch", "config": [{**entry(weight=None), "src_path": "o", "dest_path": "o", "req_uri": "/",
                                         "mapping_type": "file"}]}, "infer_type", "update API does not take it"),
    ({"pool_name": "pool-dedicated-0002"}, "pool_name", "update API does not take it"),
    ({"priority": 2}, "priority", "update API does not take it"),
    ({"config": [entry(deploy_timeout_in_seconds=600)]}, "config[0].deploy_timeout_in_seconds", "no deploy timeout"),
    ({"config": [entry(affinity={"node_affinity": {"mode": "preferred"}})]}, "config[0].affinity", "no affinity"),
])
def test_replace_only_fields_are_refused_with_their_reason(change, path, reason):
    plan = plan_service(spec(**change), spec())
    assert plan.action is Action.REPLACE and any(c.path.startswith(path) for c in plan.changes)
    with pytest.raises(ReplaceRefused, match="allow_replace is false") as refused:
        refuse_replace("shop", plan)
    assert f"{path}" in str(refused.value) and reason in str(refused.value)
    refuse_replace("shop", plan, allowed=True)


def test_websocket_cannot_be_turned_off_once_on():
    on = spec(additional_properties={"websocket_upgrade": True})
    off = spec(additional_properties={"websocket_upgrade": False})
    assert plan_service(on, off).action is Action.UPDATE
    plan = plan_service(off, on)
    assert plan.action is Action.REPLACE
    with pytest.raises(ReplaceRefused, match="WebSocket cannot be turned off once enabled"):
        refuse_replace("shop", plan)


def test_lts_reporting_cannot_change_once_on():
    channel = {"type": "LTS", "configuration": {"log_group_id": "g", "log_stream_id": "s"}}
    other = {"type": "LTS", "configuration": {"log_group_id": "g2", "log_stream_id": "s"}}
    assert plan_service(spec(additional_properties={"log_report_channels": [channel]}), spec()).action is Action.UPDATE
    plan = plan_service(spec(additional_properties={"log_report_channels": [other]}),
                        spec(additional_properties={"log_report_channels": [channel]}))
    assert plan.action is Action.REPLACE
    with pytest.raises(ReplaceRefused, match="LTS log reporting cannot be changed once enabled"):
        refuse_replace("shop", plan)


# ----- models --------------------------------------------------------------------------------------

MODEL = {"model_name": "m", "model_version": "1.0.0", "source_location": "swr.example.com/o/a:1"}


def test_a_model_never_changes_in_place():
    desired = ModelSpec.model_validate({**MODEL, "source_location": "swr.example.com/o/a:2"})
    plan = plan_model(desired, ModelSpec.model_validate(MODEL))
    assert plan.action is Action.REPLACE and "deleted first" in plan.summary()
    assert not identity_changed(desired, ModelSpec.model_validate(MODEL))


def test_a_new_version_is_a_new_model_beside_the_old_one():
    desired = ModelSpec.model_validate({**MODEL, "model_version": "1.0.1"})
    plan = plan_model(desired, ModelSpec.model_validate(MODEL))
    assert plan.action is Action.REPLACE and identity_changed(desired, ModelSpec.model_validate(MODEL))
    assert plan_model(ModelSpec.model_validate(MODEL), ModelSpec.model_validate(MODEL)).action is Action.NOOP
