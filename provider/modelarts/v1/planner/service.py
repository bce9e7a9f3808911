"""How each v1 service field can change, and the plan for a given desired/live pair.

The platform takes a `status` or a `config` in one update request, not both
(seed 001: given both, it changes the status only). So a plan that changes
settings and the run state has two steps: one update with the settings
(config, description, schedule, additional_properties), and once the service
has settled on them, one with the status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ....core.actions import Action
from ....core.plan import Change, Plan, Step, classified_changes, top_level
from ....core.replace import ALLOW_REPLACE_HINT, ReplaceRefused
from ....core.spec import field_role, model_in, replace_reasons
from ..models.service import ServiceSpec

# Settings the platform keeps once enabled (seed 000 Table 14): changing them takes a new service.
STICKY = {
    "additional_properties.websocket_upgrade": "WebSocket cannot be turned off once enabled (seed 000)",
    "additional_properties.log_report_channels": "LTS log reporting cannot be changed once enabled (seed 000)",
}


@dataclass(frozen=True, kw_only=True)
class PutSettings(Step):
    """One update request with these top-level fields (never the status)."""

    fields: tuple[str, ...]

    def describe(self) -> str:
        return f"update {', '.join(self.fields)}"


@dataclass(frozen=True, kw_only=True)
class SetStatus(Step):
    """One update request with `status` alone: running (start) or stopped (stop)."""

    status: str

    def describe(self) -> str:
        return "start" if self.status == "running" else "stop"

    @property
    def doing(self) -> str:
        return "starting" if self.status == "running" else "stopping"


def item_rules(cls: type = ServiceSpec) -> dict[str, tuple[Action, str | None]]:
    """Rules the fields of list items declare (`config[].affinity` -> replace), which the core's
    classification of top-level and nested fields does not reach: pattern -> (action, why)."""
    rules = {}
    for name, info in cls.model_fields.items():
        inner = model_in(info.annotation)
        if inner is None or inner is cls:
            continue
        for item_field in inner.model_fields:
            role = field_role(inner, item_field)
            if role.get("change"):
                pattern = rf"^{re.escape(name)}\[\d+\]\.{re.escape(item_field)}(?=$|[.\[])"
                rules[pattern] = (Action(role["change"]), role.get("why"))
    return rules


def _reclassified(change: Change, desired: ServiceSpec, live: ServiceSpec) -> Change:
    for pattern, (action, _) in item_rules().items():
        if re.match(pattern, change.path):
            return replace(change, action=action)
    sticky = _sticky_field(change.path)
    if sticky is not None and _was_enabled(live, sticky):
        return replace(change, action=Action.REPLACE)
    return change


def _sticky_field(path: str) -> str | None:
    """The STICKY field `path` is in (itself or below it), if any."""
    return next((key for key in STICKY if path == key or path.startswith((key + ".", key + "["))), None)


def _was_enabled(live: ServiceSpec, sticky: str) -> bool:
    props = live.additional_properties
    return bool(props and getattr(props, sticky.split(".", 1)[1]))


def plan_service(desired: ServiceSpec, live: ServiceSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("service not found: it will be created",))
    changes = tuple(_reclassified(c, desired, live) for c in classified_changes(desired, live))
    plan = Plan(changes=changes)
    if plan.action is Action.REPLACE:
        return plan
    settings = tuple(sorted(plan.top_fields - {"state"}))
    steps: list[Step] = []
    if settings:
        steps.append(PutSettings(action=Action.UPDATE, fields=settings))
        if "config" in settings:
            plan = plan.with_note("the service redeploys on the new config; the platform rolls back a failed "
                                  "update")
    if "state" in plan.top_fields and desired.state is not None:
        steps.append(SetStatus(action=Action.START_STOP, status=desired.state))
        if settings:
            plan = plan.with_note(f"then {steps[-1].describe()} once the settings are applied (the platform "
                                  "takes settings and status in separate requests)")
    return plan.with_steps(*steps)


def replace_reason(path: str) -> str:
    """Why the change at `path` needs a new service."""
    sticky = _sticky_field(path)
    if sticky is not None:
        return STICKY[sticky]
    for pattern, (_, why) in item_rules().items():
        if re.match(pattern, path):
            return why or "cannot change in place"
    return replace_reasons(ServiceSpec).get(top_level(path), "cannot change in place")


def refuse_replace(name: str, plan: Plan, *, allowed: bool = False) -> None:
    """Raise ReplaceRefused when `plan` replaces and that is not allowed, naming each field and why."""
    if plan.action is not Action.REPLACE or allowed:
        return
    why = "; ".join(f"{c.path}: {replace_reason(c.path)}" for c in plan.changes if c.action is Action.REPLACE)
    raise ReplaceRefused(f"Service {name} would have to be replaced ({why}){ALLOW_REPLACE_HINT}")
