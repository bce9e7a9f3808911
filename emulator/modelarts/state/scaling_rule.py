"""HPA auto-scaling policy of a deployment: its rules, limits and history (no HTTP here).

One policy per deployment, stored under the deployment's id (reference 4.4).
Limits from the user guide (domain-spec 12): at most 10 periodic (cron) rules,
one rule per metric, the same periodic rule not twice, rule names unique,
target replicas 1-128, rules editable only while the deployment is STOPPED,
RUNNING or CONCERNING, auto scaling only on dedicated pools.

Choices where the sources are silent:
- The request cannot name a metric, so every METRIC_HPA rule is on the same
  (unnamed) metric: at most one METRIC_HPA rule per policy.
- "The same periodic rule twice" = two cron rules with the same schedule and
  target replicas.
- Policy status is ACTIVE while at least one rule is enabled, INACTIVE when
  every rule is disabled.
- No cron scheduler runs: rules are stored and validated, their configuration
  is recorded as events, replica counts are never changed by the emulator.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field

from ...core.store import Document
from . import pools
from .common import CONCERNING, RUNNING, STOPPED, TransitionNotAllowed, new_id

KIND = "hpa"
POLICY_TYPES = ("CRON_HPA", "METRIC_HPA")
RULE_TYPES = ("CRON_HPA", "METRIC_HPA")
TARGET_TYPES = ("GROUP",)
OPERATIONS = ("ADD", "UPDATE", "DELETE")
MAX_CRON_RULES = 10
MAX_METRIC_RULES = 1
EDITABLE_IN = {STOPPED, RUNNING, CONCERNING}
RULE_NAME_RE = re.compile(r"[a-z][a-z0-9-]{2,62}[a-z0-9]")

ACTIVE, INACTIVE = "ACTIVE", "INACTIVE"
RULE_CONFIGURED = "CONFIG_SUCCESS"


class RuleError(Exception):
    """A rule set breaks a documented limit; `field` is the JSON path to blame."""

    def __init__(self, field_path: str, rule: str, value=None):
        super().__init__(rule)
        self.field = field_path
        self.rule = rule
        self.value = value


def is_dedicated_pool(pool_id: str | None) -> bool:
    """Auto scaling needs a dedicated pool; no pool_id means the public pool.

    The pool model decides; deployments only ever name pools that exist.
    """
    return not pools.is_public({"pool_id": pool_id})


def check_editable(deployment_name: str, status: str) -> None:
    if status not in EDITABLE_IN:
        raise TransitionNotAllowed(f"the scaling rules of deployment {deployment_name}",
                                   "change", status, EDITABLE_IN)


# ----- cron ----------------------------------------------------------------------------------

_CRON_FIELDS = (  # name, low, high, names usable instead of numbers
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of month", 1, 31, ()),
    ("month", 1, 12, ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    ("day of week", 0, 7, ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
)


def cron_problem(expression: str) -> str | None:
    """Why `expression` is not a 5-field cron expression (no seconds), or None."""
    parts = expression.split()
    if len(parts) != 5:
        return f"must have 5 fields (minute hour day month weekday, no seconds), got {len(parts)}"
    for text, (name, low, high, names) in zip(parts, _CRON_FIELDS):
        for item in text.split(","):
            if not _cron_item_ok(item, low, high, names):
                return f"the {name} field {text!r} is not valid (allowed {low}-{high})"
    return None


def _cron_item_ok(item: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    base, _, step = item.partition("/")
    if step and not (step.isdigit() and int(step) >= 1):
        return False
    if base == "*":
        return True
    start, _, end = base.partition("-")
    values = [_cron_value(start, low, names), _cron_value(end, low, names) if end else None]
    if values[0] is None or (end and values[1] is None):
        return False
    if any(v is not None and not low <= v <= high for v in values):
        return False
    return not end or values[0] <= values[1]


def _cron_value(text: str, low: int, names: tuple[str, ...]) -> int | None:
    if text.isdigit():
        return int(text)
    upper = text.upper()
    return names.index(upper) + low if upper in names else None


# ----- rules ---------------------------------------------------------------------------------

def _replicas(value, path: str) -> int:
    # The API accepts floats and floors them (reference 4.4).
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(path, "must be a number", value)
    count = math.floor(value)
    if not 1 <= count <= 128:
        raise RuleError(path, "must be between 1 and 128", value)
    return count


def normalise_rule(raw: dict, path: str) -> dict:
    """Validate one HpaRules object; return the stored form (disable as bool)."""
    if not isinstance(raw, dict):
        raise RuleError(path, "must be a JSON object", raw)
    name = raw.get("name")
    if not isinstance(name, str) or not RULE_NAME_RE.fullmatch(name):
        raise RuleError(f"{path}.name", "must be 4-64 lower-case letters, digits or '-', start with a "
                        "letter and not end with '-'", name)
    rule_type = raw.get("type")
    if rule_type not in RULE_TYPES:
        raise RuleError(f"{path}.type", f"must be one of {', '.join(RULE_TYPES)}", rule_type)
    schedule = raw.get("schedule")
    if not isinstance(schedule, str):
        raise RuleError(f"{path}.schedule", "is required (a cron expression)", schedule)
    problem = cron_problem(schedule)
    if problem:
        raise RuleError(f"{path}.schedule", problem, schedule)
    if raw.get("target_replicas") is None:
        raise RuleError(f"{path}.target_replicas", "is required", None)
    rule = {"name": name, "type": rule_type, "schedule": " ".join(schedule.split()),
            "target_replicas": _replicas(raw["target_replicas"], f"{path}.target_replicas")}
    disable = raw.get("disable", False)
    if not isinstance(disable, bool):
        raise RuleError(f"{path}.disable", "must be true or false", disable)
    rule["disable"] = disable
    for key in ("min_replicas", "max_replicas", "downscale_window", "upscale_window"):
        if raw.get(key) is not None:
            rule[key] = _replicas(raw[key], f"{path}.{key}")
    return rule


def check_rule_set(rules: list[dict]) -> None:
    """The limits that involve several rules at once."""
    seen_names: set[str] = set()
    seen_cron: set[tuple[str, int]] = set()
    counts = {"CRON_HPA": 0, "METRIC_HPA": 0}
    for index, rule in enumerate(rules):
        path = f"hpa_rules[{index}]"
        if rule["name"] in seen_names:
            raise RuleError(f"{path}.name", "duplicates the name of another rule", rule["name"])
        seen_names.add(rule["name"])
        counts[rule["type"]] += 1
        if rule["type"] == "CRON_HPA":
            key = (rule["schedule"], rule["target_replicas"])
            if key in seen_cron:
                raise RuleError(path, "the same periodic rule (schedule and target replicas) is already set",
                                rule["schedule"])
            seen_cron.add(key)
    if counts["CRON_HPA"] > MAX_CRON_RULES:
        raise RuleError("hpa_rules", f"must hold at most {MAX_CRON_RULES} periodic (CRON_HPA) rules",
                        f"{counts['CRON_HPA']} rules")
    if counts["METRIC_HPA"] > MAX_METRIC_RULES:
        raise RuleError("hpa_rules", "must hold at most one rule per metric (one METRIC_HPA rule)",
                        f"{counts['METRIC_HPA']} rules")


# ----- the policy ----------------------------------------------------------------------------

@dataclass
class HpaPolicy(Document):
    id: str
    service_id: str
    deployment_id: str
    name: str
    type: str
    target_resource_type: str
    workspace_id: str
    # Stored rules: name, type, schedule, target_replicas, disable (bool), id, status, ...
    rules: list[dict]
    create_at: float
    update_at: float
    # Newest last: {id, status, message, current_replicas, target_replicas, final_replicas, at}.
    events: list[dict] = field(default_factory=list)

    @classmethod
    def create(cls, service_id: str, deployment_id: str, deployment_name: str, policy_type: str,
               workspace_id: str, rules: list[dict], now: float, replicas: int) -> "HpaPolicy":
        policy = cls(id=new_id(), service_id=service_id, deployment_id=deployment_id,
                     name=f"hpa-{deployment_name}", type=policy_type, target_resource_type="GROUP",
                     workspace_id=workspace_id, rules=[], create_at=now, update_at=now)
        policy.replace_rules(rules, now, replicas)
        return policy

    @property
    def status(self) -> str:
        return ACTIVE if any(not rule["disable"] for rule in self.rules) else INACTIVE

    @property
    def replica_bounds(self) -> tuple[int | None, int | None]:
        targets = [rule["target_replicas"] for rule in self.rules]
        return (min(targets), max(targets)) if targets else (None, None)

    def replace_rules(self, rules: list[dict], now: float, replicas: int) -> None:
        """PUT without per-rule `operate`: the given list is the new rule set."""
        check_rule_set(rules)
        by_name = {rule["name"]: rule for rule in self.rules}
        stored = []
        for rule in rules:
            old = by_name.get(rule["name"])
            stored.append(self._stored(rule, old["id"] if old else None))
        self._commit(stored, now, replicas)

    def apply_operations(self, operations: list[tuple[str, dict, str]], now: float, replicas: int) -> None:
        """PUT with `operate` on each rule: ADD / UPDATE / DELETE, all or nothing.

        `operations` holds (operate, normalised rule, JSON path); UPDATE and
        DELETE find the rule by id when given, else by name.
        """
        rules = copy.deepcopy(self.rules)
        for operate, rule, path in operations:
            index = self._find(rules, rule)
            if operate == "ADD":
                if index is not None:
                    raise RuleError(f"{path}.name", "a rule with this name already exists", rule["name"])
                rules.append(self._stored(rule, None))
            elif index is None:
                raise RuleError(path, f"no rule {rule.get('id') or rule['name']!r} to {operate.lower()}",
                                rule.get("id") or rule["name"])
            elif operate == "UPDATE":
                rules[index] = self._stored(rule, rules[index]["id"])
            else:
                del rules[index]
        check_rule_set(rules)
        self._commit(rules, now, replicas)

    def record(self, message: str, target: int, replicas: int, now: float) -> None:
        self.events.append({"id": new_id(), "status": "SUCCESS", "message": message,
                            "current_replicas": replicas, "target_replicas": target,
                            "final_replicas": replicas, "at": now})

    # ----- helpers ----------------------------------------------------------------------

    def _stored(self, rule: dict, rule_id: str | None) -> dict:
        kept = {k: v for k, v in rule.items() if k != "id"}
        return {**kept, "id": rule_id or new_id(), "hpa_id": self.id, "status": RULE_CONFIGURED}

    @staticmethod
    def _find(rules: list[dict], wanted: dict) -> int | None:
        for index, rule in enumerate(rules):
            if (wanted.get("id") and rule["id"] == wanted["id"]) or \
                    (not wanted.get("id") and rule["name"] == wanted["name"]):
                return index
        return None

    def _commit(self, rules: list[dict], now: float, replicas: int) -> None:
        before = {rule["name"]: rule for rule in self.rules}
        for rule in rules:
            old = before.pop(rule["name"], None)
            if old is None or _settings(old) != _settings(rule):
                state = "disabled" if rule["disable"] else "enabled"
                self.record(f"Scaling rule [{rule['name']}] configured ({rule['schedule']}, "
                            f"{rule['target_replicas']} replicas, {state}).",
                            rule["target_replicas"], replicas, now)
        for name, old in before.items():
            self.record(f"Scaling rule [{name}] deleted.", old["target_replicas"], replicas, now)
        self.rules, self.update_at = rules, now


def _settings(rule: dict) -> dict:
    return {k: v for k, v in rule.items() if k not in ("id", "hpa_id", "status")}
