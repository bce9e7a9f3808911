"""The Pulumi resource for a step-wise traffic shift between a stable and a canary deployment.

The resource id is `<service_id>/<stable_deployment_id>/<canary_deployment_id>`.
Progress is read from the live weights, never only from the state, so an
interrupted `pulumi up` resumes where it stopped. Deleting the resource leaves
the weights as they are: traffic keeps flowing where the last run put it.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import ValidationError

from ...core.plan import Plan
from ...core.provider import CloudProvider
from ..ids import TRAFFIC_SHIFT_ID
from ..models.traffic_shift import TrafficShiftSpec
from ..planner.traffic_shift import Weights, current_step, shift_status
from ..reconcilers.traffic_shift import TrafficShiftReconciler, shift_id
from ..args import TrafficShiftArgs
from ..settings import MODELARTS


def outputs(spec: TrafficShiftSpec, meta: dict[str, Any], live: Weights) -> dict[str, Any]:
    return {**spec.body(), **meta, "current_step": current_step(spec.steps, live), "canary_weight": live.canary,
            "stable_weight": live.stable, "status": shift_status(spec.steps, live)}


def recorded_weights(olds: dict[str, Any]) -> Weights | None:
    """The weights the state last recorded: where this run (or the interrupted run it resumes) started."""
    canary, stable = olds.get("canary_weight"), olds.get("stable_weight")
    if isinstance(canary, (int, float)) and isinstance(stable, (int, float)):
        return Weights(int(canary), int(stable))
    return None


class TrafficShiftProvider(CloudProvider):
    cloud = MODELARTS
    kind = "TrafficShift"
    spec_cls = TrafficShiftSpec
    identity_field = "canary_deployment_id"
    output_keys = frozenset({"current_step", "canary_weight", "stable_weight", "status"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> TrafficShiftReconciler:
        return TrafficShiftReconciler(self.client(), self.waits(name, meta))

    @staticmethod
    def label(spec: TrafficShiftSpec, fallback: str) -> str:
        return shift_id(spec)

    def recorded_spec(self, olds: dict[str, Any]) -> TrafficShiftSpec | None:
        try:
            return TrafficShiftSpec.model_validate(self.split(olds)[0])
        except ValidationError:
            return None

    def plan(self, id_: str, olds: dict[str, Any], desired: TrafficShiftSpec, meta: dict[str, Any]) -> Plan | None:
        return self.reconciler(id_, meta).plan(id_, desired, self.recorded_spec(olds))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        final = self.reconciler(shift_id(spec), meta).walk(spec, recorded=None)
        return CreateResult(shift_id(spec), outputs(spec, meta, final))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        final = self.reconciler(id_, meta).walk(spec, recorded_weights(olds))
        return UpdateResult(outputs(spec, meta, final))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        service_id, stable_id, canary_id = TRAFFIC_SHIFT_ID.split(id_)
        spec_inputs, meta = self.split(props)
        live = self.reconciler(id_, meta).live_weights(service_id, stable_id, canary_id)
        if live is None:
            return ReadResult(None, {})
        ids = {"service_id": service_id, "stable_deployment_id": stable_id, "canary_deployment_id": canary_id}
        try:
            spec = TrafficShiftSpec.model_validate({**spec_inputs, **ids})
        except ValidationError:
            # An import has no steps to read back: the live canary weight is the one step.
            spec = TrafficShiftSpec.model_validate({**ids, "steps": [live.canary]})
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        # The weights stay where they are: removing the shift must not move traffic.
        return None


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
        props = {**args, "current_step": None, "canary_weight": None, "stable_weight": None, "status": None}
        super().__init__(TrafficShiftProvider(), resource_name, props, opts)
