"""CanaryRelease: move a service's traffic to a canary deployment in gated steps.

A component around one `TrafficShift` child: it names the child after
itself, accepts deployment ids or `Deployment` resources, and exposes the
shift's outcome as its own outputs.

The cloud is an argument, as for InferenceService: `cloud="modelarts"` (the
default) or `cloud="eas"`. On EAS the service is a service group and the
deployments are its members: give `inference_iac.eas` resources or their ids
(`<region>/<name>`, e.g. InferenceService's `service_id`); the shift acts in
the region the provider is configured for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Union

import pulumi

from inference_iac.core.errors import ReportedError
from inference_iac.core.unknowns import is_unknown
from inference_iac.eas import Deployment as EasDeployment
from inference_iac.eas import Service as EasService
from inference_iac.modelarts import Deployment, TrafficShift

from . import eas
from .args import CLOUDS, EAS, MODELARTS
from .backend import timeout_input, walk_inputs

TYPE = "inference:components:CanaryRelease"

DeploymentRef = Union[str, pulumi.Output, Deployment, EasDeployment]


class CanaryReleaseArgsError(ReportedError, ValueError):
    """The argument object breaks a rule; the message names every offending field."""


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

    service_id: Union[pulumi.Input[str], EasService]
    """The service both deployments serve behind: its id (on EAS also the eas.Service resource)."""
    stable: DeploymentRef
    """The deployment serving now: a Deployment resource of the release's cloud or its id."""
    canary: DeploymentRef
    """The new deployment: a Deployment resource of the release's cloud or its id."""
    steps: list[int] = field(default_factory=lambda: [10, 50, 100])
    """The canary's share in percent at each step, strictly increasing."""
    bake_seconds: float = 0
    """How long each step runs before its gate is checked."""
    gate: GateArgs = field(default_factory=GateArgs)
    """What each step must show to go on."""
    timeout_seconds: Optional[int] = None
    """How long the shift waits for a deployment to settle."""
    cloud: str = MODELARTS
    """Where the service runs: "modelarts" (the default) or "eas" (PAI-EAS)."""


def deployment_id(ref: DeploymentRef) -> pulumi.Input[str]:
    return ref.deployment_id if isinstance(ref, Deployment) else ref


def _other_cloud(args: CanaryReleaseArgs) -> list[str]:
    """Resources of the cloud the release is not for."""
    foreign = (EasService, EasDeployment) if args.cloud == MODELARTS else (Deployment,)
    return [f"{field}: a resource of the other cloud, but cloud is {args.cloud!r}"
            for field in ("service_id", "stable", "canary") if isinstance(getattr(args, field), foreign)]


def problems(args: CanaryReleaseArgs) -> list[str]:
    if is_unknown(args.cloud) or args.cloud not in CLOUDS:
        return [f"cloud: {args.cloud!r} is not a cloud this component builds on (one of {', '.join(CLOUDS)})"]
    found = _other_cloud(args)
    if found or args.cloud != EAS:
        return found  # ModelArts inputs are judged by the TrafficShift's own check at preview
    return eas.canary_problems(args)


def modelarts_shift(name: str, args: CanaryReleaseArgs, opts: pulumi.ResourceOptions) -> TrafficShift:
    inputs: dict[str, Any] = {
        "service_id": args.service_id,
        "stable_deployment_id": deployment_id(args.stable),
        "canary_deployment_id": deployment_id(args.canary),
        **walk_inputs(args),
        **timeout_input(args.timeout_seconds),
    }
    return TrafficShift(name, inputs, opts=opts)


class CanaryRelease(pulumi.ComponentResource):
    shift: pulumi.CustomResource
    canary_weight: pulumi.Output[int]
    stable_weight: pulumi.Output[int]
    current_step: pulumi.Output[int]
    status: pulumi.Output[str]

    def __init__(self, name: str, args: CanaryReleaseArgs, opts: Optional[pulumi.ResourceOptions] = None):
        found = problems(args)  # before registering anything
        if found:
            raise CanaryReleaseArgsError(f"CanaryRelease {name}: " + "; ".join(found))
        super().__init__(TYPE, name, None, opts)
        make = eas.traffic_shift if args.cloud == EAS else modelarts_shift
        self.shift = make(f"{name}-shift", args, pulumi.ResourceOptions(parent=self))
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
