"""The Pulumi resource for a step-wise traffic shift between two members of a PAI-EAS service group.

The id is `<region>/<service_name>/<stable_deployment_name>/<canary_deployment_name>`.
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
from ..args import TrafficShiftArgs
from ..ids import TRAFFIC_SHIFT_ID, in_region
from ..models.traffic_shift import TrafficShiftSpec
from ..planner.traffic_shift import Weights, current_step, shift_status
from ..reconcilers.traffic_shift import TrafficShiftReconciler, label_of
from ..settings import EAS

OUTPUT_KEYS = frozenset({"current_step", "canary_weight", "stable_weight", "status"})


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
    cloud = EAS
    kind = "TrafficShift"
    spec_cls = TrafficShiftSpec
    identity_field = "canary_deployment_name"
    output_keys = OUTPUT_KEYS

    def reconciler(self, name: str, meta: dict[str, Any]) -> TrafficShiftReconciler:
        return TrafficShiftReconciler(self.client(), self.waits(name, meta))

    @staticmethod
    def label(spec: TrafficShiftSpec, fallback: str) -> str:
        return label_of(spec)

    def recorded_spec(self, olds: dict[str, Any]) -> TrafficShiftSpec | None:
        try:
            return TrafficShiftSpec.model_validate(self.split(olds)[0])
        except ValidationError:
            return None

    def plan(self, id_: str, olds: dict[str, Any], desired: TrafficShiftSpec, meta: dict[str, Any]) -> Plan | None:
        in_region(TRAFFIC_SHIFT_ID, id_, self.client().region)
        return self.reconciler(id_, meta).plan(desired, self.recorded_spec(olds))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        id_ = TRAFFIC_SHIFT_ID.join(self.client().region, spec.service_name, spec.stable_deployment_name,
                                    spec.canary_deployment_name)
        final = self.reconciler(id_, meta).walk(spec, recorded=None)
        return CreateResult(id_, outputs(spec, meta, final))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        final = self.reconciler(id_, meta).walk(spec, recorded_weights(olds))
        return UpdateResult(outputs(spec, meta, final))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        service, stable, canary = in_region(TRAFFIC_SHIFT_ID, id_, self.client().region)
        spec_inputs, meta = self.split(props)
        live = self.reconciler(id_, meta).read(service, stable, canary)
        if live is None:
            return ReadResult(None, {})
        names = {"service_name": service, "stable_deployment_name": stable, "canary_deployment_name": canary}
        try:
            spec = TrafficShiftSpec.model_validate({**spec_inputs, **names})
        except ValidationError:
            # An import has no steps to read back: the live canary weight is the one step.
            spec = TrafficShiftSpec.model_validate({**names, "steps": [min(live.canary, 100)]})
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        # The weights stay where they are: removing the shift must not move traffic.
        return None


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
        props = {**args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(TrafficShiftProvider(), resource_name, props, opts)
