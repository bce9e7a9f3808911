"""The Pulumi resource for a step-wise traffic shift between two members of a PAI-EAS service group.

The id is `<region>/<service_name>/<stable_deployment_name>/<canary_deployment_name>`.
What the provider does is every cloud's (`core.traffic_shift.resource`).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi

from ...core.plan import Plan
from ...core.traffic_shift.resource import ShiftProvider, resource_props
from ..args import TrafficShiftArgs
from ..ids import TRAFFIC_SHIFT_ID, in_region
from ..models.traffic_shift import TrafficShiftSpec
from ..reconcilers.traffic_shift import TrafficShiftReconciler
from ..settings import EAS


class TrafficShiftProvider(ShiftProvider):
    cloud = EAS
    spec_cls = TrafficShiftSpec
    identity_field = "canary_deployment_name"

    def reconciler(self, name: str, meta: dict[str, Any]) -> TrafficShiftReconciler:
        return TrafficShiftReconciler(self.client(), self.waits(name, meta))

    def shift_id(self, spec: TrafficShiftSpec) -> str:
        return TRAFFIC_SHIFT_ID.join(self.client().region, *spec.members())

    def members_of(self, id_: str) -> tuple[str, ...]:
        return in_region(TRAFFIC_SHIFT_ID, id_, self.client().region)

    def plan(self, id_: str, olds: dict[str, Any], desired: TrafficShiftSpec, meta: dict[str, Any]) -> Plan | None:
        # The preview reads the desired members (or what a refresh just read of them); the id only has to
        # be in the provider's region.
        self.members_of(id_)
        return self.reconciler(id_, meta).plan(desired, self.recorded_spec(olds))


class TrafficShift(pulumi.dynamic.Resource, module="eas", name="TrafficShift"):
    """Moves a service group's traffic from `stable_deployment_name` to `canary_deployment_name` through `steps`.

    Each step releases the weights (canary = step, stable = 100 - step; the canary raised before the stable
    one is lowered), waits `bake_seconds`, and checks the gate; a failed gate restores the starting weights
    and fails the operation.
    """

    current_step: pulumi.Output[int]
    canary_weight: pulumi.Output[int]
    stable_weight: pulumi.Output[int]
    status: pulumi.Output[str]

    def __init__(self, resource_name: str, args: TrafficShiftArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        super().__init__(TrafficShiftProvider(), resource_name, resource_props(args), opts)
