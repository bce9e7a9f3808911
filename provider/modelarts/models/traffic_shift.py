"""TrafficShift: moves live traffic from a stable deployment to a canary, step by step.

Not an API object of its own: it owns the `weight` of two deployments of one
service. Each step gives the canary `step` and the stable deployment
`100 - step` (weights are relative, so that is the canary's share in percent
while both serve), bakes, then checks a health gate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field
from .common import NonBlank

MAX_STEPS = 20
MAX_BAKE_SECONDS = 24 * 3600

Percent = Annotated[int, Field(ge=0, le=100)]


class TrafficShiftSpec(Spec):
    # Steps, bake time and gate settings only steer the next walk: changed in place.
    service_id: NonBlank = spec_field(change=Action.REPLACE, why="a traffic shift moves traffic inside one service",
                                      min_length=1)
    """ID of the service whose traffic is shifted."""
    stable_deployment_id: NonBlank = spec_field(change=Action.REPLACE, min_length=1,
                                                why="shifting between other deployments is a different shift")
    """ID of the deployment traffic moves away from; at each step it gets 100 minus the step."""
    canary_deployment_id: NonBlank = spec_field(change=Action.REPLACE, min_length=1,
                                                why="a new canary is a new release: its shift starts over")
    """ID of the deployment traffic moves to; it must differ from stable_deployment_id."""
    steps: list[Percent] = spec_field(change=Action.UPDATE, min_length=1, max_length=MAX_STEPS)
    """Canary weights in percent, strictly increasing, in the order they are applied; the last one is where the
    shift ends."""
    bake_seconds: float = spec_field(0, change=Action.UPDATE, ge=0, le=MAX_BAKE_SECONDS)
    """Wait after each step before its health gate is checked, in seconds."""
    max_unhealthy_instances: int = spec_field(0, change=Action.UPDATE, ge=0)
    """Gate: how many unhealthy instances (both deployments together) a step tolerates."""
    require_running: bool = spec_field(True, change=Action.UPDATE)
    """Gate: whether both deployments must be RUNNING; when off, only a FAILED or ERROR deployment fails the
    step."""
    fail_on_events: bool = spec_field(True, change=Action.UPDATE)
    """Gate: whether a new ABNORMAL or WARNING service event fails the step. The platform reports every
    unhealthy instance as an event, so max_unhealthy_instances only helps with this off."""

    @field_validator("steps")
    @classmethod
    def _increasing(cls, steps: list[int]) -> list[int]:
        for before, after in zip(steps, steps[1:]):
            if after <= before:
                raise ValueError(f"must be strictly increasing, but {after} follows {before}")
        return steps

    @model_validator(mode="after")
    def _two_deployments(self) -> "TrafficShiftSpec":
        if self.stable_deployment_id == self.canary_deployment_id:
            raise ValueError("canary_deployment_id: must differ from stable_deployment_id")
        return self
