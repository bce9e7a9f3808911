"""API key plans: bindings change in place, everything else replaces the key."""

import pytest

from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.core.plan import Action
from inference_iac.core.spec import replace_reasons
from inference_iac.modelarts.planner.api_key import Rebind, plan_api_key


def key(**overrides):
    return ApiKeySpec.model_validate({"name": "k", "description": "d", "service_ids": ["s1"], **overrides})


def test_missing_live_key_is_created():
    plan = plan_api_key(key(), None)
    assert plan.action is Action.NOOP and "created" in plan.notes[0]


def test_identical_is_noop_whatever_the_binding_order():
    assert plan_api_key(key(service_ids=["s1", "s2"]), key(service_ids=["s2", "s1"])).action is Action.NOOP


@pytest.mark.parametrize("overrides", [{"service_ids": ["s1", "s2"]}, {"service_ids": []}, {"service_ids": ["s3"]}])
def test_binding_changes_are_in_place(overrides):
    plan = plan_api_key(key(**overrides), key())
    assert plan.action is Action.UPDATE and plan.replace_fields == []
    assert plan.fields(Action.UPDATE) == ["service_ids"]


@pytest.mark.parametrize("overrides,field", [({"name": "other"}, "name"), ({"description": "new"}, "description"),
                                             ({"scope": "USER", "service_ids": []}, "scope")])
def test_attribute_changes_replace(overrides, field):
    plan = plan_api_key(key(**overrides), key())
    assert plan.action is Action.REPLACE and field in plan.replace_fields
    assert field in replace_reasons(ApiKeySpec)


def test_replace_heads_a_plan_that_also_rebinds():
    plan = plan_api_key(key(description="new", service_ids=["s2"]), key())
    assert plan.action is Action.REPLACE and plan.replace_fields == ["description"]
    assert plan.actions == {Action.REPLACE, Action.UPDATE}


def test_binding_changes_split():
    plan = plan_api_key(key(service_ids=["s1", "s3", "s4"]), key(service_ids=["s1", "s2"]))
    assert plan.steps == (Rebind(action=Action.UPDATE, bind=("s3", "s4"), unbind=("s2",)),)
