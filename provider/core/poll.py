"""A polling loop with a deadline, growing intervals and periodic progress reports."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, TypeVar

from .errors import ReportedError

if TYPE_CHECKING:
    from .progress import Reporter

T = TypeVar("T")


class WaitTimeout(ReportedError):
    """The resource did not reach the wanted state before its deadline."""


class WaitFailed(ReportedError):
    """The resource reached a state it cannot recover from on its own."""


@dataclass(frozen=True)
class Backoff:
    """Polls that thin out as a wait grows: 1, 1, 2, 2, 3, 3, ... seconds, at most `cap`.

    A platform change takes seconds to minutes, so the first polls come soon
    (a quick change is seen quickly) and later ones slowly (a 20-minute
    rollout costs about a hundred reads, not thousands). Two polls per step
    keep the overshoot past the moment a resource becomes ready small.
    """

    first: float = 1.0
    step: float = 1.0
    cap: float = 15.0

    def intervals(self) -> Iterator[float]:
        interval = self.first
        while True:
            yield interval
            yield interval
            interval = min(interval + self.step, self.cap)


@dataclass
class Clock:
    """Time as the loop sees it; tests replace both functions."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


# Set by tests and benchmarks that replay recorded responses: no real sleeping.
DEFAULT_CLOCK = Clock()

# (latest probe result, seconds since the wait began) -> None
ProgressHook = Callable[[T, float], None]


def poll_until(
    probe: Callable[[], T],
    done: Callable[[T], bool],
    describe: Callable[[T], str],
    timeout_seconds: float,
    backoff: Backoff = Backoff(),
    clock: Clock | None = None,
    on_progress: ProgressHook | None = None,
    progress_every: float = 15.0,
    on_done: ProgressHook | None = None,
    first: T | None = None,
) -> T:
    """Call `probe` until `done(result)`; `probe` raises WaitFailed for dead ends.

    `first`: the state as an answer just showed it (a create's, say), so the
    wait starts with a pause instead of reading what it already knows.

    `on_progress` is called at most every `progress_every` seconds while the
    wait goes on, so a long wait shows signs of life; `on_done` once at the end
    of a wait that reported progress, so its last line is not a stale one.
    """
    clock = clock or DEFAULT_CLOCK
    started = clock.now()
    deadline = started + timeout_seconds
    last_report = started
    reported = False
    known = first
    for interval in backoff.intervals():
        result, known = (probe() if known is None else known), None
        if done(result):
            if reported and on_done is not None:
                on_done(result, clock.now() - started)
            return result
        now = clock.now()
        if on_progress is not None and now - last_report >= progress_every:
            on_progress(result, now - started)
            last_report, reported = now, True
        remaining = deadline - now
        if remaining <= 0:
            raise WaitTimeout(f"gave up after {timeout_seconds:.0f}s: {describe(result)}")
        clock.sleep(min(interval, remaining))
    raise AssertionError("unreachable")


@dataclass
class Waits:
    """How a reconciler waits: its deadline, whom it reports to, and its clock."""

    timeout_seconds: float = 1200.0
    reporter: "Reporter | None" = None
    clock: Clock | None = None
    progress_every: float = 15.0

    def until(self, probe: Callable[[], T], done: Callable[[T], bool], describe: Callable[[T], str],
              progress: ProgressHook | None = None, timeout_seconds: float | None = None,
              first: T | None = None) -> T:
        return poll_until(probe, done, describe,
                          self.timeout_seconds if timeout_seconds is None else timeout_seconds,
                          clock=self.clock, on_progress=progress, progress_every=self.progress_every,
                          on_done=self._finished, first=first)

    def now(self) -> float:
        """The time on this wait's clock (seconds; only differences mean anything)."""
        return (self.clock or DEFAULT_CLOCK).now()

    def _finished(self, result: object, elapsed: float) -> None:
        if self.reporter is not None:
            self.reporter.say(f"wait over after {elapsed:.0f}s", ephemeral=True)

    def say(self, message: str) -> None:
        if self.reporter is not None:
            self.reporter.say(message)
