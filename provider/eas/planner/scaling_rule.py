"""How a scaling rule can change, and the calls that carry a plan out (per scaler: create, update, delete)."""

from __future__ import annotations

from dataclasses import dataclass

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


def plan_scaling_rule(desired: ScalingRuleSpec, live: ScalingRuleSpec | None) -> Plan:
    """`live` has a None part for a scaler the service does not have; None as a whole: neither exists."""
    if live is None:
        return Plan(notes=("no scaler found: it will be created",))
    plan = Plan(changes=classified_changes(desired, live))
    if plan.action is Action.REPLACE:
        return plan
    changes, steps = list(plan.changes), []
    for kind in ("cron", "autoscaler"):
        want, have = getattr(desired, kind), getattr(live, kind)
        if want is None and have is not None:
            changes.append(Change(kind, Action.UPDATE, old="present", new=None))
            steps.append(DeleteScaler(action=Action.UPDATE, kind=kind))
        elif want is not None and kind in plan.top_fields:
            steps.append(PutScaler(action=Action.UPDATE, kind=kind, exists=have is not None))
    return Plan(changes=tuple(changes), steps=tuple(steps))
