"""The planner picks the least disruptive action for each kind of change."""

import pytest

from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.service import ServiceSpec
from inference_iac.modelarts.planner.deployment import plan_deployment
from inference_iac.core.plan import Action
from inference_iac.modelarts.planner.service import plan_service


def deployment(**overrides):
    base = {"service_id": "svc-1", "name": "main", "count": 2, "weight": 100, "pool_id": "pool-dedicated-0001",
            "unit_configs": [{"image": {"swr_path": "img:1"}, "flavor": "f1", "envs": {"A": "1"}}]}
    return DeploymentSpec.model_validate({**base, **overrides})


def test_identical_is_noop():
    assert plan_deployment(deployment(), deployment()).action is Action.NOOP


@pytest.mark.parametrize(
    "overrides,action",
    [
        ({"count": 5}, Action.SCALE),
        ({"weight": 30}, Action.TRAFFIC),
        ({"description": "new"}, Action.UPDATE),
        ({"unit_configs": [{"image": {"swr_path": "img:2"}, "flavor": "f1", "envs": {"A": "1"}}]}, Action.ROLLING_UPGRADE),
        ({"unit_configs": [{"image": {"swr_path": "img:1"}, "flavor": "f1", "envs": {}}]}, Action.ROLLING_UPGRADE),
        ({"pool_id": "pool-2"}, Action.ROLLING_UPGRADE),
        ({"name": "other"}, Action.REPLACE),
        ({"service_id": "svc-2"}, Action.REPLACE),
    ],
)
def test_deployment_change_classes(overrides, action):
    plan = plan_deployment(deployment(**overrides), deployment())
    assert plan.action is action, plan.summary()


def test_worst_action_heads_a_mixed_plan():
    plan = plan_deployment(deployment(count=4, unit_configs=[{"image": {"swr_path": "img:9"}, "flavor": "f1"}]), deployment())
    assert plan.action is Action.ROLLING_UPGRADE
    assert plan.actions == {Action.SCALE, Action.ROLLING_UPGRADE}


def test_fields_left_to_the_platform_are_not_drift():
    desired = deployment()  # deploy timeout unset: the platform decides
    live = deployment(advanced_config={"deploy_timeout_minutes": 30})
    assert plan_deployment(desired, live).action is Action.NOOP


def test_replace_fields_are_top_level_inputs():
    plan = plan_service(ServiceSpec(name="s", type="ASYNC_REAL_TIME", runtime_config={"service_invoke": {"protocol": "HTTP"}, "server_task_limit": {"max_task": 10}}),
                        ServiceSpec(name="s", runtime_config={"service_invoke": {"protocol": "HTTP"}}))
    assert plan.action is Action.REPLACE
    assert plan.replace_fields == ["type"]


def test_service_rename_and_limits_update_in_place():
    plan = plan_service(ServiceSpec(name="renamed", description="d"), ServiceSpec(name="s"))
    assert plan.action is Action.UPDATE
    assert {c.path for c in plan.changes} == {"name", "description"}


def test_missing_live_resource_means_create():
    plan = plan_service(ServiceSpec(name="s"), None)
    assert plan.action is Action.NOOP and "created" in plan.notes[0]


def test_summary_names_fields_and_values():
    plan = plan_deployment(deployment(count=3), deployment())
    assert plan.summary() == "scale (count: 2 -> 3)"


def test_initial_weight_is_create_only():
    created = deployment(weight=None, initial_weight=0)
    assert created.create_body()["weight"] == 0
    assert "initial_weight" not in created.update_body({"weight": 60})
    assert created.update_body({"weight": 60})["weight"] == 60  # an unmanaged weight keeps its live value
    live = deployment(weight=None).model_copy(update={"weight": 60})
    assert plan_deployment(created, live).action is Action.NOOP
