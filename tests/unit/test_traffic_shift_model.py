"""TrafficShift inputs: steps strictly increasing percentages, bake and gate ranges, two distinct deployments."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from inference_iac.core.spec import describe_errors
from inference_iac.core.traffic_shift.model import MAX_STEPS
from inference_iac.modelarts.models.traffic_shift import TrafficShiftSpec


def spec(**overrides):
    return TrafficShiftSpec.model_validate({"service_id": "svc", "stable_deployment_id": "stable",
                                            "canary_deployment_id": "canary", "steps": [10, 50, 100], **overrides})


def errors_of(**overrides):
    with pytest.raises(ValidationError) as caught:
        spec(**overrides)
    return describe_errors(caught.value)


def test_defaults():
    made = spec()
    assert (made.bake_seconds, made.max_unhealthy_instances, made.require_running, made.fail_on_events) == (
        0, 0, True, True)
    assert made.body()["steps"] == [10, 50, 100]


@pytest.mark.parametrize("steps, problem", [
    ([10, 10, 100], "strictly increasing, but 10 follows 10"),
    ([50, 10], "strictly increasing, but 10 follows 50"),
])
def test_steps_must_increase(steps, problem):
    [(path, rule)] = errors_of(steps=steps)
    assert path == "steps" and problem in rule


@pytest.mark.parametrize("steps, path", [([-1, 100], "steps[0]"), ([10, 101], "steps[1]")])
def test_each_step_is_a_percentage(steps, path):
    assert [p for p, _ in errors_of(steps=steps)] == [path]


def test_steps_count_bounds():
    assert errors_of(steps=[])[0][0] == "steps"
    assert errors_of(steps=list(range(MAX_STEPS + 1)))[0][0] == "steps"
    assert spec(steps=[0, 100]).steps == [0, 100]


@pytest.mark.parametrize("field, value", [("bake_seconds", -1), ("max_unhealthy_instances", -1),
                                          ("bake_seconds", 86401)])
def test_bake_and_gate_ranges(field, value):
    assert [p for p, _ in errors_of(**{field: value})] == [field]


def test_canary_and_stable_must_differ():
    [(path, rule)] = errors_of(canary_deployment_id="stable")
    assert path == "canary_deployment_id" and "must differ" in rule


def test_unknown_fields_rejected():
    assert errors_of(step=[10])[0][0] == "step"


@pytest.mark.parametrize("field", ["service_id", "stable_deployment_id", "canary_deployment_id"])
def test_ids_must_not_be_blank(field):
    [(path, rule)] = errors_of(**{field: "   "})
    assert path == field and "must not be blank" in rule
