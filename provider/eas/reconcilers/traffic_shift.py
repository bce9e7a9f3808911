"""Carrying out a traffic shift: walk the steps (release weights, bake, gate), restore on a failed gate.

Progress lives in the cloud: the live weights of the two members say which
step was reached, so a run that died half-way is picked up from there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from ...core import recent
from ...core.errors import NotFoundError, ReportedError
from ...core.plan import Plan
from ...core.poll import Waits
from ..client import EasClient
from ..models.traffic_shift import TrafficShiftSpec
from ..planner.traffic_shift import Weights, plan_traffic_shift, plan_walk, starting_weights, weight_order
from ..statuses import SERVICE_RESTING, TRAFFIC_GROUPING
from ..waiters.service import wait_service_in
from ..waiters.traffic_shift import check_gate, warning_event_keys

# A bake is a plain wait; tests replace it.
bake: Callable[[float], None] = time.sleep


class GateFailed(ReportedError):
    """A step's health gate failed; the starting weights were restored."""


class NotMembers(ReportedError):
    """A deployment of the shift is not a member of its service group."""


def label_of(spec: TrafficShiftSpec) -> str:
    return f"{spec.service_name}/{spec.stable_deployment_name}/{spec.canary_deployment_name}"


@dataclass
class TrafficShiftReconciler:
    client: EasClient
    waits: Waits

    def live_weights(self, service_name: str, stable: str, canary: str) -> Weights | None:
        """The group weights of the two members (a member not in grouping state has none); None when
        either is gone. A member of another group is an error.

        One call lists the group's members with their weights; only when one of the two is not
        among them are they read one by one, to tell a member that is gone from one in another group."""
        listed = {s.get("ServiceName"): s for s in self.client.services.list_all(GroupName=service_name)}
        members = {role: listed.get(name) for role, name in (("canary", canary), ("stable", stable))}
        if None in members.values():
            try:
                members = {role: self.client.services.get(name)
                           for role, name in (("canary", canary), ("stable", stable))}
            except NotFoundError:
                return None
        for role, live in members.items():
            if live.get("ServiceGroup") != service_name:
                raise NotMembers(f"TrafficShift: {role} deployment {live.get('ServiceName')} is in group "
                                 f"{live.get('ServiceGroup') or '(none)'}, not {service_name}")
        weight = {role: int(live.get("Weight") or 0) if live.get("TrafficState") == TRAFFIC_GROUPING else 0
                  for role, live in members.items()}
        return Weights(canary=weight["canary"], stable=weight["stable"])

    def recent_key(self, service_name: str, stable: str, canary: str) -> tuple[str, ...]:
        return ("eas-weights", self.client.region, service_name, stable, canary)

    def read(self, service_name: str, stable: str, canary: str) -> Weights | None:
        """What a refresh reads; kept a moment for the diff that follows it."""
        live = self.live_weights(service_name, stable, canary)
        if live is not None:
            recent.put(self.recent_key(service_name, stable, canary), live)
        return live

    def plan(self, desired: TrafficShiftSpec, recorded: TrafficShiftSpec | None) -> Plan | None:
        names = (desired.service_name, desired.stable_deployment_name, desired.canary_deployment_name)
        live = recent.take(self.recent_key(*names)) or self.live_weights(*names)
        return None if live is None else plan_traffic_shift(desired, recorded, live)

    def walk(self, spec: TrafficShiftSpec, recorded: Weights | None) -> Weights:
        """Apply, bake and gate each remaining step; on a failed gate restore the starting weights.

        `recorded`: the weights the state last recorded (None for a create).
        """
        for name in (spec.stable_deployment_name, spec.canary_deployment_name):
            wait_service_in(self.client, name, SERVICE_RESTING, self.waits)
        live = self.live_weights(spec.service_name, spec.stable_deployment_name, spec.canary_deployment_name)
        if live is None:
            raise NotMembers(f"TrafficShift {label_of(spec)}: a deployment of the shift does not exist")
        walk = plan_walk(spec.steps, live)
        start = starting_weights(live, recorded, walk)
        total = len(spec.steps)
        for number, step in walk.remaining():
            seen = warning_event_keys(self.client, spec)
            target = Weights.at(step)
            if walk.resumed and number == walk.first + 1:
                self.waits.say(f"step {number}/{total} ({target.describe()}) is already live; resuming there "
                               "(bake and gate again)")
            else:
                self.waits.say(f"step {number}/{total}: {target.describe()}")
                live = self.set_weights(spec, live, target)
            if spec.bake_seconds:
                bake(spec.bake_seconds)
            gate = check_gate(self.client, spec, seen)
            if not gate.passed:
                self.set_weights(spec, live, start)
                raise GateFailed(f"TrafficShift {label_of(spec)}: the gate of step {number}/{total} "
                                 f"(canary {step}%) failed: {gate.describe()}. Rolled back to the starting "
                                 f"weights ({start.describe()}).")
        return Weights.at(spec.steps[-1])

    def set_weights(self, spec: TrafficShiftSpec, current: Weights, target: Weights) -> Weights:
        """ReleaseService for each member whose weight changes: the canary raised before the stable one
        is lowered (and the stable one raised first on the way back)."""
        names = {"canary": spec.canary_deployment_name, "stable": spec.stable_deployment_name}
        for role, weight in weight_order(current, target):
            self.client.services.release(names[role], weight, TRAFFIC_GROUPING)
        return target
