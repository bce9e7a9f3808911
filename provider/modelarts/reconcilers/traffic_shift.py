"""Carrying out a traffic shift on ModelArts: the walk is every cloud's (`core.traffic_shift.walk`); this
module reads and sets the `weight` of the two deployments.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from ...core.errors import NotFoundError
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.traffic_shift.gate import GateResult
from ...core.traffic_shift.planner import Weights, plan_traffic_shift
from ...core.traffic_shift.walk import GateFailed, ShiftWalker
from ..client import ModelArtsClient
from ..ids import TRAFFIC_SHIFT_ID
from ..models.deployment import update_body
from ..models.traffic_shift import TrafficShiftSpec
from ..statuses import DEPLOYMENT_RESTING
from ..waiters.deployment import wait_deployment_in
from ..waiters.traffic_shift import alarming_event_ids, check_gate

__all__ = ["GateFailed", "TrafficShiftReconciler", "bake", "shift_id"]

# A bake is a plain wait; tests replace it.
bake: Callable[[float], None] = time.sleep


def shift_id(spec: TrafficShiftSpec) -> str:
    return TRAFFIC_SHIFT_ID.join(*spec.members())


@dataclass
class TrafficShiftReconciler(ShiftWalker):
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

    def wait_resting(self, spec: TrafficShiftSpec) -> None:
        for deployment_id in (spec.stable_deployment_id, spec.canary_deployment_id):
            wait_deployment_in(self.client, spec.service_id, deployment_id, DEPLOYMENT_RESTING, self.waits)

    def set_weights(self, spec: TrafficShiftSpec, current: Weights, target: Weights) -> None:
        # Canary first: with relative weights the canary's share then moves
        # monotonically from the old value to the new one, in either direction.
        # Each deployment is read anyway (an update carries its whole body), so
        # `current` is not needed to skip one already at its weight.
        deployments = self.client.deployments
        for deployment_id, weight in ((spec.canary_deployment_id, target.canary),
                                      (spec.stable_deployment_id, target.stable)):
            live = deployments.get(spec.service_id, deployment_id)
            if live.get("weight") != weight:
                deployments.update(spec.service_id, deployment_id, update_body(live, {"weight": weight}))

    def event_marks(self, spec: TrafficShiftSpec) -> set[str]:
        return alarming_event_ids(self.client, spec)

    def check_gate(self, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
        return check_gate(self.client, spec, seen_events)

    def bake_for(self, seconds: float) -> None:
        bake(seconds)
