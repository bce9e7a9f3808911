"""How a scaling policy can change, the plan for a desired/live pair, and the rule edits that carry it out."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Plan, Step, classified_changes
from ..models.scaling_rule import LivePolicy, RuleEdit, ScalingRuleSpec



@dataclass(frozen=True, kw_only=True)
class EditRules(Step):
    edits: tuple[RuleEdit, ...]


def rule_edits(desired: ScalingRuleSpec, live: LivePolicy) -> list[RuleEdit]:
    """The per-rule ADD / UPDATE / DELETE edits that turn the live rules into the desired ones.

    Rules are matched by name; a renamed rule is a delete plus an add.
    Deletes come first and adds last, so the rule-count limit holds at every step.
    """
    live_rules = {rule.name: rule for rule in live.rules}
    wanted = {rule.name: rule for rule in desired.rules}
    deletes = [RuleEdit("DELETE", live=rule) for name, rule in live_rules.items() if name not in wanted]
    updates, adds = [], []
    for name, rule in wanted.items():
        current = live_rules.get(name)
        if current is None:
            adds.append(RuleEdit("ADD", rule=rule))
        elif not current.same_as(rule, desired.enabled):
            updates.append(RuleEdit("UPDATE", rule=rule, live=current))
    return deletes + updates + adds


def plan_scaling_rule(desired: ScalingRuleSpec, live: LivePolicy | None, service_id: str | None = None,
                      deployment_id: str | None = None) -> Plan:
    """`service_id`/`deployment_id`: the deployment the live policy belongs to (default: the desired one)."""
    if live is None:
        return Plan(notes=("scaling policy not found: it will be created",))
    live_spec = ScalingRuleSpec.from_api(service_id or desired.service_id, deployment_id or desired.deployment_id, live)
    plan = Plan(changes=classified_changes(desired, live_spec))
    if plan.action in (Action.NOOP, Action.REPLACE):
        return plan
    return plan.with_steps(EditRules(action=Action.UPDATE, edits=tuple(rule_edits(desired, live))))
