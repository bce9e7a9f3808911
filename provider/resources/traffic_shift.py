"""Pulumi glue for a step-wise traffic shift between a stable and a canary deployment.

The resource id is `<service_id>/<stable_deployment_id>/<canary_deployment_id>`.
Progress is read from the live weights, never only from the state, so an
interrupted `pulumi up` resumes where it stopped (planner/traffic_shift.py).
Deleting the resource leaves the weights as they are: traffic keeps flowing
where the last run put it.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import ValidationError

from ..clients.modelarts import NotFoundError
from ..models.traffic_shift import TrafficShiftSpec
from ..planner.plan import Plan
from ..planner.traffic_shift import (
    REPLACE_FIELDS,
    Weights,
    current_step,
    plan_traffic_shift,
    plan_walk,
    shift_status,
    starting_weights,
)
from ..waiters.deployment import wait_deployment_in
from ..waiters.traffic_shift import alarming_event_ids, check_gate
from ..progress import say
from .base import ModelArtsProvider

# Statuses a deployment is not in the middle of changing; the walk waits for them.
SETTLED = {"RUNNING", "CONCERNING", "STOPPED", "FAILED", "ERROR"}
# The fields of a deployment update request (GroupConfigUpdateRequest) that a
# deployment GET echoes back; a weight change resends them unchanged.
UPDATE_FIELDS = ("name", "pool_id", "framework", "count", "deploy_type", "system_log_dump_enable", "unit_configs",
                 "secret_type", "secret_name", "priority", "high_avail_switch", "description", "advanced_config",
                 "model", "mirror_traffic_enable", "mirror_traffic_weight", "deployment_task_limit",
                 "schedule_strategy")

# Replaced in tests; a bake is a plain wait.
sleep: Callable[[float], None] = time.sleep


class GateFailed(Exception):
    """A step's health gate failed; the starting weights were restored."""


def shift_id(spec: TrafficShiftSpec) -> str:
    return f"{spec.service_id}/{spec.stable_deployment_id}/{spec.canary_deployment_id}"


def parse_id(id_: str) -> tuple[str, str, str]:
    parts = id_.split("/")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"a TrafficShift id is '<service_id>/<stable_deployment_id>/<canary_deployment_id>', got {id_!r}")
    return parts[0], parts[1], parts[2]


def outputs(spec: TrafficShiftSpec, meta: dict[str, Any], live: Weights, status: str | None = None) -> dict[str, Any]:
    return {**spec.body(), **meta, "current_step": current_step(spec.steps, live), "canary_weight": live.canary,
            "stable_weight": live.stable, "status": status or shift_status(spec.steps, live)}


def weight_update_body(deployment: dict[str, Any], weight: int) -> dict[str, Any]:
    """The deployment's own configuration with only the weight changed: no new version."""
    body = {key: deployment[key] for key in UPDATE_FIELDS if deployment.get(key) is not None}
    mirror = body.get("mirror_traffic_weight")
    if isinstance(mirror, str) and mirror.isdigit():  # a string in responses, an int in this request
        body["mirror_traffic_weight"] = int(mirror)
    return {**body, "weight": weight}


