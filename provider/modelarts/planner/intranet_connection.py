"""How each intranet-connection field can change, and the plan for a desired/live pair."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, classified_changes
from ..models.intranet_connection import IntranetConnectionSpec
from ..statuses import CONNECTION_FAILED, CONNECTION_PENDING



@dataclass(frozen=True, kw_only=True)
class ModifyUrls(Step):
    urls: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class RetryConnection(Step):
    """The platform's answer to "Connection failed. Try again"."""


@dataclass(frozen=True, kw_only=True)
class RecordStatus(Step):
    """Nothing to call: the outputs catch up with a status the owner moved on."""

    status: str


def plan_intranet_connection(
    desired: IntranetConnectionSpec,
    live: IntranetConnectionSpec | None,
    recorded_status: str | None = None,
    live_status: str | None = None,
) -> Plan:
    """Plan from `live` to `desired`.

    A connection recorded while still pending (waiting for the owner's
    approval, say) that has moved on since gets a status-only update, so the
    next `up` brings its outputs up to date without any API change.
    """
    if live is None:
        return Plan(notes=("intranet connection not found: it will be created",))
    plan = Plan(changes=classified_changes(desired, live))
    if plan.action is Action.REPLACE:
        return plan
    steps: list[Step] = []
    if "custom_urls" in plan.top_fields and desired.custom_urls is not None:
        steps.append(ModifyUrls(action=Action.UPDATE, urls=tuple(desired.custom_urls)))
    if live_status == CONNECTION_FAILED:
        steps.append(RetryConnection(action=Action.UPDATE))
    changes = plan.changes
    if recorded_status in CONNECTION_PENDING and live_status and live_status != recorded_status:
        changes += (Change("status", Action.UPDATE, old=recorded_status, new=live_status),)
        steps.append(RecordStatus(action=Action.UPDATE, status=live_status))
    return Plan(changes=changes, steps=tuple(steps))
