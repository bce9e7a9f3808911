"""The shape of a rolling update: how many replicas move at once, how many stay ready, which wave is on.

Both platforms follow Kubernetes' rule: a percentage of surge rounds up and
one of unavailable rounds down; each wave replaces up to surge + unavailable
replicas, and a new one must pass its probes before the next wave starts. A
cloud's planner turns its API's rolling settings into a `RolloutShape`.
"""

from __future__ import annotations

from dataclasses import dataclass


def surge_of(replicas: int, percent: int) -> int:
    """`percent` of `replicas`, rounded up."""
    return -(-replicas * percent // 100)


def unavailable_of(replicas: int, percent: int) -> int:
    """`percent` of `replicas`, rounded down."""
    return replicas * percent // 100


@dataclass(frozen=True)
class RolloutShape:
    replicas: int
    surge: int
    unavailable: int
    unit: str = "replica"  # what the platform calls one of them, for the plan line

    @property
    def per_wave(self) -> int:
        return max(self.surge + self.unavailable, 1)

    @property
    def min_ready(self) -> int:
        return max(self.replicas - self.unavailable, 0)

    @property
    def waves(self) -> int:
        return max(-(-self.replicas // self.per_wave), 1)

    def wave_of(self, ready: int) -> int:
        """The wave a rollout is in while `ready` replicas of the new version serve."""
        return min(self.waves, ready // self.per_wave + 1)

    def describe(self) -> str:
        return (f"{self.waves} wave(s) of up to {self.surge + self.unavailable} {self.unit}(s), "
                f"surge {self.surge}, at least {self.min_ready} of {self.replicas} ready throughout")