class TrafficShiftProvider(ModelArtsProvider):
    identity_field = "canary_deployment_id"
    output_keys = frozenset({"current_step", "canary_weight", "stable_weight", "status"})
    kind = "TrafficShift"
    spec_cls = TrafficShiftSpec
    replace_reasons = REPLACE_FIELDS

    # ----- reading ------------------------------------------------------------------------

    def live_weights(self, service_id: str, stable_id: str, canary_id: str) -> Weights | None:
        """None when either deployment is gone."""
        client = self.client()
        try:
            canary = client.deployments.get(service_id, canary_id)
            stable = client.deployments.get(service_id, stable_id)
        except NotFoundError:
            return None
        return Weights(canary=int(canary.get("weight") or 0), stable=int(stable.get("weight") or 0))

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: TrafficShiftSpec) -> Plan | None:
        live = self.live_weights(*parse_id(id_))
        if live is None:
            return None
        return plan_traffic_shift(desired, self.recorded_spec(olds), live)

    def recorded_spec(self, olds: dict[str, Any]) -> TrafficShiftSpec | None:
        try:
            return TrafficShiftSpec.model_validate(self.split(olds)[0])
        except ValidationError:
            return None

    # ----- the walk -------------------------------------------------------------------------

    def walk(self, spec: TrafficShiftSpec, meta: dict[str, Any], recorded: Weights | None) -> Weights:
        """Apply, bake and gate each remaining step; on a failed gate restore the starting weights."""
        client = self.client()
        for deployment_id in (spec.stable_deployment_id, spec.canary_deployment_id):
            wait_deployment_in(client, spec.service_id, deployment_id, SETTLED, meta["timeout_seconds"])
        live = self.live_weights(spec.service_id, spec.stable_deployment_id, spec.canary_deployment_id)
        if live is None:
            raise RuntimeError(f"TrafficShift {shift_id(spec)}: a deployment of the shift does not exist")
        walk = plan_walk(spec.steps, live)
        start = starting_weights(live, recorded, walk)
        total = len(spec.steps)
        for number, step in walk.remaining():
            seen = alarming_event_ids(client, spec)
            target = Weights.at(step)
            if walk.resumed and number == walk.first + 1:
                say(f"TrafficShift {shift_id(spec)}: step {number}/{total} ({target.describe()}) is already live; "
                    "resuming there (bake and gate again)")
            else:
                say(f"TrafficShift {shift_id(spec)}: step {number}/{total}: {target.describe()}")
                self.set_weights(spec, target)
            if spec.bake_seconds:
                sleep(spec.bake_seconds)
            gate = check_gate(client, spec, seen)
            if not gate.passed:
                self.set_weights(spec, start)
                raise GateFailed(f"TrafficShift {shift_id(spec)}: the gate of step {number}/{total} "
                                 f"(canary {step}%) failed: {gate.describe()}. Rolled back to the starting "
                                 f"weights ({start.describe()}).")
        return Weights.at(spec.steps[-1])

    def set_weights(self, spec: TrafficShiftSpec, weights: Weights) -> None:
        # Canary first: with relative weights the canary's share then moves
        # monotonically from the old value to the new one, in either direction.
        client = self.client()
        for deployment_id, weight in ((spec.canary_deployment_id, weights.canary),
                                      (spec.stable_deployment_id, weights.stable)):
            live = client.deployments.get(spec.service_id, deployment_id)
            if live.get("weight") != weight:
                client.deployments.update(spec.service_id, deployment_id, weight_update_body(live, weight))

    # ----- lifecycle --------------------------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = TrafficShiftSpec.model_validate(spec_inputs)
        final = self.walk(spec, meta, recorded=None)
        return CreateResult(shift_id(spec), outputs(spec, meta, final))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = TrafficShiftSpec.model_validate(spec_inputs)
        # The weights the state last recorded are where this run (or the
        # interrupted run it resumes) started from.
        recorded = None
        if isinstance(olds.get("canary_weight"), (int, float)) and isinstance(olds.get("stable_weight"), (int, float)):
            recorded = Weights(int(olds["canary_weight"]), int(olds["stable_weight"]))
        final = self.walk(spec, meta, recorded)
        return UpdateResult(outputs(spec, meta, final))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        service_id, stable_id, canary_id = parse_id(id_)
        live = self.live_weights(service_id, stable_id, canary_id)
        if live is None:
            return ReadResult(None, {})
        spec_inputs, meta = self.split(props)
        ids = {"service_id": service_id, "stable_deployment_id": stable_id, "canary_deployment_id": canary_id}
        try:
            spec = TrafficShiftSpec.model_validate({**spec_inputs, **ids})
        except ValidationError:
            # An import has no steps to read back: the live canary weight is the one step.
            spec = TrafficShiftSpec.model_validate({**ids, "steps": [live.canary]})
        inputs = {**spec.body(), **meta}
        return ReadResult(id_, outputs(spec, meta, live), inputs)

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

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {**args, "current_step": None, "canary_weight": None, "stable_weight": None, "status": None}
        super().__init__(TrafficShiftProvider(), resource_name, props, opts)
