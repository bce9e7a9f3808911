"""The Pulumi resource for a step-wise traffic shift between a stable and a canary deployment.

The resource id is `<service_id>/<stable_deployment_id>/<canary_deployment_id>`.
What the provider does is every cloud's (`core.traffic_shift.resource`).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi

from ...core.plan import Plan
from ...core.traffic_shift.resource import ShiftProvider, resource_props
from ..args import TrafficShiftArgs
from ..ids import TRAFFIC_SHIFT_ID
from ..models.traffic_shift import TrafficShiftSpec
from ..reconcilers.traffic_shift import TrafficShiftReconciler, shift_id
from ..settings import MODELARTS


class TrafficShiftProvider(ShiftProvider):
    cloud = MODELARTS
    spec_cls = TrafficShiftSpec
    identity_field = "canary_deployment_id"

    def reconciler(self, name: str, meta: dict[str, Any]) -> TrafficShiftReconciler:
        return TrafficShiftReconciler(self.client(), self.waits(name, meta))

    def shift_id(self, spec: TrafficShiftSpec) -> str:
        return shift_id(spec)

    def members_of(self, id_: str) -> tuple[str, ...]:
        return TRAFFIC_SHIFT_ID.split(id_)

    def plan(self, id_: str, olds: dict[str, Any], desired: TrafficShiftSpec, meta: dict[str, Any]) -> Plan | None:
        return self.reconciler(id_, meta).plan(id_, desired, self.recorded_spec(olds))


class TrafficShift(pulumi.dynamic.Resource, module="modelarts", name="TrafficShift"):
    """Moves traffic from `stable_deployment_id` to `canary_deployment_id` through `steps`.

    Each step sets the weights (canary = step, stable = 100 - step), waits
    `bake_seconds`, and checks the gate; a failed gate restores the starting
    weights and fails the operation.
    """

    current_step: pulumi.Output[int]
    canary_weight: pulumi.Output[int]
    stable_weight: pulumi.Output[int]
    status: pulumi.Output[str]

    def __init__(self, resource_name: str, args: TrafficShiftArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        super().__init__(TrafficShiftProvider(), resource_name, resource_props(args), opts)
