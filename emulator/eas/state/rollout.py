"""EAS rolling updates (`metadata.rolling_strategy`): the amounts and their defaults; the
waves they give are `core.rollout`'s. Pure, no clock.

`max_surge` and `max_unavailable` are a whole number of instances or a
percentage string ("25%") of `metadata.instance`. A percentage of surge
rounds up, of unavailable down (Kubernetes' rule, which EAS runs on). The
defaults are EAS's documented ones: surge 2% of the instances and at least 1;
unavailable 0 (the documented default depends on the resource group and the
service's age; 0 is the conservative choice, marked [INFERRED] in the notes).

The rollout is simulated in discrete steps one `ready_delay` apart; a wave is
a step that created instances. With unhealthy new instances the rollout
levels off (held back) and never completes.
"""

from __future__ import annotations

from ...core.rollout import PERCENT_RE, NoProgressPossible, surge_of, unavailable_of

DEFAULT_SURGE_PERCENT = 2


def parse_amount(value) -> tuple[str, int] | None:
    """('count', n) or ('percent', p) for a valid max_surge/max_unavailable; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return ("count", value) if value >= 0 else None
    if isinstance(value, str):
        match = PERCENT_RE.fullmatch(value)
        if match and int(match.group(1)) <= 100:
            return ("percent", int(match.group(1)))
        if value.strip().isdigit():
            return ("count", int(value.strip()))
    return None


def counts(instances: int, strategy: dict | None) -> tuple[int, int]:
    """(surge, unavailable) instance counts for `instances` under a rolling_strategy."""
    strategy = strategy or {}
    surge_spec = parse_amount(strategy.get("max_surge")) if "max_surge" in strategy else None
    unavailable_spec = (parse_amount(strategy.get("max_unavailable"))
                        if "max_unavailable" in strategy else None)
    if surge_spec is None:
        surge = max(1, surge_of(instances, DEFAULT_SURGE_PERCENT))
    elif surge_spec[0] == "percent":
        surge = surge_of(instances, surge_spec[1])
    else:
        surge = surge_spec[1]
    if unavailable_spec is None:
        unavailable = 0
    elif unavailable_spec[0] == "percent":
        unavailable = unavailable_of(instances, unavailable_spec[1])
    else:
        unavailable = unavailable_spec[1]
    return surge, min(unavailable, instances)


def check_progress(instances: int, strategy: dict | None) -> tuple[int, int]:
    surge, unavailable = counts(instances, strategy)
    if instances > 0 and surge == 0 and unavailable == 0:
        raise NoProgressPossible(
            f"max_surge and max_unavailable both come to 0 of {instances} instance(s); a rolling "
            "update could never replace an instance")
    return surge, unavailable
