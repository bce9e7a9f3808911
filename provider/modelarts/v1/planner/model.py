"""The plan of a v1 model: nothing changes in place (the registry has no update)."""

from __future__ import annotations

from ....core.plan import Plan, classified_changes
from ..models.model import ModelSpec


def plan_model(desired: ModelSpec, live: ModelSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("model not found: it will be created",))
    plan = Plan(changes=classified_changes(desired, live))
    if plan.changes and not identity_changed(desired, live):
        plan = plan.with_note("the same name and version: the old model is deleted first, which the registry "
                              "refuses while a service uses it")
    return plan


def identity_changed(desired: ModelSpec, live: ModelSpec) -> bool:
    """A new name or version is a new model, which can exist beside the old one."""
    return (desired.model_name, desired.model_version) != (live.model_name, live.model_version)
