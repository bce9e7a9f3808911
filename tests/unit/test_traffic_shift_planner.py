"""TrafficShift planning: the resume rule, the starting weights a failed gate restores, the preview plan."""

from __future__ import annotations

import pytest

from inference_iac.modelarts.models.traffic_shift import TrafficShiftSpec
from inference_iac.core.plan import Action
from inference_iac.core.traffic_shift.planner import (
    NO_CANARY,
    PROMOTED,
    ROLLED_BACK,
    SHIFTING,
    Weights,
    current_step,
    plan_traffic_shift,
    plan_walk,
    shift_status,
    starting_weights,
)

STEPS = [10, 50, 100]


def spec(**overrides):
    return TrafficShiftSpec.model_validate({"service_id": "svc", "stable_deployment_id": "stable",
                                            "canary_deployment_id": "canary", "steps": STEPS, **overrides})


def test_fresh_weights_walk_every_step():
    walk = plan_walk(STEPS, Weights(0, 100))
    assert (walk.first, walk.resumed) == (0, False)
    assert walk.remaining() == [(1, 10), (2, 50), (3, 100)]


@pytest.mark.parametrize("live, first", [(Weights(10, 90), 0), (Weights(50, 50), 1), (Weights(100, 0), 2)])
def test_live_weights_of_a_step_resume_at_that_step(live, first):
    walk = plan_walk(STEPS, live)
    assert (walk.first, walk.resumed) == (first, True)
    assert walk.remaining()[0] == (first + 1, STEPS[first])


@pytest.mark.parametrize("live", [Weights(10, 100), Weights(50, 40), Weights(30, 70), Weights(0, 0)])
def test_weights_that_are_no_step_start_over(live):
    # Both weights must match: a half-applied step (canary set, stable not yet) starts over.
    assert plan_walk(STEPS, live).first == 0 and not plan_walk(STEPS, live).resumed


def test_starting_weights():
    fresh = plan_walk(STEPS, Weights(0, 100))
    resumed = plan_walk(STEPS, Weights(50, 50))
    # A create starting fresh remembers the live weights...
    assert starting_weights(Weights(3, 97), None, plan_walk(STEPS, Weights(3, 97))) == Weights(3, 97)
    assert starting_weights(Weights(0, 100), None, fresh) == Weights(0, 100)
    # ...a create resuming a dead create falls back to no canary traffic...
    assert starting_weights(Weights(50, 50), None, resumed) == NO_CANARY
    # ...and an update uses what the state recorded, even when it resumes.
    assert starting_weights(Weights(50, 50), Weights(20, 80), resumed) == Weights(20, 80)


def test_status_and_current_step():
    assert (shift_status(STEPS, Weights(100, 0)), current_step(STEPS, Weights(100, 0))) == (PROMOTED, 3)
    assert (shift_status(STEPS, Weights(50, 50)), current_step(STEPS, Weights(50, 50))) == (SHIFTING, 2)
    assert (shift_status(STEPS, Weights(0, 100)), current_step(STEPS, Weights(0, 100))) == (ROLLED_BACK, 0)


def test_promoted_and_unchanged_is_noop():
    assert plan_traffic_shift(spec(), spec(), Weights(100, 0)).action is Action.NOOP


def test_weights_short_of_the_last_step_plan_a_traffic_shift():
    plan = plan_traffic_shift(spec(), spec(), Weights(0, 100))
    assert plan.action is Action.TRAFFIC
    assert [(c.path, c.old, c.new) for c in plan.changes] == [("canary_weight", 0, 100), ("stable_weight", 100, 0)]
    assert "3 step(s): 10, 50, 100" in plan.summary()


def test_preview_names_the_step_it_resumes_at():
    assert "step 2/3: the shift resumes there" in plan_traffic_shift(spec(), spec(), Weights(50, 50)).summary()


def test_gate_settings_update_in_place_without_a_walk():
    plan = plan_traffic_shift(spec(bake_seconds=30, steps=[25, 100]), spec(), Weights(100, 0))
    assert plan.action is Action.UPDATE
    assert sorted(c.path for c in plan.changes) == ["bake_seconds", "steps"]


@pytest.mark.parametrize("field", ["service_id", "stable_deployment_id", "canary_deployment_id"])
def test_other_deployments_replace(field):
    plan = plan_traffic_shift(spec(**{field: "other"}), spec(), Weights(100, 0))
    assert plan.replace_fields == [field]


def test_no_recorded_inputs_compares_weights_only():
    assert plan_traffic_shift(spec(), None, Weights(100, 0)).action is Action.NOOP
