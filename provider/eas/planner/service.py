"""The plan of a Service (a group): its name is all there is to change, and the outputs catch up
with the group once its first Deployment made it appear."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, classified_changes
from ..models.service import ServiceSpec


@dataclass(frozen=True, kw_only=True)
class RecordGroup(Step):
    """Nothing to call: the outputs take the group's endpoints, which exist only once a member does."""


def plan_service(desired: ServiceSpec, recorded: ServiceSpec, recorded_endpoint: str | None,
                 live_endpoint: str | None) -> Plan:
    plan = Plan(changes=classified_changes(desired, recorded))
    if plan.action is Action.REPLACE:
        return plan
    if (live_endpoint or "") != (recorded_endpoint or ""):
        change = Change("internet_endpoint", Action.UPDATE, old=recorded_endpoint or None, new=live_endpoint or None)
        return Plan(changes=plan.changes + (change,), steps=(RecordGroup(action=Action.UPDATE),))
    return plan
