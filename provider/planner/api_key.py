"""How each API key field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from ..models.api_key import ApiKeySpec
from .plan import Action, Change, Plan, changed_paths, classify

# The API has no update operation for keys: only bindings change in place.
REPLACE_FIELDS: dict[str, str] = {
    "name": "API keys have no update API; a new name means a new key (and a new secret value)",
    "description": "API keys have no update API; a new description means a new key (and a new secret value)",
    "scope": "API keys have no update API; a new scope means a new key (and a new secret value)",
}

RULES = {name: Action.REPLACE for name in REPLACE_FIELDS}


def binding_changes(desired: ApiKeySpec, live: ApiKeySpec) -> tuple[list[str], list[str]]:
    """(service ids to bind, service ids to unbind)."""
    want, have = set(desired.service_ids), set(live.service_ids)
    return sorted(want - have), sorted(have - want)


def plan_api_key(desired: ApiKeySpec, live: ApiKeySpec | None) -> Plan:
    if live is None:
        return Plan(notes=("API key not found: it will be created",))
    attributes = desired.model_copy(update={"service_ids": None})
    changes = classify(changed_paths(attributes, live), RULES, Action.REPLACE)
    to_bind, to_unbind = binding_changes(desired, live)
    if to_bind or to_unbind:
        changes += (Change("service_ids", Action.UPDATE, old=sorted(live.service_ids),
                           new=sorted(desired.service_ids)),)
    return Plan(changes=changes)
