"""TrafficShift: moves a service group's traffic from a stable Deployment to a canary, step by step.

Not an API object of its own: it owns the weights of two members of one group
(ReleaseService, TrafficState grouping). The steps, the bake and the gate are
every cloud's (`core.traffic_shift.model`); EAS names the group and its
members by name.
"""

from __future__ import annotations

from ...core.actions import Action
from ...core.spec import Spec, spec_field
from ...core.traffic_shift.model import ShiftSpec, gate_switch
from .common import NAME


class ShiftMembers(Spec):
    service_name: str = spec_field(change=Action.REPLACE, pattern=NAME,
                                   why="a traffic shift moves traffic inside one service group")
    """Name of the Service (group) whose traffic is shifted; both deployments must be its members."""
    stable_deployment_name: str = spec_field(change=Action.REPLACE, pattern=NAME,
                                             why="shifting between other deployments is a different shift")
    """Name of the deployment traffic moves away from; at each step it gets 100 minus the step."""
    canary_deployment_name: str = spec_field(change=Action.REPLACE, pattern=NAME,
                                             why="a new canary is a new release: its shift starts over")
    """Name of the deployment traffic moves to; it must differ from stable_deployment_name."""


class TrafficShiftSpec(ShiftSpec, ShiftMembers):
    member_fields = ("service_name", "stable_deployment_name", "canary_deployment_name")

    require_running: bool = gate_switch()
    """Gate: whether both deployments must be Running; when off, only a Failed one fails the step."""
    fail_on_events: bool = gate_switch()
    """Gate: whether a new Warning event of either deployment fails the step."""
