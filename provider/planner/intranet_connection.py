"""How each intranet-connection field can change, and the plan for a desired/live pair."""

from __future__ import annotations

from ..models.intranet_connection import IntranetConnectionSpec
from .plan import Action, Change, Plan, changed_paths, classify

# Only the custom URLs have an update operation (`/modify`); the rest defines
# which network reaches which service, i.e. another VPC endpoint.
REPLACE_FIELDS: dict[str, str] = {
    "service_id": "a connection links one service for life",
    "scene": "the network type (VPC or resource pool) is fixed at creation",
    "type": "the access granularity (SERVICE or GLOBAL) is fixed at creation",
    "vpc_id": "the VPC endpoint lives in the VPC chosen at creation",
    "subnet_id": "the VPC endpoint lives in the subnet chosen at creation",
    "pool_id": "the resource pool is fixed at creation",
    "dispatcher_group_id": "the dispatcher group is fixed at creation",
}

RULES: dict[str, Action] = {**{name: Action.REPLACE for name in REPLACE_FIELDS}, "custom_urls": Action.UPDATE}

# Statuses the platform leaves by itself (or by the owner's decision).
PENDING = {"APPROVING", "CONNECTING"}


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
    changes = classify(changed_paths(desired.without_label(), live), RULES, Action.REPLACE)
    if recorded_status in PENDING and live_status and live_status != recorded_status:
        changes += (Change("status", Action.UPDATE, old=recorded_status, new=live_status),)
    return Plan(changes=changes)
