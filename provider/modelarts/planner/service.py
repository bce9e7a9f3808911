"""How each service field can change, and the plan for a given desired/live pair."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Plan, Step, classified_changes
from ..models.service import ServiceSpec



@dataclass(frozen=True, kw_only=True)
class SyncTags(Step):
    """Through the tag API: no new service version."""

    add: dict[str, str]
    remove: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class UpdateSettings(Step):
    """One update request with the desired settings."""


@dataclass(frozen=True, kw_only=True)
class SetRunState(Step):
    state: str


def tag_edits(desired: ServiceSpec, live: ServiceSpec) -> SyncTags | None:
    wanted = {t.key: t.value for t in desired.tags}
    current = {t.key: t.value for t in live.tags}
    add = {k: v for k, v in wanted.items() if current.get(k) != v}
    remove = tuple(k for k in current if k not in wanted)
    return SyncTags(action=Action.UPDATE, add=add, remove=remove) if add or remove else None


def plan_service(desired: ServiceSpec, live: ServiceSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("service not found: it will be created",))
    plan = Plan(changes=classified_changes(desired, live))
    if plan.action is Action.REPLACE:
        return plan
    fields = plan.top_fields
    steps: list[Step] = []
    if "tags" in fields:
        steps.append(tag_edits(desired, live))
    if fields - {"tags", "state"}:
        steps.append(UpdateSettings(action=Action.UPDATE))
    if "state" in fields and desired.state is not None:
        steps.append(SetRunState(action=Action.START_STOP, state=desired.state))
    return plan.with_steps(*[s for s in steps if s is not None])
