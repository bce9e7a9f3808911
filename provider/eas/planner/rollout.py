"""The shape of a PAI-EAS rolling update (`core.rollout`), from its rolling strategy.

EAS rounds a percentage of surge up and of unavailable down (Kubernetes' rule,
which EAS runs on); unset, surge is 2% of the instances and at least one
(eas-api.md 2.2), and unavailable is taken as 0 (the safe reading: the
documented default depends on the resource group). Either may also be a count.
"""

from __future__ import annotations

from typing import Callable

from ...core.rollout import RolloutShape, surge_of, unavailable_of
from ..models.deployment import RollingStrategy

DEFAULT_SURGE_PERCENT = 2


def _amount(value: int | str | None, replicas: int, of_percent: Callable[[int, int], int], default: int) -> int:
    if value is None:
        return default
    if isinstance(value, int):
        return value
    return of_percent(replicas, int(value.rstrip("%")))


def rollout_shape(replicas: int, strategy: RollingStrategy | None) -> RolloutShape:
    strategy = strategy or RollingStrategy()
    default_surge = max(1, surge_of(replicas, DEFAULT_SURGE_PERCENT))
    surge = _amount(strategy.max_surge, replicas, surge_of, default_surge)
    unavailable = _amount(strategy.max_unavailable, replicas, unavailable_of, 0)
    return RolloutShape(replicas=replicas, surge=surge, unavailable=min(unavailable, replicas), unit="instance")
