"""ScalingRule: the HPA auto-scaling policy of one deployment (reference 4.4, domain-spec 12).

Inputs use the API's names except two: `rules` (the API's `hpa_rules`) and
`enabled`, one switch for every rule (the API has a per-rule `disable` flag,
set to `not enabled` on each rule). Rule fields the API does not echo back
(min/max replicas, cool-down windows) are left out: they could never be
compared with the live policy.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import Spec

RULE_NAME = r"^[a-z][a-z0-9-]{2,62}[a-z0-9]$"
MAX_CRON_RULES = 10

_CRON_FIELDS = (  # name, low, high, names usable instead of numbers
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of month", 1, 31, ()),
    ("month", 1, 12, ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    ("day of week", 0, 7, ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
)
_CRON_ITEM = re.compile(r"^(\*|(?P<start>[0-9A-Za-z]+)(-(?P<end>[0-9A-Za-z]+))?)(/(?P<step>[0-9]+))?$")


def cron_error(expression: str) -> str | None:
    """Why `expression` is not a 5-field cron expression (the API has no seconds field)."""
    parts = expression.split()
    if len(parts) != 5:
        return f"must have 5 fields (minute hour day-of-month month day-of-week, no seconds), got {len(parts)}"
    for text, (name, low, high, names) in zip(parts, _CRON_FIELDS):
        for item in text.split(","):
            if not _item_valid(item, low, high, names):
                return f"{name} field {text!r} is not valid (values {low}-{high}, '*', ranges, lists, steps)"
    return None


def _item_valid(item: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    match = _CRON_ITEM.match(item)
    if not match:
        return False
    if match["step"] is not None and int(match["step"]) < 1:
        return False
    bounds = [_value(match[g], low, names) for g in ("start", "end") if match[g] is not None]
    if any(v is None or not low <= v <= high for v in bounds):
        return False
    return len(bounds) < 2 or bounds[0] <= bounds[1]


def _value(text: str, low: int, names: tuple[str, ...]) -> int | None:
    if text.isdigit():
        return int(text)
    return names.index(text.upper()) + low if text.upper() in names else None


class HpaRule(Spec):
    name: str = Field(min_length=4, max_length=64, pattern=RULE_NAME)
    type: Literal["CRON_HPA", "METRIC_HPA"] = "CRON_HPA"
    schedule: str
    target_replicas: int = Field(ge=1, le=128)

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        problem = cron_error(value)
        if problem:
            raise ValueError(problem)
        return " ".join(value.split())  # the platform stores single spaces


class ScalingRuleSpec(Spec):
    service_id: str = Field(min_length=1)
    deployment_id: str = Field(min_length=1)
    rules: list[HpaRule] = Field(min_length=1)
    enabled: bool = True
    workspace_id: str | None = Field(default=None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def _rule_set(self) -> "ScalingRuleSpec":
        names = [rule.name for rule in self.rules]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"rules: names must be unique, {', '.join(duplicates)} repeated")
        cron = [(r.schedule, r.target_replicas) for r in self.rules if r.type == "CRON_HPA"]
        if len(cron) > MAX_CRON_RULES:
            raise ValueError(f"rules: at most {MAX_CRON_RULES} periodic (CRON_HPA) rules per deployment, got {len(cron)}")
        if len(set(cron)) != len(cron):
            raise ValueError("rules: the same periodic rule (schedule and target_replicas) is given twice")
        if sum(r.type == "METRIC_HPA" for r in self.rules) > 1:
            raise ValueError("rules: at most one rule per metric (the API cannot name the metric, so one METRIC_HPA rule)")
        # Rules are identified by name; a fixed order keeps diffs stable.
        self.rules.sort(key=lambda rule: rule.name)
        return self

    @property
    def policy_type(self) -> str:
        # The policy's own type is never echoed back, so it is not an input:
        # it follows the rules (periodic unless every rule is metric-based).
        return "METRIC_HPA" if all(r.type == "METRIC_HPA" for r in self.rules) else "CRON_HPA"

    def rule_bodies(self) -> list[dict[str, Any]]:
        """HpaRules objects: `disable` is the inverse of `enabled`."""
        return [{"name": r.name, "disable": not self.enabled, "type": r.type, "schedule": r.schedule,
                 "target_replicas": r.target_replicas} for r in self.rules]

    def create_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.policy_type, "target_resource_id": self.deployment_id,
                                "target_resource_type": "GROUP", "hpa_rules": self.rule_bodies()}
        if self.workspace_id is not None:
            body["workspace_id"] = self.workspace_id
        return body

    @classmethod
    def from_api(cls, service_id: str, deployment_id: str, live: dict[str, Any]) -> "ScalingRuleSpec":
        """The live policy in input shape, built without validation: out-of-band
        edits may break our limits and must still show up as drift.

        `enabled` is True/False when every rule agrees, else None, which never
        equals a desired value and so always plans an update.
        """
        rules = [HpaRule.model_construct(name=r.get("name"), type=r.get("type") or "CRON_HPA",
                                         schedule=" ".join(str(r.get("schedule") or "").split()),
                                         target_replicas=r.get("target_replicas"))
                 for r in live.get("hpa_rules") or []]
        rules.sort(key=lambda rule: str(rule.name))
        flags = {_disabled(r) for r in live.get("hpa_rules") or []}
        enabled = (not flags.pop()) if len(flags) == 1 else None
        return cls.model_construct(service_id=service_id, deployment_id=deployment_id, rules=rules, enabled=enabled,
                                   workspace_id=live.get("workspace_id"))


def _disabled(rule: dict[str, Any]) -> bool:
    """`disable` is a bool in requests but the string "true"/"false" in responses."""
    value = rule.get("disable")
    return value is True or str(value).lower() == "true"
