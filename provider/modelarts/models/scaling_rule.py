"""ScalingRule: the HPA auto-scaling policy of one deployment (reference 4.4, domain-spec 12).

Inputs use the API's names except two: `rules` (the API's `hpa_rules`) and
`enabled`, one switch for every rule (the API has a per-rule `disable` flag,
set to `not enabled` on each rule). Rule fields the API does not echo back
(min/max replicas, cool-down windows) are left out: they could never be
compared with the live policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.cron import CronDialect
from ...core.spec import Spec, spec_field
from ..statuses import POLICY_INACTIVE
from .common import NonBlank, not_blank_if_set

RULE_NAME = r"^[a-z][a-z0-9-]{2,62}[a-z0-9]$"
MAX_CRON_RULES = 10

# The API has no seconds field, and takes 7 for Sunday as well as 0.
CRON = CronDialect(seconds_note=", no seconds", sunday_as_seven=True, names_in_message=False)


class HpaRule(Spec):
    name: str = Field(min_length=4, max_length=64, pattern=RULE_NAME)
    """Name of the rule, unique among the deployment's rules."""
    type: Literal["CRON_HPA", "METRIC_HPA"] = "CRON_HPA"
    """CRON_HPA, a periodic rule that sets the replica count on `schedule`, or METRIC_HPA, a metric-based rule."""
    schedule: str
    """When the rule fires: a 5-field cron expression (minute, hour, day of month, month, day of week; no
    seconds field)."""
    target_replicas: int = Field(ge=1, le=128)
    """Replica count the deployment is set to when the rule fires."""

    _cron = field_validator("schedule")(classmethod(lambda cls, v: CRON.checked(v)))


class ScalingRuleSpec(Spec):
    # Rule edits and enable/disable go through the update API in place.
    service_id: NonBlank = spec_field(change=Action.REPLACE, min_length=1,
                                      why="a policy belongs to one deployment (of one service) for life")
    """ID of the service of the deployment."""
    deployment_id: NonBlank = spec_field(change=Action.REPLACE, min_length=1,
                                         why="a policy belongs to one deployment for life; the policy of another "
                                             "deployment is a different policy")
    """ID of the deployment whose replica count the policy sets; a deployment has one policy, and only
    deployments on dedicated resource pools can scale automatically."""
    rules: list[HpaRule] = spec_field(change=Action.UPDATE, min_length=1)
    """The scaling rules, each name once: at most 10 periodic (CRON_HPA) rules, no two of them with the same
    schedule and target_replicas, and at most one METRIC_HPA rule."""
    enabled: bool = spec_field(True, change=Action.UPDATE)
    """Whether the rules fire: one switch for every rule of the policy. While enabled, the policy owns the
    deployment's replica count."""
    workspace_id: str | None = spec_field(None, change=Action.REPLACE, min_length=1, max_length=64,
                                          why="the update API does not move a policy between workspaces")
    """ModelArts workspace of the policy: '0' for the default workspace, else a workspace ID."""

    _workspace_given = field_validator("workspace_id")(classmethod(lambda cls, v: not_blank_if_set(v)))

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

    def rule_body(self, rule: HpaRule) -> dict[str, Any]:
        """An HpaRules object: `disable` is the inverse of `enabled`."""
        return {"name": rule.name, "disable": not self.enabled, "type": rule.type, "schedule": rule.schedule,
                "target_replicas": rule.target_replicas}

    def rule_bodies(self) -> list[dict[str, Any]]:
        return [self.rule_body(r) for r in self.rules]

    def create_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.policy_type, "target_resource_id": self.deployment_id,
                                "target_resource_type": "GROUP", "hpa_rules": self.rule_bodies()}
        if self.workspace_id is not None:
            body["workspace_id"] = self.workspace_id
        return body

    def edit_body(self, edits: list["RuleEdit"]) -> dict[str, Any]:
        """The update request that carries out `edits` (`id` names the policy's deployment)."""
        operations = []
        for edit in edits:
            body = edit.live_body() if edit.operate == "DELETE" else self.rule_body(edit.rule)
            if edit.rule_id is not None:
                body["id"] = edit.rule_id
            operations.append({**body, "operate": edit.operate})
        return {"id": self.deployment_id, "hpa_rules": operations}

    @classmethod
    def from_api(cls, service_id: str, deployment_id: str, live: "LivePolicy") -> "ScalingRuleSpec":
        """The live policy in input shape, built without validation: out-of-band
        edits may break our limits and must still show up as drift.

        `enabled` is True/False when every rule agrees, else None, which never
        equals a desired value and so always plans an update.
        """
        rules = [HpaRule.model_construct(name=r.name, type=r.type, schedule=r.schedule,
                                         target_replicas=r.target_replicas) for r in live.rules]
        rules.sort(key=lambda rule: str(rule.name))
        flags = {r.disabled for r in live.rules}
        enabled = (not flags.pop()) if len(flags) == 1 else None
        return cls.model_construct(service_id=service_id, deployment_id=deployment_id, rules=rules, enabled=enabled,
                                   workspace_id=live.workspace_id)


@dataclass(frozen=True)
class LiveRule:
    """One rule of a live policy, as the client parsed it (`disable` already a bool)."""

    id: str | None
    name: str
    type: str
    schedule: str
    target_replicas: int | None
    disabled: bool

    def same_as(self, rule: HpaRule, enabled: bool) -> bool:
        return (self.type, self.schedule, self.target_replicas, self.disabled) == \
            (rule.type, rule.schedule, rule.target_replicas, not enabled)


@dataclass(frozen=True)
class LivePolicy:
    """A deployment's live HPA policy."""

    id: str | None
    status: str
    workspace_id: str | None
    rules: tuple[LiveRule, ...]

    @property
    def active(self) -> bool:
        return self.status.upper() not in POLICY_INACTIVE

    @property
    def owns_replica_count(self) -> bool:
        """While an active policy has an enabled rule, it moves the replica count on its own."""
        return self.active and any(not rule.disabled for rule in self.rules)

    @classmethod
    def from_api(cls, live: dict[str, Any]) -> "LivePolicy":
        rules = tuple(LiveRule(id=r.get("id"), name=str(r.get("name")), type=r.get("type") or "CRON_HPA",
                               schedule=" ".join(str(r.get("schedule") or "").split()),
                               target_replicas=r.get("target_replicas"), disabled=bool(r.get("disable")))
                      for r in live.get("hpa_rules") or [])
        return cls(id=live.get("id"), status=str(live.get("status") or "ACTIVE"),
                   workspace_id=live.get("workspace_id"), rules=rules)


@dataclass(frozen=True)
class RuleEdit:
    """One ADD / UPDATE / DELETE of a rule, matched by name."""

    operate: str
    rule: HpaRule | None = None
    live: LiveRule | None = None

    @property
    def rule_id(self) -> str | None:
        return self.live.id if self.live else None

    def live_body(self) -> dict[str, Any]:
        live = self.live
        return {"name": live.name, "type": live.type, "schedule": live.schedule,
                "target_replicas": live.target_replicas or 1}
