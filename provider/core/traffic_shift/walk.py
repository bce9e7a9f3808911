"""Carrying out a traffic shift: walk the steps (set weights, bake, gate), restore on a failed gate.

Progress lives in the cloud: the live weights of the two deployments say
which step was reached, so a run that died half-way is picked up from there.
A cloud's reconciler derives from `ShiftWalker` and supplies the reads and
writes of its API; the walk, the resume rule and the restore are this module's.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from ..errors import ReportedError
from ..poll import Waits
from .gate import GateResult
from .model import ShiftSpec
from .planner import Weights, plan_walk, starting_weights


class GateFailed(ReportedError):
    """A step's health gate failed; the starting weights were restored."""


class NotMembers(ReportedError):
    """A deployment of the shift is gone, or not one of its service's."""


class ShiftWalker(ABC):
    """The walk of a traffic shift on one cloud; a subclass holds the client and `waits`."""

    waits: Waits

    @abstractmethod
    def live_weights(self, service: str, stable: str, canary: str) -> Weights | None:
        """The two deployments' live weights; None when either (or the service) is gone."""

    def read(self, service: str, stable: str, canary: str) -> Weights | None:
        """What a refresh (or an import) reads."""
        return self.live_weights(service, stable, canary)

    @abstractmethod
    def wait_resting(self, spec: ShiftSpec) -> None:
        """Wait until neither deployment is on its way somewhere (a weight change would be refused or lost)."""

    @abstractmethod
    def set_weights(self, spec: ShiftSpec, current: Weights, target: Weights) -> None:
        """Move the live weights from `current` to `target`, in the order the platform wants."""

    @abstractmethod
    def event_marks(self, spec: ShiftSpec) -> set[str]:
        """The events so far, for the gate to tell new ones by (none needed when events do not count)."""

    @abstractmethod
    def check_gate(self, spec: ShiftSpec, seen_events: set[str]) -> GateResult:
        """Read both deployments and judge the gate (`gate.judge_gate`)."""

    @abstractmethod
    def bake_for(self, seconds: float) -> None:
        """A plain wait between a step and its gate (each cloud's module keeps the hook tests replace)."""

    def walk(self, spec: ShiftSpec, recorded: Weights | None) -> Weights:
        """Apply, bake and gate each remaining step; on a failed gate restore the starting weights.

        `recorded`: the weights the state last recorded (None for a create).
        """
        self.wait_resting(spec)
        live = self.live_weights(*spec.members())
        if live is None:
            raise NotMembers(f"TrafficShift {spec.label()}: a deployment of the shift does not exist")
        walk = plan_walk(spec.steps, live)
        start = starting_weights(live, recorded, walk)
        total = len(spec.steps)
        for number, step in walk.remaining():
            seen = self.event_marks(spec)
            target = Weights.at(step)
            if walk.resumed and number == walk.first + 1:
                self.waits.say(f"step {number}/{total} ({target.describe()}) is already live; resuming there "
                               "(bake and gate again)")
            else:
                self.waits.say(f"step {number}/{total}: {target.describe()}")
                self.set_weights(spec, live, target)
                live = target
            if spec.bake_seconds:
                self.bake_for(spec.bake_seconds)
            gate = self.check_gate(spec, seen)
            if not gate.passed:
                self.set_weights(spec, live, start)
                raise GateFailed(f"TrafficShift {spec.label()}: the gate of step {number}/{total} "
                                 f"(canary {step}%) failed: {gate.describe()}. Rolled back to the starting "
                                 f"weights ({start.describe()}).")
        return Weights.at(spec.steps[-1])
