"""CanaryRelease: move a service's traffic to a canary deployment in gated steps.

A component around one `TrafficShift` child: it names the child after
itself, accepts deployment ids or `Deployment` resources, and exposes the
shift's outcome as its own outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

import pulumi

from inference_iac.modelarts import Deployment, TrafficShift

TYPE = "inference:components:CanaryRelease"

DeploymentRef = Union[str, pulumi.Output, Deployment]


@dataclass
class GateArgs:
    """What a step must show after its bake: see TrafficShift's gate."""

    max_unhealthy_instances: int = 0
    """How many unhealthy instances (both deployments together) a step may show."""
    require_running: bool = True
    """Whether both deployments must be RUNNING (else only failed ones fail the gate)."""
    fail_on_events: bool = True
    """Whether a new ABNORMAL or WARNING service event fails the step."""


@dataclass
class CanaryReleaseArgs:
    """A release of `canary` beside `stable`, in gated steps."""

    service_id: pulumi.Input[str]
    """The service both deployments serve behind."""
    stable: DeploymentRef
    """The deployment serving now: a Deployment resource or its id."""
    canary: DeploymentRef
    """The new deployment: a Deployment resource or its id."""
    steps: list[int] = field(default_factory=lambda: [10, 50, 100])
    """The canary's share in percent at each step, strictly increasing."""
    bake_seconds: float = 0
    """How long each step runs before its gate is checked."""
    gate: GateArgs = field(default_factory=GateArgs)
    """What each step must show to go on."""
    timeout_seconds: Optional[int] = None
    """How long the shift waits for a deployment to settle."""


def deployment_id(ref: DeploymentRef) -> pulumi.Input[str]:
    return ref.deployment_id if isinstance(ref, Deployment) else ref


class CanaryRelease(pulumi.ComponentResource):
    shift: TrafficShift
    canary_weight: pulumi.Output[int]
    stable_weight: pulumi.Output[int]
    current_step: pulumi.Output[int]
    status: pulumi.Output[str]

    def __init__(self, name: str, args: CanaryReleaseArgs, opts: Optional[pulumi.ResourceOptions] = None):
        super().__init__(TYPE, name, None, opts)
        inputs = {
            "service_id": args.service_id,
            "stable_deployment_id": deployment_id(args.stable),
            "canary_deployment_id": deployment_id(args.canary),
            "steps": list(args.steps),
            "bake_seconds": args.bake_seconds,
            "max_unhealthy_instances": args.gate.max_unhealthy_instances,
            "require_running": args.gate.require_running,
            "fail_on_events": args.gate.fail_on_events,
        }
        if args.timeout_seconds is not None:
            inputs["timeout_seconds"] = args.timeout_seconds
        self.shift = TrafficShift(f"{name}-shift", inputs, opts=pulumi.ResourceOptions(parent=self))
        self.canary_weight = self.shift.canary_weight
        self.stable_weight = self.shift.stable_weight
        self.current_step = self.shift.current_step
        self.status = self.shift.status
        self.register_outputs({
            "shift_id": self.shift.id,
            "canary_weight": self.canary_weight,
            "stable_weight": self.stable_weight,
            "current_step": self.current_step,
            "status": self.status,
        })
