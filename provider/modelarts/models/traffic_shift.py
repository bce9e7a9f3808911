"""TrafficShift: moves live traffic from a stable deployment to a canary, step by step.

Not an API object of its own: it owns the `weight` of two deployments of one
service. The steps, the bake and the gate are every cloud's
(`core.traffic_shift.model`); ModelArts names the service and the deployments
by id.
"""

from __future__ import annotations

from ...core.actions import Action
from ...core.spec import Spec, spec_field
from ...core.traffic_shift.model import ShiftSpec, gate_switch
from .common import NonBlank


class ShiftMembers(Spec):
    service_id: NonBlank = spec_field(change=Action.REPLACE, why="a traffic shift moves traffic inside one service",
                                      min_length=1)
    """ID of the service whose traffic is shifted."""
    stable_deployment_id: NonBlank = spec_field(change=Action.REPLACE, min_length=1,
                                                why="shifting between other deployments is a different shift")
    """ID of the deployment traffic moves away from; at each step it gets 100 minus the step."""
    canary_deployment_id: NonBlank = spec_field(change=Action.REPLACE, min_length=1,
                                                why="a new canary is a new release: its shift starts over")
    """ID of the deployment traffic moves to; it must differ from stable_deployment_id."""


class TrafficShiftSpec(ShiftSpec, ShiftMembers):
    member_fields = ("service_id", "stable_deployment_id", "canary_deployment_id")

    require_running: bool = gate_switch()
    """Gate: whether both deployments must be RUNNING; when off, only a FAILED or ERROR deployment fails the
    step."""
    fail_on_events: bool = gate_switch()
    """Gate: whether a new ABNORMAL or WARNING service event fails the step. The platform reports every
    unhealthy instance as an event, so max_unhealthy_instances only helps with this off."""
