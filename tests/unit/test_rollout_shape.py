"""Rolling-upgrade arithmetic, checked against the worked examples of the user guide."""

import pytest

from inference_iac.core.rollout import RolloutShape
from inference_iac.modelarts.models.common import RollingUpdate, rollout_shape


@pytest.mark.parametrize(
    "replicas,surge,unavailable,want_surge,want_unavailable,want_min_ready,want_waves",
    [
        (4, "1%", "0%", 1, 0, 4, 4),  # one new instance at a time, all four stay
        (2, "100%", "0%", 2, 0, 2, 1),  # two new instances at once
        (4, "1%", "1%", 1, 0, 4, 4),  # 1% unavailable rounds down to zero
        (2, "1%", "50%", 1, 1, 1, 1),  # one old instance may go at once
        (5, "1%", "20%", 1, 1, 4, 3),
        (10, "25%", "25%", 3, 2, 8, 2),
    ],
)
def test_shape(replicas, surge, unavailable, want_surge, want_unavailable, want_min_ready, want_waves):
    shape = rollout_shape(replicas, RollingUpdate(max_surge=surge, max_unavailable=unavailable))
    assert (shape.surge, shape.unavailable, shape.min_ready, shape.waves) == (
        want_surge, want_unavailable, want_min_ready, want_waves)


def test_description_names_the_guarantee():
    shape = rollout_shape(3, RollingUpdate(max_surge="34%", max_unavailable="0%"))
    assert shape.describe() == "2 wave(s) of up to 2 replica(s), surge 2, at least 3 of 3 ready throughout"


def test_the_wave_follows_the_new_replicas_ready():
    shape = RolloutShape(replicas=5, surge=1, unavailable=1)  # 3 waves of up to 2
    assert [shape.wave_of(ready) for ready in (0, 1, 2, 4, 5, 9)] == [1, 1, 2, 3, 3, 3]


def test_each_platform_names_its_replicas_in_the_plan_line():
    assert "up to 2 instance(s)" in RolloutShape(replicas=4, surge=2, unavailable=0, unit="instance").describe()
