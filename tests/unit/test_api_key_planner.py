"""API key plans: bindings change in place, everything else replaces the key."""

import pytest

from inference_iac.models.api_key import ApiKeySpec
from inference_iac.planner.api_key import REPLACE_FIELDS, binding_changes, plan_api_key
from inference_iac.planner.plan import Action


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
    assert field in REPLACE_FIELDS


def test_replace_heads_a_plan_that_also_rebinds():
    plan = plan_api_key(key(description="new", service_ids=["s2"]), key())
    assert plan.action is Action.REPLACE and plan.replace_fields == ["description"]
    assert plan.actions == {Action.REPLACE, Action.UPDATE}


def test_binding_changes_split():
    assert binding_changes(key(service_ids=["s1", "s3", "s4"]), key(service_ids=["s1", "s2"])) == (["s3", "s4"], ["s2"])
