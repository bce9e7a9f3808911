"""The intranet-connection planner: only custom URLs change in place."""

import pytest

from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec
from inference_iac.core.plan import Action
from inference_iac.core.spec import replace_reasons
from inference_iac.modelarts.planner.intranet_connection import ModifyUrls, plan_intranet_connection


def spec(**overrides):
    return IntranetConnectionSpec.model_validate({"name": "conn", "service_id": "svc-1", "vpc_id": "vpc-1",
                                                  "subnet_id": "subnet-1", "custom_urls": ["https://a.example.com/"],
                                                  **overrides})


def live(**overrides):
    # The platform fills in the dispatcher group and has no label.
    return spec(name=None, dispatcher_group_id="svc-1", **overrides)


def test_identical_is_noop_even_with_platform_filled_fields_and_a_label():
    plan = plan_intranet_connection(spec(), live())
    assert plan.action is Action.NOOP, plan.summary()


def test_missing_connection_plans_a_create():
    assert plan_intranet_connection(spec(), None).action is Action.NOOP
    assert "will be created" in plan_intranet_connection(spec(), None).notes[0]


@pytest.mark.parametrize("overrides,action,field", [
    ({"custom_urls": ["https://b.example.com/"]}, Action.UPDATE, "custom_urls"),
    ({"custom_urls": []}, Action.UPDATE, "custom_urls"),
    ({"service_id": "svc-2"}, Action.REPLACE, "service_id"),
    ({"vpc_id": "vpc-2"}, Action.REPLACE, "vpc_id"),
    ({"subnet_id": "subnet-2"}, Action.REPLACE, "subnet_id"),
    ({"type": "GLOBAL"}, Action.REPLACE, "type"),
    ({"dispatcher_group_id": "other"}, Action.REPLACE, "dispatcher_group_id"),
    ({"scene": "POOL", "vpc_id": None, "subnet_id": None, "pool_id": "pool-1"}, Action.REPLACE, "scene"),
])
def test_change_classes(overrides, action, field):
    plan = plan_intranet_connection(spec(**overrides), live())
    assert plan.action is action, plan.summary()
    assert field in [c.path for c in plan.changes]
    if action is Action.REPLACE:
        assert field in plan.replace_fields and field in replace_reasons(IntranetConnectionSpec)
    else:
        assert plan.steps == (ModifyUrls(action=Action.UPDATE, urls=tuple(overrides["custom_urls"])),)


def test_unset_custom_urls_are_not_compared():
    assert plan_intranet_connection(spec(custom_urls=None), live()).action is Action.NOOP


def test_a_pending_connection_that_moved_on_gets_a_status_only_update():
    plan = plan_intranet_connection(spec(), live(), recorded_status="APPROVING", live_status="CONNECTED")
    assert plan.action is Action.UPDATE and plan.replace_fields == []
    assert "status: 'APPROVING' -> 'CONNECTED'" in plan.summary()


@pytest.mark.parametrize("recorded,current",
                         [("APPROVING", "APPROVING"), ("CONNECTED", "CANCELED"), (None, "CONNECTED")])
def test_settled_or_unchanged_status_plans_nothing(recorded, current):
    assert plan_intranet_connection(spec(), live(), recorded, current).action is Action.NOOP
