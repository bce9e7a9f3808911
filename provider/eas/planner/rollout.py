"""The shape of a rolling update: how many instances move at once and how many stay ready.

EAS rounds a percentage of surge up and of unavailable down (Kubernetes' rule,
which EAS runs on); unset, surge is 2% of the instances and at least one
(eas-api.md 2.2), and unavailable is taken as 0 (the safe reading: the
documented default depends on the resource group).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.deployment import RollingStrategy

DEFAULT_SURGE_PERCENT = 2


def _amount(value: int | str | None, replicas: int, round_up: bool, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, int):
        return value
    percent = int(value.rstrip("%"))
    return -(-replicas * percent // 100) if round_up else replicas * percent // 100


@dataclass(frozen=True)
class RolloutShape:
    replicas: int
    surge: int
    unavailable: int

    @property
    def min_ready(self) -> int:
        return max(self.replicas - self.unavailable, 0)

    @property
    def waves(self) -> int:
        step = max(self.surge + self.unavailable, 1)
        return max(-(-self.replicas // step), 1)

    def describe(self) -> str:
        return (f"{self.waves} wave(s) of up to {self.surge + self.unavailable} instance(s), "
                f"surge {self.surge}, at least {self.min_ready} of {self.replicas} ready throughout")


def rollout_shape(replicas: int, strategy: RollingStrategy | None) -> RolloutShape:
    strategy = strategy or RollingStrategy()
    default_surge = max(1, -(-replicas * DEFAULT_SURGE_PERCENT // 100))
    surge = _amount(strategy.max_surge, replicas, True, default_surge)
    unavailable = _amount(strategy.max_unavailable, replicas, False, 0)
    return RolloutShape(replicas=replicas, surge=surge, unavailable=min(unavailable, replicas))
