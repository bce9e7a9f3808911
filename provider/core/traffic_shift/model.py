"""The inputs every cloud's TrafficShift shares: the steps, the bake and the health gate.

Each step gives the canary `step` and the stable deployment `100 - step`
(weights are relative, so that is the canary's share in percent while both
serve), bakes, then checks a health gate.

A cloud's spec names the service and the two deployments in its own API's
terms. It derives from `ShiftSpec` first and from a `Spec` of those three
fields second: pydantic orders fields from the last base to the first, so the
three come first in the inputs, the reference docs and the plan lines.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_validator

from ..actions import Action
from ..spec import Spec, spec_field

MAX_STEPS = 20
MAX_BAKE_SECONDS = 24 * 3600

Percent = Annotated[int, Field(ge=0, le=100)]


def gate_switch() -> Any:
    """`require_running` and `fail_on_events`: on unless turned off, changed in place.

    A cloud declares them again only to describe them in its platform's words
    (its status names, the kind of event it counts)."""
    return spec_field(True, change=Action.UPDATE)


class ShiftSpec(Spec):
    # Steps, bake time and gate settings only steer the next walk: changed in place.

    # The fields naming the service, the stable deployment and the canary, in that order.
    member_fields: ClassVar[tuple[str, str, str]]

    steps: list[Percent] = spec_field(change=Action.UPDATE, min_length=1, max_length=MAX_STEPS)
    """Canary weights in percent, strictly increasing, in the order they are applied; the last one is where the
    shift ends."""
    bake_seconds: float = spec_field(0, change=Action.UPDATE, ge=0, le=MAX_BAKE_SECONDS)
    """Wait after each step before its health gate is checked, in seconds."""
    max_unhealthy_instances: int = spec_field(0, change=Action.UPDATE, ge=0)
    """Gate: how many unhealthy instances (both deployments together) a step tolerates."""
    require_running: bool = gate_switch()
    """Gate: whether both deployments must be running."""
    fail_on_events: bool = gate_switch()
    """Gate: whether a new alarming event fails the step."""

    @field_validator("steps")
    @classmethod
    def _increasing(cls, steps: list[int]) -> list[int]:
        for before, after in zip(steps, steps[1:]):
            if after <= before:
                raise ValueError(f"must be strictly increasing, but {after} follows {before}")
        return steps

    @model_validator(mode="after")
    def _two_deployments(self) -> "ShiftSpec":
        _, stable, canary = self.member_fields
        if getattr(self, stable) == getattr(self, canary):
            raise ValueError(f"{canary}: must differ from {stable}")
        return self

    def members(self) -> tuple[str, str, str]:
        """(service, stable deployment, canary deployment) as the cloud names them."""
        service, stable, canary = (getattr(self, name) for name in self.member_fields)
        return service, stable, canary

    def by_role(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(role, deployment) for the canary, then the stable deployment: the order a gate reads them in."""
        _, stable, canary = self.members()
        return ("canary", canary), ("stable", stable)

    def label(self) -> str:
        """How messages and progress lines name the shift: `<service>/<stable>/<canary>`."""
        return "/".join(self.members())
