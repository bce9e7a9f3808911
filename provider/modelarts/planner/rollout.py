"""The shape of a rolling upgrade: how many replicas move at once and how many stay ready.

The platform rounds max surge up and max unavailable down (domain spec §3.1);
each wave replaces up to surge + unavailable replicas, and a replica of the new
version must pass its probes before the next wave starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.common import RollingUpdate


def _percent(value: str) -> int:
    return int(value.rstrip("%"))


@dataclass(frozen=True)
class RolloutShape:
    replicas: int
    surge: int
    unavailable: int

    @property
    def min_ready(self) -> int:
        return self.replicas - self.unavailable

    @property
    def waves(self) -> int:
        step = max(self.surge + self.unavailable, 1)
        return -(-self.replicas // step)

    def describe(self) -> str:
        return (f"{self.waves} wave(s) of up to {self.surge + self.unavailable} replica(s), "
                f"surge {self.surge}, at least {self.min_ready} of {self.replicas} ready throughout")


def rollout_shape(replicas: int, rolling: RollingUpdate) -> RolloutShape:
    surge = -(-replicas * _percent(rolling.max_surge) // 100)  # rounds up
    unavailable = replicas * _percent(rolling.max_unavailable) // 100  # rounds down
    return RolloutShape(replicas=replicas, surge=surge, unavailable=unavailable)
