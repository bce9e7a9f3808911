"""The Pulumi provider every cloud's TrafficShift shares.

Progress is read from the live weights, never only from the state, so an
interrupted `pulumi up` resumes where it stopped. Deleting the resource leaves
the weights as they are: traffic keeps flowing where the last run put it.

A cloud's provider says which reconciler walks its shifts, what its ids look
like, and how its preview reads the live weights.
"""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import ValidationError

from ..provider import CloudProvider, recorded_inputs
from .model import ShiftSpec
from .planner import Weights, current_step, shift_status
from .walk import ShiftWalker

OUTPUT_KEYS = frozenset({"current_step", "canary_weight", "stable_weight", "status"})


def resource_props(args: Mapping[str, Any]) -> dict[str, Any]:
    """A TrafficShift resource's inputs, with its outputs declared (unknown until the provider sets them)."""
    return {**args, **{key: None for key in OUTPUT_KEYS}}


def outputs(spec: ShiftSpec, meta: dict[str, Any], live: Weights) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "current_step": current_step(spec.steps, live), "canary_weight": live.canary,
            "stable_weight": live.stable, "status": shift_status(spec.steps, live)}


def recorded_weights(olds: dict[str, Any]) -> Weights | None:
    """The weights the state last recorded: where this run (or the interrupted run it resumes) started."""
    canary, stable = olds.get("canary_weight"), olds.get("stable_weight")
    if isinstance(canary, (int, float)) and isinstance(stable, (int, float)):
        return Weights(int(canary), int(stable))
    return None


class ShiftProvider(CloudProvider):
    kind = "TrafficShift"
    spec_cls: ClassVar[type[ShiftSpec]]
    output_keys = OUTPUT_KEYS

    def reconciler(self, name: str, meta: dict[str, Any]) -> ShiftWalker:
        raise NotImplementedError

    def shift_id(self, spec: ShiftSpec) -> str:
        """The id of a new shift (also the one to import it with)."""
        raise NotImplementedError

    def members_of(self, id_: str) -> tuple[str, ...]:
        """(service, stable deployment, canary deployment) named by an id."""
        raise NotImplementedError

    @staticmethod
    def label(spec: ShiftSpec, fallback: str) -> str:
        return spec.label()

    def recorded_spec(self, olds: dict[str, Any]) -> ShiftSpec | None:
        try:
            return self.spec_cls.model_validate(self.split(olds)[0])
        except ValidationError:
            return None

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        id_ = self.shift_id(spec)
        final = self.reconciler(id_, meta).walk(spec, recorded=None)
        return CreateResult(id_, outputs(spec, meta, final))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        final = self.reconciler(id_, meta).walk(spec, recorded_weights(olds))
        return UpdateResult(outputs(spec, meta, final))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        members = self.members_of(id_)
        spec_inputs, meta = self.split(props)
        live = self.reconciler(id_, meta).read(*members)
        if live is None:
            return ReadResult(None, {})
        named = dict(zip(self.spec_cls.member_fields, members))
        try:
            spec = self.spec_cls.model_validate({**spec_inputs, **named})
        except ValidationError:
            # An import has no steps to read back: the live canary weight is the one step.
            spec = self.spec_cls.model_validate({**named, "steps": [min(live.canary, 100)]})
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        # The weights stay where they are: removing the shift must not move traffic.
        return None
