"""Carrying out a traffic shift on PAI-EAS: the walk is every cloud's (`core.traffic_shift.walk`); this
module reads the two members' group weights and releases new ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from ...core import recent
from ...core.errors import NotFoundError
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.traffic_shift.gate import GateResult
from ...core.traffic_shift.planner import Weights, plan_traffic_shift
from ...core.traffic_shift.walk import GateFailed, NotMembers, ShiftWalker
from ..client import EasClient
from ..models.traffic_shift import TrafficShiftSpec
from ..planner.traffic_shift import weight_order
from ..statuses import SERVICE_RESTING, TRAFFIC_GROUPING, group_weight
from ..waiters.service import wait_service_in
from ..waiters.traffic_shift import check_gate, warning_event_keys

__all__ = ["GateFailed", "NotMembers", "TrafficShiftReconciler", "bake"]

# A bake is a plain wait; tests replace it.
bake: Callable[[float], None] = time.sleep


@dataclass
class TrafficShiftReconciler(ShiftWalker):
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
        return Weights(canary=group_weight(members["canary"]), stable=group_weight(members["stable"]))

    def recent_key(self, service_name: str, stable: str, canary: str) -> tuple[str, ...]:
        return ("eas-weights", self.client.region, service_name, stable, canary)

    def read(self, service_name: str, stable: str, canary: str) -> Weights | None:
        """What a refresh reads; kept a moment for the diff that follows it."""
        live = self.live_weights(service_name, stable, canary)
        if live is not None:
            recent.put(self.recent_key(service_name, stable, canary), live)
        return live

    def plan(self, desired: TrafficShiftSpec, recorded: TrafficShiftSpec | None) -> Plan | None:
        names = desired.members()
        live = recent.take(self.recent_key(*names)) or self.live_weights(*names)
        return None if live is None else plan_traffic_shift(desired, recorded, live)

    def wait_resting(self, spec: TrafficShiftSpec) -> None:
        for name in (spec.stable_deployment_name, spec.canary_deployment_name):
            wait_service_in(self.client, name, SERVICE_RESTING, self.waits)

    def set_weights(self, spec: TrafficShiftSpec, current: Weights, target: Weights) -> None:
        """ReleaseService for each member whose weight changes: the canary raised before the stable one
        is lowered (and the stable one raised first on the way back)."""
        names = {"canary": spec.canary_deployment_name, "stable": spec.stable_deployment_name}
        for role, weight in weight_order(current, target):
            self.client.services.release(names[role], weight, TRAFFIC_GROUPING)

    def event_marks(self, spec: TrafficShiftSpec) -> set[str]:
        return warning_event_keys(self.client, spec)

    def check_gate(self, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
        return check_gate(self.client, spec, seen_events)

    def bake_for(self, seconds: float) -> None:
        bake(seconds)
