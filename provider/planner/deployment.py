"""How each deployment field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from ..models.deployment import DeploymentSpec
from .plan import Action, Plan, changed_paths, classify

# Fields that cannot change on an existing deployment.
REPLACE_FIELDS: dict[str, str] = {
    "service_id": "a deployment belongs to one service for life",
    "name": "deployments are addressed by name (scale, instances); renaming is not supported",
}

RULES: dict[str, Action] = {
    **{name: Action.REPLACE for name in REPLACE_FIELDS},
    "count": Action.SCALE,  # replica count alone: no new version
    "weight": Action.TRAFFIC,  # traffic policy: no redeploy
    "description": Action.UPDATE,
}


def plan_deployment(desired: DeploymentSpec, live: DeploymentSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("deployment not found: it will be created",))
    # Anything not named above (image, flavor, env, pool, ports, upgrade
    # policy...) rolls out as a new deployment version.
    return Plan(changes=classify(changed_paths(desired, live), RULES, Action.ROLLING_UPGRADE))
