"""Carrying out a traffic shift: walk the steps (set weights, bake, gate), restore on a failed gate.

Progress lives in the cloud: the live weights of the two deployments say
which step was reached, so a run that died half-way is picked up from there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from ...core.errors import NotFoundError, ReportedError
from ...core.plan import Plan
from ...core.poll import Waits
from ..client import ModelArtsClient
from ..ids import TRAFFIC_SHIFT_ID
from ..models.deployment import update_body
from ..models.traffic_shift import TrafficShiftSpec
from ..planner.traffic_shift import Weights, plan_traffic_shift, plan_walk, starting_weights
from ..statuses import DEPLOYMENT_RESTING
from ..waiters.deployment import wait_deployment_in
from ..waiters.traffic_shift import alarming_event_ids, check_gate


# A bake is a plain wait; tests replace it.
bake: Callable[[float], None] = time.sleep


class GateFailed(ReportedError):
    """A step's health gate failed; the starting weights were restored."""


def shift_id(spec: TrafficShiftSpec) -> str:
    return TRAFFIC_SHIFT_ID.join(spec.service_id, spec.stable_deployment_id, spec.canary_deployment_id)


@dataclass
class TrafficShiftReconciler:
    client: ModelArtsClient
    waits: Waits

    def live_weights(self, service_id: str, stable_id: str, canary_id: str) -> Weights | None:
        """None when either deployment (or the service) is gone. One read: the service's deployments."""
        try:
            listed = {d.get("id"): d for d in self.client.deployments.list_all(service_id)}
        except NotFoundError:
            return None
        if canary_id not in listed or stable_id not in listed:
            return None
        return Weights(canary=int(listed[canary_id].get("weight") or 0), stable=int(listed[stable_id].get("weight") or 0))

    def plan(self, id_: str, desired: TrafficShiftSpec, recorded: TrafficShiftSpec | None) -> Plan | None:
        live = self.live_weights(*TRAFFIC_SHIFT_ID.split(id_))
        return None if live is None else plan_traffic_shift(desired, recorded, live)

    def walk(self, spec: TrafficShiftSpec, recorded: Weights | None) -> Weights:
        """Apply, bake and gate each remaining step; on a failed gate restore the starting weights.

        `recorded`: the weights the state last recorded (None for a create).
        """
        for deployment_id in (spec.stable_deployment_id, spec.canary_deployment_id):
            wait_deployment_in(self.client, spec.service_id, deployment_id, DEPLOYMENT_RESTING, self.waits)
        live = self.live_weights(spec.service_id, spec.stable_deployment_id, spec.canary_deployment_id)
        if live is None:
            raise RuntimeError(f"TrafficShift {shift_id(spec)}: a deployment of the shift does not exist")
        walk = plan_walk(spec.steps, live)
        start = starting_weights(live, recorded, walk)
        total = len(spec.steps)
        for number, step in walk.remaining():
            seen = alarming_event_ids(self.client, spec)
            target = Weights.at(step)
            if walk.resumed and number == walk.first + 1:
                self.waits.say(f"step {number}/{total} ({target.describe()}) is already live; resuming there "
                               "(bake and gate again)")
            else:
                self.waits.say(f"step {number}/{total}: {target.describe()}")
                self.set_weights(spec, target)
            if spec.bake_seconds:
                bake(spec.bake_seconds)
            gate = check_gate(self.client, spec, seen)
            if not gate.passed:
                self.set_weights(spec, start)
                raise GateFailed(f"TrafficShift {shift_id(spec)}: the gate of step {number}/{total} "
                                 f"(canary {step}%) failed: {gate.describe()}. Rolled back to the starting "
                                 f"weights ({start.describe()}).")
        return Weights.at(spec.steps[-1])

    def set_weights(self, spec: TrafficShiftSpec, weights: Weights) -> None:
        # Canary first: with relative weights the canary's share then moves
        # monotonically from the old value to the new one, in either direction.
        deployments = self.client.deployments
        for deployment_id, weight in ((spec.canary_deployment_id, weights.canary),
                                      (spec.stable_deployment_id, weights.stable)):
            live = deployments.get(spec.service_id, deployment_id)
            if live.get("weight") != weight:
                deployments.update(spec.service_id, deployment_id, update_body(live, {"weight": weight}))
