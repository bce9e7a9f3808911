"""How each gateway field can change, and the plan for a desired/live pair."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Plan, Step, classified_changes
from ..models.gateway import GatewaySpec


@dataclass(frozen=True, kw_only=True)
class UpdateGateway(Step):
    """One UpdateGateway with the changed fields."""

    fields: tuple[str, ...]


def plan_gateway(desired: GatewaySpec, live: GatewaySpec | None) -> Plan:
    if live is None:
        return Plan(notes=("gateway not found: it will be created",))
    plan = Plan(changes=classified_changes(desired, live))
    if plan.action in (Action.NOOP, Action.REPLACE):
        return plan
    return plan.with_steps(UpdateGateway(action=Action.UPDATE, fields=tuple(sorted(plan.top_fields))))
