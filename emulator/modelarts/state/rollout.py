"""ModelArts rolling upgrades: the upgrade policy's amounts (domain-spec 3.1 rounding) and the
waves they give (3.2 algorithm, `core.rollout`).

`upgrade_config.rolling_update.max_surge` and `max_unavailable` are percentage
strings of the deployment's replica count, 1% each when unset (the platform
default); surge rounds up, unavailable down. A ModelArts deployment always has
at least one replica, and a rollout starts by default from as many ready old
instances as the target count.
"""

from __future__ import annotations

from ...core import rollout as simulation
from ...core.rollout import PERCENT_RE, Snapshot

DEFAULT_PERCENT = "1%"


def percent(value: str | None) -> int:
    """'25%' -> 25; None -> the platform default (1%)."""
    match = PERCENT_RE.fullmatch(value or DEFAULT_PERCENT)
    if not match or int(match.group(1)) > 100:
        raise ValueError(f"not a percentage from 0% to 100%: {value!r}")
    return int(match.group(1))


def counts(replicas: int, surge_percent: int, unavailable_percent: int) -> tuple[int, int]:
    """(surge, unavailable) replica counts: surge rounds up, unavailable rounds down."""
    return (simulation.surge_of(replicas, surge_percent),
            simulation.unavailable_of(replicas, unavailable_percent))


def counts_from_config(replicas: int, upgrade_config: dict | None) -> tuple[int, int]:
    rolling = (upgrade_config or {}).get("rolling_update") or {}
    return counts(replicas, percent(rolling.get("max_surge")),
                  percent(rolling.get("max_unavailable")))


def initial_deploy_succeeded(replicas: int, unavailable: int, available: int) -> bool:
    """The first deploy is a success once at most `unavailable` replicas are missing."""
    return available >= replicas - unavailable


def waves(replicas: int, surge: int, unavailable: int, old: int | None = None) -> int:
    """How many waves (= ready_delay periods) a healthy rollout takes."""
    return simulation.waves(_at_least_one(replicas), surge, unavailable, _old(old, replicas))


def rollout_at(replicas: int, surge: int, unavailable: int, elapsed: float, ready_delay: float,
               old: int | None = None, healthy: bool = True) -> Snapshot:
    """The rollout `elapsed` seconds after it started.

    `old` is how many ready instances the previous version has (default: the
    target count). With `healthy=False` new instances never pass their probes:
    the rollout levels off (old ones kept down to min_available) and never ends.
    """
    return simulation.at(_at_least_one(replicas), surge, unavailable, _old(old, replicas),
                         elapsed, ready_delay, healthy)


def _at_least_one(replicas: int) -> int:
    if replicas < 1:
        raise ValueError("replicas must be >= 1")
    return replicas


def _old(old: int | None, replicas: int) -> int:
    return replicas if old is None else old
