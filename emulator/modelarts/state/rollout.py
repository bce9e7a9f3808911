"""Rolling-upgrade waves, computed exactly (domain-spec 3.1 rounding, 3.2 algorithm).

Pure functions, no I/O and no clock: the deployment state stores when a
rollout started and asks `rollout_at` what it looks like now.

The rollout is simulated in discrete steps, one `ready_delay` apart (the time a
new instance needs to pass its startup/readiness probes). Step k does, in
order, what a Kubernetes RollingUpdate controller does on each sync:

1. promote new instances created at an earlier step to ready;
2. remove old instances while (old_ready + new_ready - 1) >= min_available;
3. create new (pending) instances up to min(N - new_total, max_total - total).

It is done when N new instances are ready and no old one is left. A wave is a
step that created instances; the rollout finishes exactly at step `waves`, so
its duration is waves * ready_delay.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_PERCENT = "1%"
_PERCENT_RE = re.compile(r"\s*(\d{1,3})\s*%\s*")
# A rollout whose new instances never get ready levels off within a few steps;
# this only bounds the loop for absurd inputs.
_MAX_STEPS = 10_000


class NoProgressPossible(ValueError):
    """Both surge and unavailable round to 0: no instance could ever be replaced."""


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

    @property
    def total(self) -> int:
        return self.old_ready + self.new_ready + self.new_pending


def percent(value: str | None) -> int:
    """'25%' -> 25; None -> the platform default (1%)."""
    match = _PERCENT_RE.fullmatch(value or DEFAULT_PERCENT)
    if not match or int(match.group(1)) > 100:
        raise ValueError(f"not a percentage from 0% to 100%: {value!r}")
    return int(match.group(1))


def counts(replicas: int, surge_percent: int, unavailable_percent: int) -> tuple[int, int]:
    """(surge, unavailable) replica counts: surge rounds up, unavailable rounds down.

    Integer arithmetic on purpose: ceil(4 * 25 / 100) must be exactly 1.
    """
    surge = -(-replicas * surge_percent // 100)
    unavailable = replicas * unavailable_percent // 100
    return surge, unavailable


def counts_from_config(replicas: int, upgrade_config: dict | None) -> tuple[int, int]:
    rolling = (upgrade_config or {}).get("rolling_update") or {}
    return counts(replicas, percent(rolling.get("max_surge")),
                  percent(rolling.get("max_unavailable")))


def initial_deploy_succeeded(replicas: int, unavailable: int, available: int) -> bool:
    """The first deploy is a success once at most `unavailable` replicas are missing."""
    return available >= replicas - unavailable


def waves(replicas: int, surge: int, unavailable: int, old: int | None = None) -> int:
    """How many waves (= ready_delay periods) a healthy rollout takes."""
    return _steps(replicas, surge, unavailable, _old(old, replicas), True)[-1].wave


def rollout_at(replicas: int, surge: int, unavailable: int, elapsed: float, ready_delay: float,
               old: int | None = None, healthy: bool = True) -> Snapshot:
    """The rollout `elapsed` seconds after it started.

    `old` is how many ready instances the previous version has (default: the
    target count). With `healthy=False` new instances never pass their probes:
    the rollout levels off (old ones kept down to min_available) and never ends.
    """
    steps = _steps(replicas, surge, unavailable, _old(old, replicas), healthy)
    if ready_delay <= 0:
        index = len(steps) - 1
    else:
        # The epsilon keeps 0.6 / 0.3 from landing on step 1.999...
        index = math.floor(max(elapsed, 0.0) / ready_delay + 1e-9)
    return steps[min(index, len(steps) - 1)]


# ----- simulation ----------------------------------------------------------------------------

def _old(old: int | None, replicas: int) -> int:
    return replicas if old is None else old


@lru_cache(maxsize=1024)
def _steps(replicas: int, surge: int, unavailable: int, old: int,
           healthy: bool) -> tuple[Snapshot, ...]:
    """The state after each step; the last one is final (done, or levelled off)."""
    if replicas < 1 or surge < 0 or unavailable < 0 or old < 0:
        raise ValueError("replicas must be >= 1, the other counts >= 0")
    if surge == 0 and unavailable == 0:
        raise NoProgressPossible(
            f"max surge and max unavailable both round to 0 replicas for {replicas} replica(s)")
    min_available, max_total = replicas - unavailable, replicas + surge
    old_ready, new_ready, pending, wave = old, 0, 0, 0
    found: list[Snapshot] = []
    for _ in range(_MAX_STEPS):
        if healthy:
            new_ready, pending = new_ready + pending, 0
        while old_ready and old_ready + new_ready - 1 >= min_available:
            old_ready -= 1
        create = min(replicas - new_ready - pending, max_total - old_ready - new_ready - pending)
        if create > 0:
            pending, wave = pending + create, wave + 1
        done = new_ready == replicas and old_ready == 0
        snapshot = Snapshot(old_ready, new_ready, pending, done, wave)
        if found and snapshot == found[-1]:  # levelled off: nothing will change any more
            return tuple(found)
        found.append(snapshot)
        if done:
            return tuple(found)
    raise RuntimeError("rollout simulation did not settle")  # pragma: no cover
