"""The plan of an intranet connection: there is no update, so any change is a replacement."""

from __future__ import annotations

from ...core.plan import Plan, classified_changes
from ..models.intranet_connection import IntranetConnectionSpec


def plan_intranet_connection(desired: IntranetConnectionSpec, live: IntranetConnectionSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("intranet connection not found: it will be created",))
    return Plan(changes=classified_changes(desired, live))
