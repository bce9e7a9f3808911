"""TrafficShift: moves live traffic from a stable deployment to a canary, step by step.

Not an API object of its own: it owns the `weight` of two deployments of one
service. Each step gives the canary `step` and the stable deployment
`100 - step` (weights are relative, so that is the canary's share in percent
while both serve), bakes, then checks a health gate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from .base import Spec

MAX_STEPS = 20
MAX_BAKE_SECONDS = 24 * 3600

Percent = Annotated[int, Field(ge=0, le=100)]


class TrafficShiftSpec(Spec):
    service_id: str = Field(min_length=1)
    stable_deployment_id: str = Field(min_length=1)
    canary_deployment_id: str = Field(min_length=1)
    # Canary percentages in the order they are applied.
    steps: list[Percent] = Field(min_length=1, max_length=MAX_STEPS)
    bake_seconds: float = Field(default=0, ge=0, le=MAX_BAKE_SECONDS)
    # The gate: how many instances (both deployments together) may be unhealthy...
    max_unhealthy_instances: int = Field(default=0, ge=0)
    # ...and whether both deployments must be RUNNING (else only FAILED/ERROR fail it).
    require_running: bool = True
    # ...and whether a new ABNORMAL/WARNING service event fails it. The platform
    # reports every unhealthy instance as an event, so an allowance for
    # unhealthy instances only helps with this off.
    fail_on_events: bool = True

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
