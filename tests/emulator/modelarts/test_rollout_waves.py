"""The rolling-upgrade wave plan (emulator.state.rollout), without HTTP or clock."""

from __future__ import annotations

import itertools

import pytest

from inference_iac.emulator.core.rollout import NoProgressPossible
from inference_iac.emulator.modelarts.state.rollout import (
    counts,
    counts_from_config,
    initial_deploy_succeeded,
    percent,
    rollout_at,
    waves,
)

PERCENTS = (0, 1, 10, 20, 25, 33, 50, 75, 99, 100)
CASES = [(n, s, u) for n, s, u in itertools.product(range(1, 41), PERCENTS, PERCENTS)
         if sum(counts(n, s, u)) >= 1]


def every_step(n, surge, unavailable, old=None, healthy=True, extra=3):
    """Snapshots at each step of a healthy plan, plus a few steps past its end."""
    last = waves(n, surge, unavailable, old) if healthy else 10
    return [rollout_at(n, surge, unavailable, step, 1.0, old=old, healthy=healthy)
            for step in range(last + extra)]


# ----- the guide's worked examples (domain-spec 3.1) ---------------------------------------

def test_rounding_examples_from_the_guide():
    assert counts(4, 1, 0) == (1, 0)      # 4 @ 1 % surge -> one new instance at a time
    assert counts(2, 100, 0) == (2, 0)    # 2 @ 100 % surge -> two at once
    assert counts(4, 0, 1) == (0, 0)      # 4 @ 1 % unavailable -> all four stay available
    assert counts(2, 0, 50) == (0, 1)     # 2 @ 50 % unavailable -> one can go at once
    assert counts(5, 0, 20) == (0, 1)
    assert initial_deploy_succeeded(5, 1, available=4)       # 5 @ 20 %: 4 healthy is enough
    assert not initial_deploy_succeeded(5, 1, available=3)


def test_four_replicas_at_one_percent_surge_go_one_at_a_time():
    steps = every_step(4, 1, 0)
    assert [s.new_pending for s in steps if not s.done] == [1, 1, 1, 1]
    assert all(s.ready >= 4 for s in steps)                   # 1 % unavailable -> 0 may go
    assert waves(4, 1, 0) == 4


def test_two_replicas_at_full_surge_are_replaced_in_one_wave():
    first, second = every_step(2, 2, 0)[:2]
    assert (first.old_ready, first.new_pending) == (2, 2)
    assert second.done and waves(2, 2, 0) == 1


def test_two_replicas_at_half_unavailable_lose_one_at_once():
    first = rollout_at(2, 0, 1, 0.0, 1.0)
    assert (first.old_ready, first.new_pending) == (1, 1)    # one old removed at once, one kept


def test_timing_is_waves_times_ready_delay():
    n, surge, unavailable = 10, 3, 0
    total = waves(n, surge, unavailable) * 0.5
    assert not rollout_at(n, surge, unavailable, total - 0.01, 0.5).done
    assert rollout_at(n, surge, unavailable, total, 0.5).done
    assert rollout_at(n, surge, unavailable, 0.0, 0.0).done   # no delay: done at once


# ----- invariants over many N / surge / unavailable -----------------------------------------

@pytest.mark.parametrize("old", [None, 0, 1, 7])
def test_invariants_hold_for_every_policy(old):
    for n, s, u in CASES:
        surge, unavailable = counts(n, s, u)
        start = n if old is None else old
        steps = every_step(n, surge, unavailable, old)
        plan = waves(n, surge, unavailable, old)
        for step in steps:
            # Never more than N + surge instances, never fewer ready than the old side
            # and the policy allow together.
            assert step.total <= max(n + surge, start), (n, s, u, step)
            assert step.ready >= min(n - unavailable, start), (n, s, u, step)
        assert steps[plan].done and not any(x.done for x in steps[:plan]), (n, s, u)
        assert steps[-1] == steps[plan]                       # stays done
        assert (steps[plan].new_ready, steps[plan].old_ready) == (n, 0)
        assert steps[plan].wave == plan


def test_new_instances_that_never_get_ready_leave_min_available_old_ones_serving():
    for n, s, u in CASES:
        surge, unavailable = counts(n, s, u)
        steps = every_step(n, surge, unavailable, healthy=False)
        assert not any(step.done or step.new_ready for step in steps)
        assert steps[-1].old_ready == n - unavailable, (n, s, u)
        assert all(step.total <= n + surge for step in steps)


def test_no_progress_policy_is_refused():
    with pytest.raises(NoProgressPossible):
        waves(4, 0, 0)
    with pytest.raises(NoProgressPossible):
        rollout_at(4, 0, 0, 1.0, 1.0)


def test_percentages_and_defaults():
    assert percent("25%") == 25 and percent("0%") == 0 and percent(None) == 1
    with pytest.raises(ValueError):
        percent("101%")
    assert counts_from_config(4, None) == (1, 0)              # platform default 1 % / 1 %
    assert counts_from_config(4, {"rolling_update": {"max_surge": "25%",
                                                     "max_unavailable": "50%"}}) == (1, 2)
    assert counts(3, 33, 0) == (1, 0) and counts(100, 1, 1) == (1, 1)
