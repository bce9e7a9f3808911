"""Fault-injection rules, kept in the store so they survive a restart.

A rule is `{"id", "kind", "match", "count"?, "seconds"?, "rate"?, "seen"?}`:

- `deploy_fails`: a matching deployment (glob on its name) fails when it is
  created or started (-> FAILED) or rolls back when it is upgraded/switched;
- `deploy_times_out`: a matching deployment's new instances never pass their
  probes: it stays DEPLOYING/UPGRADING until interrupted or until its deploy
  timeout expires (deploy -> FAILED, upgrade -> rolled back);
- `unhealthy`: while the rule exists, matching RUNNING deployments fail their
  readiness probe on one instance (-> CONCERNING); removing it restores them.
  It is a condition, not an event: it is never consumed and takes no `count`;
- `http_5xx`: a matching request (glob on the URL path) gets a 503;
- `http_429`: a matching request gets a 429 with `Retry-After: <seconds>`
  (`seconds`, a whole number, default 1);
- `slow`: a matching request is delayed by `seconds`.

`count` (optional) is how many times the rule still fires; it is removed when
that reaches 0. `rate` (optional, 0 < rate <= 1) is the fraction of matching
events the rule hits, deterministically: the n-th matching request or rollout
is hit when floor(n * rate) grows (rate 0.5 hits the 2nd, 4th, ...; 0.25 every
4th), `seen` counting the matches so far; for `unhealthy` it is the fraction of
matching deployments that are affected, chosen by a hash of the rule id and the
deployment name (stable while the rule exists). `count` counts hits only.
Rules live under the global pseudo project, so they apply to every project and
every API; for each kind of effect the first matching rule (oldest first) that
hits wins.
"""

from __future__ import annotations

import fnmatch
import hashlib
import math
import uuid
from dataclasses import dataclass
from fractions import Fraction

from .store import GLOBAL_SCOPE

KIND = "fault"
SCOPE = GLOBAL_SCOPE
DEPLOY_KINDS = ("deploy_fails", "deploy_times_out")
FAILURE_KINDS = ("http_5xx", "http_429")
REQUEST_KINDS = FAILURE_KINDS + ("slow",)
HEALTH_KINDS = ("unhealthy",)
KINDS = DEPLOY_KINDS + REQUEST_KINDS + HEALTH_KINDS
DEFAULT_RETRY_AFTER = 1


@dataclass(frozen=True)
class DeployFault:
    """What happens to a deployment that is being rolled out."""

    hang: bool  # stays in its transitional status instead of finishing
    reason: str


class FaultBook:
    """The rules in a store; call inside a store transaction."""

    def __init__(self, store):
        self.store = store

    def rules(self) -> list[dict]:
        return self.store.list(KIND, SCOPE)

    def add(self, kind: str, match: str, count: int | None = None, seconds: float | None = None,
            rate: float | None = None) -> dict:
        rule = {"id": str(uuid.uuid4()), "kind": kind, "match": match, "count": count,
                "seconds": seconds, "rate": rate}
        rule = {k: v for k, v in rule.items() if v is not None}
        self.store.put(KIND, SCOPE, rule["id"], rule)
        return rule

    def remove(self, rule_id: str) -> bool:
        found = self.store.get(KIND, SCOPE, rule_id) is not None
        self.store.delete(KIND, SCOPE, rule_id)
        return found

    def clear(self) -> int:
        rules = self.rules()
        for rule in rules:
            self.store.delete(KIND, SCOPE, rule["id"])
        return len(rules)

    # ----- deployments ------------------------------------------------------------------

    def take_deploy_fault(self, deployment_name: str) -> DeployFault | None:
        rule = self._take(DEPLOY_KINDS, deployment_name)
        if rule is None:
            return None
        if rule["kind"] == "deploy_times_out":
            return DeployFault(True, f"Emulated fault: deployment [{deployment_name}] never "
                                     "becomes ready (deploy_times_out)")
        return DeployFault(False, f"Emulated fault: instances of deployment [{deployment_name}] "
                                  "failed their startup probe (deploy_fails)")

    def unhealthy_rules(self) -> list[dict]:
        return [rule for rule in self.rules() if rule["kind"] in HEALTH_KINDS]

    @staticmethod
    def is_unhealthy(rules: list[dict], deployment_name: str) -> bool:
        """Whether any of the `unhealthy` rules affects this deployment."""
        return any(fnmatch.fnmatchcase(deployment_name, rule["match"])
                   and _sampled(rule, deployment_name) for rule in rules)

    # ----- requests ---------------------------------------------------------------------

    def take_request_faults(self, path: str) -> list[dict]:
        """The faults to apply to a request for `path`: at most one `slow`, then one failure."""
        found = [self._take(("slow",), path), self._take(FAILURE_KINDS, path)]
        return [rule for rule in found if rule is not None]

    # ----- helpers ----------------------------------------------------------------------

    def _take(self, kinds: tuple[str, ...], subject: str) -> dict | None:
        for rule in self.rules():
            if rule["kind"] in kinds and fnmatch.fnmatchcase(subject, rule["match"]):
                if self._hits(rule):
                    self._consume(rule)
                    return rule
        return None

    def _hits(self, rule: dict) -> bool:
        """Count one more matching event; whether the rule's `rate` lets it hit this one."""
        if "rate" not in rule:
            return True
        rate = Fraction(rule["rate"]).limit_denominator(1_000_000)
        seen = rule.get("seen", 0) + 1
        rule["seen"] = seen
        self.store.put(KIND, SCOPE, rule["id"], rule)
        return math.floor(seen * rate) > math.floor((seen - 1) * rate)

    def _consume(self, rule: dict) -> None:
        if "count" not in rule:
            return
        left = rule["count"] - 1
        if left <= 0:
            self.store.delete(KIND, SCOPE, rule["id"])
        else:
            rule["count"] = left
            self.store.put(KIND, SCOPE, rule["id"], rule)


def _sampled(rule: dict, subject: str) -> bool:
    if "rate" not in rule:
        return True
    digest = hashlib.sha256(f"{rule['id']}/{subject}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rule["rate"]
