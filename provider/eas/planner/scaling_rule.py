"""How a scaling rule can change, and the calls that carry a plan out (per scaler: create, update, delete)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, classified_changes
from ..models.scaling_rule import ScalingRuleSpec


@dataclass(frozen=True, kw_only=True)
class PutScaler(Step):
    """Create (when `exists` is false) or update one scaler with the desired settings."""

    kind: str  # "cron" or "autoscaler"
    exists: bool


@dataclass(frozen=True, kw_only=True)
class DeleteScaler(Step):
    kind: str


KINDS = ("cron", "autoscaler")


def managed_kinds(desired: ScalingRuleSpec | None, recorded: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The scalers a rule manages: those it declares, and those it declared before (a removed one is
    deleted). A scaler of another kind is someone else's, left alone and never read: a rule of one kind
    costs one read to plan."""
    return tuple(kind for kind in KINDS
                 if (desired is not None and getattr(desired, kind) is not None) or (recorded or {}).get(kind))


def plan_scaling_rule(desired: ScalingRuleSpec, live: ScalingRuleSpec | None) -> Plan:
    """`live` has a None part for a scaler the service does not have (or that was not read: not managed);
    None as a whole: neither exists."""
    if live is None:
        return Plan(notes=("no scaler found: it will be created",))
    plan = Plan(changes=classified_changes(desired, live))
    if plan.action is Action.REPLACE:
        return plan
    changes, steps = list(plan.changes), []
    for kind in KINDS:
        want, have = getattr(desired, kind), getattr(live, kind)
        if want is None and have is not None:
            changes.append(Change(kind, Action.UPDATE, old="present", new=None))
            steps.append(DeleteScaler(action=Action.UPDATE, kind=kind))
        elif want is not None and kind in plan.top_fields:
            steps.append(PutScaler(action=Action.UPDATE, kind=kind, exists=have is not None))
    return Plan(changes=tuple(changes), steps=tuple(steps))
