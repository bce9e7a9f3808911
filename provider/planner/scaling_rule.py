"""How a scaling policy can change, the plan for a desired/live pair, and the rule edits that carry it out."""

from __future__ import annotations

from typing import Any

from ..models.scaling_rule import ScalingRuleSpec
from .plan import Action, Plan, changed_paths, classify

# Fields that cannot change on an existing policy.
REPLACE_FIELDS: dict[str, str] = {
    "service_id": "a policy belongs to one deployment (of one service) for life",
    "deployment_id": "a policy belongs to one deployment for life; the policy of another deployment is a different policy",
    "workspace_id": "the update API does not move a policy between workspaces",
}

# Rule edits and enable/disable go through the update API in place.
RULES: dict[str, Action] = {name: Action.REPLACE for name in REPLACE_FIELDS}


def plan_scaling_rule(desired: ScalingRuleSpec, live: ScalingRuleSpec | None) -> Plan:
    if live is None:
        return Plan(notes=("scaling policy not found: it will be created",))
    return Plan(changes=classify(changed_paths(desired, live), RULES, Action.UPDATE))


def rule_operations(desired: ScalingRuleSpec, live_policy: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-rule ADD / UPDATE / DELETE edits (`operate`) that turn the live rules into the desired ones.

    Rules are matched by name; a renamed rule is a delete plus an add.
    Deletes come first and adds last, so the rule-count limit holds at every step.
    """
    live_rules = {rule.get("name"): rule for rule in live_policy.get("hpa_rules") or []}
    wanted = {body["name"]: body for body in desired.rule_bodies()}
    deletes, updates, adds = [], [], []
    for name, rule in live_rules.items():
        if name not in wanted:
            deletes.append({"name": name, "id": rule.get("id"), "type": rule.get("type") or "CRON_HPA",
                            "operate": "DELETE", "schedule": rule.get("schedule") or "",
                            "target_replicas": rule.get("target_replicas") or 1})
    for name, body in wanted.items():
        rule = live_rules.get(name)
        if rule is None:
            adds.append({**body, "operate": "ADD"})
        elif _differs(body, rule):
            updates.append({**body, "id": rule.get("id"), "operate": "UPDATE"})
    return deletes + updates + adds


def _differs(body: dict[str, Any], live_rule: dict[str, Any]) -> bool:
    live_disabled = str(live_rule.get("disable")).lower() == "true"
    return (body["type"] != (live_rule.get("type") or "CRON_HPA")
            or body["schedule"] != " ".join(str(live_rule.get("schedule") or "").split())
            or body["target_replicas"] != live_rule.get("target_replicas")
            or body["disable"] != live_disabled)
