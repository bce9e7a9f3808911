"""How each API key field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, classified_changes
from ..models.api_key import ApiKeySpec



@dataclass(frozen=True, kw_only=True)
class Rebind(Step):
    bind: tuple[str, ...]
    unbind: tuple[str, ...]


def plan_api_key(desired: ApiKeySpec, live: ApiKeySpec | None) -> Plan:
    if live is None:
        return Plan(notes=("API key not found: it will be created",))
    attributes = desired.model_copy(update={"service_ids": None})
    plan = Plan(changes=classified_changes(attributes, live))
    want, have = set(desired.service_ids), set(live.service_ids)
    if want == have:
        return plan
    binding = Change("service_ids", Action.UPDATE, old=sorted(have), new=sorted(want))
    return Plan(changes=plan.changes + (binding,), steps=(
        Rebind(action=Action.UPDATE, bind=tuple(sorted(want - have)), unbind=tuple(sorted(have - want))),))
