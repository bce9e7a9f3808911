"""How each service field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from ..models.service import ServiceSpec
from .plan import Action, Plan, changed_paths, classify

# Fields the update API does not accept: changing them means a new service.
REPLACE_FIELDS: dict[str, str] = {
    "type": "the call mode (sync/async) of a service is fixed at creation",
    "deploy_type": "single/multi-node deployment type is fixed at creation",
    "workload_type": "the workload type is fixed at creation",
    "workspace_id": "a service cannot move between workspaces",
}

RULES: dict[str, Action] = {
    **{name: Action.REPLACE for name in REPLACE_FIELDS},
    "state": Action.START_STOP,
    # Everything else (name, description, runtime/upgrade/log config,
    # auto-stop schedule, tags through the tag API) changes in place.
}


def plan_service(desired: ServiceSpec, live: ServiceSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("service not found: it will be created",))
    return Plan(changes=classify(changed_paths(desired, live), RULES, Action.UPDATE))
