"""What the cloud backends of the components share.

A backend (`modelarts.py`, `eas.py`) turns the cloud-neutral arguments into
one cloud's resources. It validates them through the very models the
providers check with, so a limit has one home, and reports each problem
under the component's own argument path (`deployments[1].weight`), not the
model's; then it builds the children and hands back what the component
exposes (`Built`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

import pulumi
from pydantic import BaseModel

from inference_iac.core.unknowns import known_problems

if TYPE_CHECKING:
    from .canary import CanaryReleaseArgs

# Stand-ins for ids that exist only after the parent is created, so the
# child's model can be checked before anything is registered.
PENDING_ID = "pending-id"


def timeout_input(seconds: int | None) -> dict[str, Any]:
    """A child's `timeout_seconds` input: given only when the caller chose one (else the provider's default)."""
    return {} if seconds is None else {"timeout_seconds": seconds}


def walk_inputs(args: CanaryReleaseArgs) -> dict[str, Any]:
    """A CanaryRelease's steps, bake and gate, as every cloud's TrafficShift takes them."""
    return {
        "steps": list(args.steps),
        "bake_seconds": args.bake_seconds,
        "max_unhealthy_instances": args.gate.max_unhealthy_instances,
        "require_running": args.gate.require_running,
        "fail_on_events": args.gate.fail_on_events,
    }


def translate(path: str, paths: Mapping[str, str]) -> str:
    """A model path under the component argument it comes from (the longest matching prefix wins)."""
    for model_path in sorted(paths, key=len, reverse=True):
        if path == model_path or path.startswith((model_path + ".", model_path + "[")):
            return paths[model_path] + path[len(model_path):]
    return path


def problems_of(model: type[BaseModel], inputs: dict[str, Any], paths: Mapping[str, str], prefix: str,
                skip: Callable[[str], bool] = lambda path: False) -> list[str]:
    found = []
    for path, rule in known_problems(model, inputs):
        if skip(path):
            continue
        where = translate(path, paths)
        found.append(f"{prefix}{'.' if prefix and where else ''}{where}: {rule}")
    return found


@dataclass
class Built:
    """The children a backend registered for an InferenceService, and the values the component exposes
    (each map keyed by the deployment's, key's or connection's short name)."""

    service: pulumi.CustomResource
    deployments: dict[str, pulumi.CustomResource]
    service_id: pulumi.Output
    predict_url: pulumi.Output
    deployment_ids: dict[str, pulumi.Output]
    scaling_rules: dict[str, pulumi.CustomResource] = field(default_factory=dict)
    api_keys: dict[str, pulumi.CustomResource] = field(default_factory=dict)
    api_key_values: dict[str, pulumi.Output] = field(default_factory=dict)
    connections: dict[str, pulumi.CustomResource] = field(default_factory=dict)
    connection_ids: dict[str, pulumi.Output] = field(default_factory=dict)
    connection_statuses: dict[str, pulumi.Output] = field(default_factory=dict)
    private_urls: dict[str, pulumi.Output] = field(default_factory=dict)
