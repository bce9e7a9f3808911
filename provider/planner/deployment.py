"""How each deployment field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from typing import Iterable

from ..models.deployment import DeploymentSpec
from .plan import Action, Plan, changed_paths, classify

# Fields that cannot change on an existing deployment.
REPLACE_FIELDS: dict[str, str] = {
    "service_id": "a deployment belongs to one service for life",
    "name": "deployments are addressed by name (scale, instances); renaming is not supported",
    "workload_type": "the update API does not accept a workload type",
}

RULES: dict[str, Action] = {
    **{name: Action.REPLACE for name in REPLACE_FIELDS},
    "count": Action.SCALE,  # replica count alone: no new version
    "weight": Action.TRAFFIC,  # traffic policy: no redeploy
    "mirror_traffic_enable": Action.TRAFFIC,
    "mirror_traffic_weight": Action.TRAFFIC,
    "description": Action.UPDATE,
    "state": Action.START_STOP,
}


def plan_deployment(
    desired: DeploymentSpec,
    live: DeploymentSpec | None,
    ignored: Iterable[str] = (),
) -> Plan:
    """`ignored` names fields something else owns (a scaling rule owns `count`)."""
    if live is None:
        return Plan(notes=("deployment not found: it will be created",))
    skip = set(ignored) | {"initial_weight"}  # create-only
    differences = [d for d in changed_paths(desired, live) if d[0] not in skip]
    # Anything not named above (image, flavor, env, pool, probes, mounts,
    # ports, upgrade policy...) rolls out as a new deployment version.
    notes = tuple(f"{field} is owned by a scaling rule; its drift is ignored" for field in sorted(set(ignored)))
    return Plan(changes=classify(differences, RULES, Action.ROLLING_UPGRADE), notes=notes)


def matching_version(desired: DeploymentSpec, versions: dict[str, DeploymentSpec]) -> str | None:
    """A recorded version whose configuration is what `desired` asks for, if any.

    Reverting a stack to an earlier configuration then switches the
    deployment back to that version instead of rolling out a new one. Replica
    count, weight and run state are not part of a version.
    """
    for version, spec in versions.items():
        aligned = spec.model_copy(update={"count": desired.count, "weight": desired.weight,
                                          "state": desired.state, "description": desired.description})
        if not changed_paths(desired, aligned):
            return version
    return None
