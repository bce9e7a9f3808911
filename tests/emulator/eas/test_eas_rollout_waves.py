"""EAS rolling-update arithmetic (metadata.rolling_strategy), pure: counts, defaults, waves."""

from __future__ import annotations

import pytest

from inference_iac.emulator.core import rollout as simulation
from inference_iac.emulator.eas.state import rollout


@pytest.mark.parametrize("instances, strategy, expected", [
    (10, None, (1, 0)),                                   # default surge: 2%, at least 1
    (100, None, (2, 0)),
    (120, None, (3, 0)),                                  # 2.4 rounds up
    (4, {"max_surge": "25%"}, (1, 0)),
    (5, {"max_surge": "25%", "max_unavailable": "25%"}, (2, 1)),  # surge up, unavailable down
    (4, {"max_surge": 2, "max_unavailable": 1}, (2, 1)),
    (4, {"max_surge": "3"}, (3, 0)),
    (3, {"max_unavailable": 10}, (1, 3)),                 # never more than every instance
])
def test_counts(instances, strategy, expected):
    assert rollout.counts(instances, strategy) == expected


@pytest.mark.parametrize("value", [-1, "x", "101%", True, 1.5, None, "%"])
def test_invalid_amounts(value):
    assert rollout.parse_amount(value) is None


def test_no_progress_is_refused():
    with pytest.raises(simulation.NoProgressPossible):
        rollout.check_progress(4, {"max_surge": 0, "max_unavailable": "10%"})
    assert rollout.check_progress(0, {"max_surge": 0}) == (0, 0)


def test_one_surge_no_unavailable_replaces_one_instance_per_wave():
    steps = simulation.steps(4, 1, 0, 4, True)
    assert simulation.waves(4, 1, 0, 4) == 4 and steps[-1].done
    assert all(step.ready >= 4 for step in steps)                  # never below the count
    assert all(step.old_ready + step.new_ready + step.new_pending <= 5 for step in steps)
    assert [step.new_ready for step in steps] == [0, 1, 2, 3, 4]


def test_unavailable_only_replaces_in_place():
    steps = simulation.steps(4, 0, 1, 4, True)
    assert all(step.ready >= 3 for step in steps)
    assert all(step.old_ready + step.new_ready + step.new_pending <= 4 for step in steps)
    assert steps[-1].done and simulation.waves(4, 0, 1, 4) == 4


def test_a_big_surge_is_one_wave():
    assert simulation.waves(4, 4, 0, 4) == 1


def test_unhealthy_instances_level_off_with_the_old_ones_serving():
    steps = simulation.steps(2, 1, 0, 2, False)
    last = steps[-1]
    assert not last.done and last.old_ready == 2 and last.new_pending == 1


def test_the_snapshot_follows_the_clock():
    at = lambda elapsed: simulation.at(4, 1, 0, 4, elapsed, 0.2)  # noqa: E731
    assert at(0.0).new_ready == 0 and at(0.2).new_ready == 1 and at(0.6).new_ready == 3
    assert at(0.8).done and at(99).done
    assert simulation.at(4, 1, 0, 4, 0.0, 0.0).done                  # no delay: done at once
