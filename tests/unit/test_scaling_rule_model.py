"""ScalingRule inputs: every documented limit is enforced with a message naming the field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from inference_iac.core.spec import describe_errors
from inference_iac.modelarts.client.scaling_rules import decoded
from inference_iac.modelarts.models.scaling_rule import CRON, LivePolicy, ScalingRuleSpec


def spec(rules=None, **overrides):
    rules = rules if rules is not None else [{"name": "morning", "schedule": "0 8 * * *", "target_replicas": 3}]
    return ScalingRuleSpec.model_validate({"service_id": "svc", "deployment_id": "dep", "rules": rules, **overrides})


def errors_of(**kwargs):
    with pytest.raises(ValidationError) as caught:
        spec(**kwargs)
    return describe_errors(caught.value)


def cron_rule(index, **overrides):
    return {"name": f"rule-{index:02d}", "schedule": f"{index} 8 * * *", "target_replicas": 2, **overrides}


@pytest.mark.parametrize("expression", ["0 8 * * *", "*/15 * * * *", "0 8-18/2 * * MON-FRI", "30 6 1,15 JAN,jul 0", "0 0 * * 7"])
def test_valid_cron_expressions(expression):
    assert CRON.error(expression) is None


@pytest.mark.parametrize("expression,why", [
    ("0 0 8 * * *", "5 fields"),  # a seconds field is not supported
    ("60 8 * * *", "minute"),
    ("0 24 * * *", "hour"),
    ("0 8 0 * *", "day of month"),
    ("0 8 * 13 *", "month"),
    ("0 8 * * FUN", "day of week"),
    ("0 18-8 * * *", "hour"),  # reversed range
    ("*/0 * * * *", "minute"),
])
def test_invalid_cron_expressions_name_the_field(expression, why):
    assert why in (CRON.error(expression) or "")


def test_defaults_and_request_body():
    built = spec()
    assert built.enabled is True and built.workspace_id is None
    assert built.create_body() == {
        "type": "CRON_HPA", "target_resource_id": "dep", "target_resource_type": "GROUP",
        "hpa_rules": [{"name": "morning", "disable": False, "type": "CRON_HPA", "schedule": "0 8 * * *",
                       "target_replicas": 3}],
    }
    assert spec(enabled=False).rule_bodies()[0]["disable"] is True


def test_rules_are_sorted_by_name_and_schedules_normalised():
    built = spec([cron_rule(2, name="zeta", schedule="0  9 * * *"), cron_rule(1, name="alpha")])
    assert [r.name for r in built.rules] == ["alpha", "zeta"]
    assert built.rules[1].schedule == "0 9 * * *"


@pytest.mark.parametrize("rule,field", [
    ({"name": "Bad_Name", "schedule": "0 8 * * *", "target_replicas": 1}, "rules[0].name"),
    ({"name": "abc", "schedule": "0 8 * * *", "target_replicas": 1}, "rules[0].name"),  # < 4 chars
    ({"name": "ends-", "schedule": "0 8 * * *", "target_replicas": 1}, "rules[0].name"),
    ({"name": "good", "schedule": "0 8 * * *", "target_replicas": 0}, "rules[0].target_replicas"),
    ({"name": "good", "schedule": "0 8 * * *", "target_replicas": 129}, "rules[0].target_replicas"),
    ({"name": "good", "schedule": "0 0 8 * * *", "target_replicas": 1}, "rules[0].schedule"),
    ({"name": "good", "schedule": "0 8 * * *", "target_replicas": 1, "min_replicas": 1}, "rules[0].min_replicas"),
])
def test_rule_limits(rule, field):
    assert field in [path for path, _ in errors_of(rules=[rule])]


def test_rule_set_limits():
    assert "at most 10 periodic" in errors_of(rules=[cron_rule(i) for i in range(11)])[0][1]
    assert len(spec([cron_rule(i) for i in range(10)]).rules) == 10
    assert "names must be unique" in errors_of(rules=[cron_rule(1), cron_rule(2, name="rule-01")])[0][1]
    assert "same periodic rule" in errors_of(rules=[cron_rule(1), cron_rule(1, name="other")])[0][1]
    metric = [cron_rule(1, type="METRIC_HPA"), cron_rule(2, type="METRIC_HPA")]
    assert "one rule per metric" in errors_of(rules=metric)[0][1]
    assert errors_of(rules=[])[0][0] == "rules"


def test_unknown_input_is_rejected():
    assert "nmae" in [path for path, _ in errors_of(nmae="x")]


def test_live_projection_tolerates_mixed_and_string_flags():
    live = {"id": "hpa-1", "workspace_id": "0", "hpa_rules": [
        {"name": "b-rule", "type": "CRON_HPA", "schedule": "0 9 * * *", "target_replicas": 2, "disable": "false"},
        {"name": "a-rule", "type": "CRON_HPA", "schedule": "0 8 * * *", "target_replicas": 1, "disable": "true"},
    ]}
    projected = ScalingRuleSpec.from_api("svc", "dep", LivePolicy.from_api(decoded(live)))
    assert [r.name for r in projected.rules] == ["a-rule", "b-rule"]
    assert projected.enabled is None  # mixed: neither enabled nor disabled
    all_off = {**live, "hpa_rules": [{**r, "disable": "true"} for r in live["hpa_rules"]]}
    assert ScalingRuleSpec.from_api("svc", "dep", LivePolicy.from_api(decoded(all_off))).enabled is False


@pytest.mark.parametrize("field, value, rule", [
    ("service_id", "  ", "must not be blank"),
    ("deployment_id", "", "at least 1 character"),
    ("deployment_id", "\t ", "must not be blank"),
    ("workspace_id", "   ", "must not be blank"),
    ("workspace_id", "w" * 65, "at most 64 characters"),
])
def test_ids_need_a_value(field, value, rule):
    found = dict(errors_of(**{field: value}))
    assert rule in found[field], found


def test_workspace_at_the_limit_passes():
    assert spec(workspace_id="w" * 64).workspace_id == "w" * 64


@pytest.mark.parametrize("rule,field,problem", [
    ({"name": "good", "type": "HRA", "schedule": "0 8 * * *", "target_replicas": 1}, "rules[0].type", "'CRON_HPA'"),
    ({"name": "good", "schedule": "   ", "target_replicas": 1}, "rules[0].schedule", "5 fields"),
    ({"name": "g" * 65, "schedule": "0 8 * * *", "target_replicas": 1}, "rules[0].name", "at most 64 characters"),
])
def test_rule_fields_name_the_rule(rule, field, problem):
    found = dict(errors_of(rules=[rule]))
    assert problem in found[field], found


def test_cron_refuses_whatever_the_api_refuses():
    # The emulator restates the documented API: every schedule it refuses must fail at preview.
    # (The model is stricter only about a dangling '-' or '/', e.g. '5-' or '5/', which is no cron.)
    import random

    from inference_iac.emulator.modelarts.state.scaling_rule import cron_problem

    atoms = [["*", "0", "5", "59", "60", "x"], ["*", "0", "12", "23", "24"], ["*", "1", "15", "31", "0", "32"],
             ["*", "1", "12", "JAN", "dec", "13", "FUN"], ["*", "0", "7", "MON", "fri", "SUN", "8", "FUN"]]

    def field(draw, choices):
        item = draw.choice(choices)
        roll = draw.random()
        if roll < 0.25:
            item += "-" + draw.choice(choices + [""])
        elif roll < 0.35:
            item += "/" + draw.choice(["0", "2", "15", "", "x"])
        if draw.random() < 0.2:
            item += "," + draw.choice(choices + [""])
        return item

    draw = random.Random(20240601)
    accepted = 0
    for _ in range(20000):
        expression = " ".join(field(draw, atoms[i % 5]) for i in range(draw.choice([4, 5, 5, 5, 5, 5, 6])))
        if cron_problem(expression) is not None:
            assert CRON.error(expression) is not None, expression
        else:
            accepted += 1
    assert accepted > 300  # the draw holds valid schedules too
