"""Rolling updates as a Kubernetes RollingUpdate controller runs them, simulated exactly.

Pure functions, no I/O and no clock: a plug-in's state stores when a rollout
started and asks `at` what it looks like now. How an API spells its surge and
unavailable amounts, and their defaults, are the plug-in's (`<api>/state/rollout.py`);
the rounding and the steps are the same on every platform built on Kubernetes:

- a percentage of surge rounds up, of unavailable down (integer arithmetic on
  purpose: ceil(4 * 25 / 100) must be exactly 1);
- the rollout is simulated in discrete steps one `ready_delay` apart (the time
  a new instance needs to pass its readiness probe). Each step does, in order,
  what the controller does on a sync: promote the new instances created at an
  earlier step to ready; remove old instances while
  (old_ready + new_ready - 1) >= min_available; create new (pending) ones up
  to min(N - new_total, max_total - total).

It is done when N new instances are ready and no old one is left. A wave is a
step that created instances; a healthy rollout finishes exactly at step
`waves`, so it lasts waves * ready_delay. When new instances never get ready
the rollout levels off (old ones kept down to min_available) and never ends.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

PERCENT_RE = re.compile(r"\s*(\d{1,3})\s*%\s*")
# A rollout whose new instances never get ready levels off within a few steps;
# this only bounds the loop for absurd inputs.
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

    @property
    def total(self) -> int:
        return self.old_ready + self.new_ready + self.new_pending


def surge_of(instances: int, percent: int) -> int:
    """A percentage of surge as instances: rounded up."""
    return -(-instances * percent // 100)


def unavailable_of(instances: int, percent: int) -> int:
    """A percentage of unavailable as instances: rounded down."""
    return instances * percent // 100


def waves(instances: int, surge: int, unavailable: int, old: int) -> int:
    """How many waves (= ready_delay periods) a healthy rollout takes."""
    return steps(instances, surge, unavailable, old, True)[-1].wave


def at(instances: int, surge: int, unavailable: int, old: int, elapsed: float,
       ready_delay: float, healthy: bool = True) -> Snapshot:
    """The rollout `elapsed` seconds after it started, from `old` ready old instances."""
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
        raise NoProgressPossible(f"max surge and max unavailable both come to 0 of {instances} "
                                 "instance(s)")
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
