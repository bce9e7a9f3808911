"""The shape of a ModelArts rolling upgrade (`core.rollout`), from its percentages.

The platform rounds max surge up and max unavailable down (domain spec §3.1).
"""

from __future__ import annotations

from ...core.rollout import RolloutShape, surge_of, unavailable_of
from ..models.common import RollingUpdate


def _percent(value: str) -> int:
    return int(value.rstrip("%"))


def rollout_shape(replicas: int, rolling: RollingUpdate) -> RolloutShape:
    return RolloutShape(replicas=replicas, surge=surge_of(replicas, _percent(rolling.max_surge)),
                        unavailable=unavailable_of(replicas, _percent(rolling.max_unavailable)))
