"""How each API key field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, changed_paths, classify
from ...core.spec import change_rules
from ..models.api_key import ApiKeySpec

# The API has no update operation for keys: only bindings change in place.
RULES = change_rules(ApiKeySpec)


@dataclass(frozen=True, kw_only=True)
class Rebind(Step):
    bind: tuple[str, ...]
    unbind: tuple[str, ...]


def plan_api_key(desired: ApiKeySpec, live: ApiKeySpec | None) -> Plan:
    if live is None:
        return Plan(notes=("API key not found: it will be created",))
    attributes = desired.model_copy(update={"service_ids": None})
    plan = Plan(changes=classify(changed_paths(attributes, live), RULES, Action.REPLACE))
    want, have = set(desired.service_ids), set(live.service_ids)
    if want == have:
        return plan
    binding = Change("service_ids", Action.UPDATE, old=sorted(have), new=sorted(want))
    return Plan(changes=plan.changes + (binding,), steps=(
        Rebind(action=Action.UPDATE, bind=tuple(sorted(want - have)), unbind=tuple(sorted(have - want))),))
