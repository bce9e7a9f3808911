"""A polling loop with a deadline and growing intervals."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, TypeVar

T = TypeVar("T")


class WaitTimeout(Exception):
    """The resource did not reach the wanted state before its deadline."""


class WaitFailed(Exception):
    """The resource reached a state it cannot recover from on its own."""


@dataclass(frozen=True)
class Backoff:
    first: float = 0.25
    factor: float = 1.5
    cap: float = 5.0

    def intervals(self):
        interval = self.first
        while True:
            yield interval
            interval = min(interval * self.factor, self.cap)


def poll_until(
    probe: Callable[[], T],
    done: Callable[[T], bool],
    describe: Callable[[T], str],
    timeout_seconds: float,
    backoff: Backoff = Backoff(),
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call `probe` until `done(result)`; `probe` raises WaitFailed for dead ends."""
    deadline = clock() + timeout_seconds
    for interval in backoff.intervals():
        result = probe()
        if done(result):
            return result
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout(f"gave up after {timeout_seconds:.0f}s: {describe(result)}")
        sleep(min(interval, remaining))
    raise AssertionError("unreachable")
