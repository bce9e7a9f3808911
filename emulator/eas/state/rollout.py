"""EAS rolling updates (`metadata.rolling_strategy`), computed exactly; pure, no clock.

`max_surge` and `max_unavailable` are a whole number of instances or a
percentage string ("25%") of `metadata.instance`. A percentage of surge
rounds up, of unavailable down (Kubernetes' rule, which EAS runs on). The
defaults are EAS's documented ones: surge 2% of the instances and at least 1;
unavailable 0 (the documented default depends on the resource group and the
service's age; 0 is the conservative choice, marked [INFERRED] in the notes).

The rollout is simulated in discrete steps one `ready_delay` apart (the time a
new instance needs to pass its readiness probe). Each step does what a
RollingUpdate controller does on a sync: promote the instances created at an
earlier step to ready; remove old instances while enough stay available
(ready - 1 >= instances - unavailable); create new ones up to the surge. A
wave is a step that created instances. With unhealthy new instances the
rollout levels off (held back) and never completes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_SURGE_PERCENT = 2
PERCENT_RE = re.compile(r"\s*(\d{1,3})\s*%\s*")
_MAX_STEPS = 10_000


class NoProgressPossible(ValueError):
    """Both surge and unavailable come to 0: no instance could ever be replaced."""


@dataclass(frozen=True)
class Snapshot:
    old_ready: int
    new_ready: int
    new_pending: int
    done: bool
    wave: int  # waves started so far (0 before the first creation)

    @property
    def ready(self) -> int:
        return self.old_ready + self.new_ready


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
        surge = max(1, -(-instances * DEFAULT_SURGE_PERCENT // 100))
    elif surge_spec[0] == "percent":
        surge = -(-instances * surge_spec[1] // 100)
    else:
        surge = surge_spec[1]
    if unavailable_spec is None:
        unavailable = 0
    elif unavailable_spec[0] == "percent":
        unavailable = instances * unavailable_spec[1] // 100
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


def waves(instances: int, surge: int, unavailable: int, old: int) -> int:
    """How many waves (= ready_delay periods) a healthy rollout takes."""
    return steps(instances, surge, unavailable, old, True)[-1].wave


def at(instances: int, surge: int, unavailable: int, old: int, elapsed: float,
       ready_delay: float, healthy: bool = True) -> Snapshot:
    """The rollout `elapsed` seconds after it started."""
    found = steps(instances, surge, unavailable, old, healthy)
    return found[min(step_index(elapsed, ready_delay, len(found)), len(found) - 1)]


def step_index(elapsed: float, ready_delay: float, count: int) -> int:
    if ready_delay <= 0:
        return count - 1
    # The epsilon keeps 0.6 / 0.2 from landing on step 2.999...
    return math.floor(max(elapsed, 0.0) / ready_delay + 1e-9)


@lru_cache(maxsize=1024)
def steps(instances: int, surge: int, unavailable: int, old: int,
          healthy: bool) -> tuple[Snapshot, ...]:
    """The state after each step; the last one is final (done, or levelled off)."""
    if instances < 0 or surge < 0 or unavailable < 0 or old < 0:
        raise ValueError("counts must be >= 0")
    if instances == 0:
        return (Snapshot(0, 0, 0, True, 0),)
    if surge == 0 and unavailable == 0:
        raise NoProgressPossible(f"max_surge and max_unavailable both come to 0 of {instances}")
    min_available, max_total = instances - unavailable, instances + surge
    old_ready, new_ready, pending, wave = old, 0, 0, 0
    found: list[Snapshot] = []
    for _ in range(_MAX_STEPS):
        if healthy:
            new_ready, pending = new_ready + pending, 0
        while old_ready and old_ready + new_ready - 1 >= min_available:
            old_ready -= 1
        create = min(instances - new_ready - pending,
                     max_total - old_ready - new_ready - pending)
        if create > 0:
            pending, wave = pending + create, wave + 1
        done = new_ready == instances and old_ready == 0
        snapshot = Snapshot(old_ready, new_ready, pending, done, wave)
        if found and snapshot == found[-1]:  # levelled off: nothing changes any more
            return tuple(found)
        found.append(snapshot)
        if done:
            return tuple(found)
    raise RuntimeError("rollout simulation did not settle")  # pragma: no cover
