"""Where a traffic shift stands, where it resumes, and the plan for a desired/recorded/live triple.

Progress lives in the cloud: the live weights of the two deployments say
which step was reached, so a run that died half-way is picked up from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..actions import Action
from ..plan import Change, Plan, classified_changes
from .model import ShiftSpec

PROMOTED = "promoted"
ROLLED_BACK = "rolled back"
SHIFTING = "shifting"


@dataclass(frozen=True)
class Weights:
    canary: int
    stable: int

    @classmethod
    def at(cls, step: int) -> "Weights":
        return cls(canary=step, stable=100 - step)

    def describe(self) -> str:
        return f"canary {self.canary}, stable {self.stable}"


# Before a canary takes any traffic.
NO_CANARY = Weights(canary=0, stable=100)


@dataclass(frozen=True)
class Walk:
    """The steps a run goes through: `steps[first:]`.

    When `resumed`, `steps[first]` is already live (an earlier run set it and
    died): it is not applied again, but it is baked and gated again, since
    the earlier run may have died before its gate ran.
    """

    steps: tuple[int, ...]
    first: int
    resumed: bool

    def remaining(self) -> list[tuple[int, int]]:
        """(1-based step number, percentage) for every step this run handles."""
        return [(index + 1, self.steps[index]) for index in range(self.first, len(self.steps))]


def step_index(steps: list[int], live: Weights) -> int | None:
    """The index of the step whose weights are exactly the live ones, if any."""
    for index, step in enumerate(steps):
        if Weights.at(step) == live:
            return index
    return None


def plan_walk(steps: list[int], live: Weights) -> Walk:
    """Resume rule: live weights equal to a step's (canary = s, stable = 100 - s)
    resume at that step; any other weights start at the first step."""
    index = step_index(steps, live)
    if index is None:
        return Walk(tuple(steps), 0, False)
    return Walk(tuple(steps), index, True)


def starting_weights(live: Weights, recorded: Weights | None, walk: Walk) -> Weights:
    """The weights a failed gate restores: the ones before this run (or the run it resumes).

    The state's last weights when there is a state (an update); else the live
    weights, unless they are a step left by a create that died, whose own
    starting point was never recorded: then no canary traffic at all.
    """
    if recorded is not None:
        return recorded
    return NO_CANARY if walk.resumed else live


def shift_status(steps: list[int], live: Weights) -> str:
    index = step_index(steps, live)
    if index == len(steps) - 1:
        return PROMOTED
    return SHIFTING if index is not None else ROLLED_BACK


def current_step(steps: list[int], live: Weights) -> int:
    """1-based number of the step the live weights match; 0 when they match none."""
    index = step_index(steps, live)
    return 0 if index is None else index + 1


def plan_traffic_shift(desired: ShiftSpec, recorded: ShiftSpec | None, live: Weights) -> Plan:
    """Settings changes (vs the recorded inputs) plus a traffic shift when the live
    weights are not yet the last step's."""
    changes = classified_changes(desired, recorded) if recorded is not None else ()
    final = Weights.at(desired.steps[-1])
    notes: tuple[str, ...] = ()
    if live != final:
        changes += (Change("canary_weight", Action.TRAFFIC, old=live.canary, new=final.canary),
                    Change("stable_weight", Action.TRAFFIC, old=live.stable, new=final.stable))
        walk = plan_walk(desired.steps, live)
        if walk.resumed:
            notes = (f"live weights are step {walk.first + 1}/{len(walk.steps)}: the shift resumes there",)
        else:
            notes = (f"{len(walk.steps)} step(s): {', '.join(str(s) for s in walk.steps)}",)
    return Plan(changes=changes, notes=notes)
