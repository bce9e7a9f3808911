"""ScalingRule planning, the rule edits that carry a plan out, and the count-ownership helper."""

from __future__ import annotations

import pytest

from inference_iac.core.plan import Action
from inference_iac.core.spec import replace_reasons
from inference_iac.modelarts.client.scaling_rules import decoded
from inference_iac.modelarts.models.scaling_rule import LivePolicy, ScalingRuleSpec
from inference_iac.modelarts.planner.ownership import owned_fields
from inference_iac.modelarts.planner.scaling_rule import EditRules, plan_scaling_rule, rule_edits

MORNING = {"name": "morning", "schedule": "0 8 * * *", "target_replicas": 3}
EVENING = {"name": "evening", "schedule": "0 20 * * *", "target_replicas": 1}


def desired(rules=(MORNING, EVENING), **overrides):
    return ScalingRuleSpec.model_validate({"service_id": "svc", "deployment_id": "dep", "rules": list(rules),
                                           **overrides})


def live_policy(rules=(MORNING, EVENING), disable="false", **extra):
    return {"id": "hpa-1", "status": "ACTIVE", "workspace_id": "0", **extra,
            "hpa_rules": [{"id": f"id-{r['name']}", "hpa_id": "hpa-1", "type": "CRON_HPA", "disable": disable,
                           "status": "CONFIG_SUCCESS", **r} for r in rules]}


def parsed(policy):
    """A policy as the client hands it on: `disable` decoded, then typed."""
    return LivePolicy.from_api(decoded(policy))


def plan(want, live, service_id="svc", deployment_id="dep"):
    return plan_scaling_rule(want, parsed(live), service_id, deployment_id)


def rule_operations(want, live):
    """The update request a plan's rule edits turn into."""
    return want.edit_body(rule_edits(want, parsed(live)))["hpa_rules"]


def test_same_rules_in_another_order_are_a_noop():
    assert plan(desired(), live_policy(rules=(EVENING, MORNING))).action is Action.NOOP


def test_missing_policy_plans_a_create():
    assert plan_scaling_rule(desired(), None).notes == ("scaling policy not found: it will be created",)


@pytest.mark.parametrize("change", [
    {"rules": [{**MORNING, "target_replicas": 5}, EVENING]},
    {"rules": [MORNING]},
    {"rules": [MORNING, EVENING, {"name": "noon", "schedule": "0 12 * * *", "target_replicas": 2}]},
    {"enabled": False},
])
def test_rule_changes_and_enable_switch_are_in_place(change):
    result = plan(desired(**change), live_policy())
    assert result.action is Action.UPDATE and result.replace_fields == []


def test_a_rule_disabled_out_of_band_is_drift():
    live = live_policy()
    live["hpa_rules"][0]["disable"] = "true"
    assert plan(desired(), live).action is Action.UPDATE
    assert plan(desired(enabled=False), live).action is Action.UPDATE


@pytest.mark.parametrize("field,value", [("service_id", "svc-2"), ("deployment_id", "dep-2"), ("workspace_id", "a" * 32)])
def test_identity_changes_replace(field, value):
    result = plan(desired(**{field: value}), live_policy())
    assert result.action is Action.REPLACE and result.replace_fields == [field]
    assert field in replace_reasons(ScalingRuleSpec)


def test_unset_workspace_is_not_compared():
    assert plan(desired(), live_policy(workspace_id="f" * 32)).action is Action.NOOP


def test_rule_operations_delete_then_update_then_add():
    want = desired(rules=[{**MORNING, "target_replicas": 4}, {"name": "noon", "schedule": "0 12 * * *", "target_replicas": 2}])
    ops = rule_operations(want, live_policy())
    assert [(o["operate"], o["name"]) for o in ops] == [("DELETE", "evening"), ("UPDATE", "morning"), ("ADD", "noon")]
    assert ops[0]["id"] == "id-evening" and ops[1]["id"] == "id-morning" and "id" not in ops[2]
    assert ops[1]["target_replicas"] == 4 and ops[1]["disable"] is False


def test_rule_operations_disable_every_rule_and_skip_unchanged():
    assert rule_operations(desired(), live_policy()) == []
    ops = rule_operations(desired(enabled=False), live_policy())
    assert {(o["operate"], o["disable"]) for o in ops} == {("UPDATE", True)}
    assert len(ops) == 2


@pytest.mark.parametrize("policy,owned", [
    (None, set()),
    ({}, set()),
    (live_policy(), {"count"}),
    (live_policy(disable="true", status="INACTIVE"), set()),
    (live_policy(status="ACTIVE", disable="true"), set()),  # every rule off
    (live_policy(status="INACTIVE"), set()),  # policy switched off
    ({"status": "ACTIVE", "hpa_rules": [{"name": "x", "disable": False}]}, {"count"}),  # request-style bool
    ({"status": "ACTIVE", "hpa_rules": []}, set()),
])
def test_owned_fields(policy, owned):
    assert owned_fields(parsed(policy) if policy else None) == owned


def test_the_plan_carries_the_edits():
    result = plan(desired(rules=[MORNING]), live_policy())
    assert [(e.operate, e.live.name) for e in result.steps[0].edits] == [("DELETE", "evening")]
    assert isinstance(result.steps[0], EditRules)


def test_yield_owned_hides_count_drift_only():
    from inference_iac.modelarts.models.deployment import DeploymentSpec
    from inference_iac.modelarts.planner.deployment import plan_deployment
    from inference_iac.modelarts.planner.ownership import yield_owned

    base = {"service_id": "svc", "name": "main", "pool_id": "pool-dedicated-0001",
            "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}]}
    want = DeploymentSpec.model_validate({**base, "count": 1, "description": "new"})
    live = DeploymentSpec.model_validate({**base, "count": 4, "description": "old"})
    assert "count" in [c.path for c in plan_deployment(want, live).changes]
    owned = yield_owned(want, live, owned_fields(parsed(live_policy())))
    assert owned.count == 4 and want.count == 1  # the desired spec itself is untouched
    assert [c.path for c in plan_deployment(owned, live).changes] == ["description"]
    assert yield_owned(want, live, set()) is want
