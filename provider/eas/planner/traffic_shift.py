"""The order PAI-EAS takes a traffic shift's weights in; the rest of the planning is every cloud's
(`core.traffic_shift.planner`)."""

from __future__ import annotations

from ...core.traffic_shift.planner import Weights


def weight_order(current: Weights, target: Weights) -> list[tuple[str, int]]:
    """The ReleaseService calls that move `current` to `target`: the canary is raised before the stable
    deployment is lowered, so the group never has less than its total weight on the way up; on the
    way back the stable one is raised first for the same reason."""
    calls = [("canary", target.canary), ("stable", target.stable)]
    if target.canary < current.canary:
        calls.reverse()
    return [(role, weight) for role, weight in calls if getattr(current, role) != weight]
