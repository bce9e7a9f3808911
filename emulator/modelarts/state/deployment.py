"""Deployment: one versioned group of replicas under a service, and its lifecycle.

Timed transitions (DEPLOYING -> RUNNING, UPGRADING -> RUNNING, STOPPING ->
STOPPED) are stored as a `pending` target with a due time instead of being
driven by a timer thread. `advance(now)` applies them lazily; because the due
time is persisted, a restarted emulator continues exactly where it stopped.

Guards follow domain-spec section 16. Where the sources leave a choice open:
stop is also allowed from CONCERNING (alarm: still a serving state, A17),
manual scale only from RUNNING/CONCERNING, delete only from non-transitional
statuses, and interrupting an upgrade restores the previous version.

Versions: every upgrade records a new version (the next patch number after the
highest one recorded), at most MAX_VERSIONS per deployment (domain-spec 2.8
gives a cap without a value; 20 chosen). Switching to a recorded version makes
*that* version current again (no new version is recorded, so switching never
hits the cap and the version list keeps one entry per configuration): the
deployment rolls to its config through UPGRADING like an upgrade, and an
interrupted switch returns to the version that was current before.

Rolling upgrades (upgrade/switch) follow `emulator.state.rollout`: the wave
plan fixes when the rollout completes (waves * ready_delay) and what the
instances look like meanwhile. A rollout is bounded by the deploy timeout
(`advanced_config.deploy_timeout_minutes`, default 20; one "minute" lasts
`minute_seconds` real seconds): new instances that cannot pass their probes in
time make the platform roll back to the previous version and status, with the
old instances kept serving throughout (domain-spec 3.2). An initial deploy
(create/start) succeeds once N - unavailable instances are ready, and fails
(FAILED) when the timeout expires first.

Faults (`DeployFault`): a hanging rollout never gets ready and runs into the
deploy timeout; a failing one ends FAILED (deploy/start) or rolls back after
its new instances' first probe period (upgrade/switch, domain-spec 2.8).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ...core.faults import DeployFault
from ...core.rollout import NoProgressPossible, Snapshot
from ...core.store import Document
from .common import (
    CONCERNING,
    DEPLOYING,
    ERROR,
    FAILED,
    RUNNING,
    STOPPED,
    STOPPING,
    UPGRADING,
    Transition,
    TransitionNotAllowed,
    new_id,
    to_ms,
)
from . import rollout as waves_plan

KIND = "deployment"
INITIAL_VERSION = "1.0.0"
MAX_VERSIONS = 20
ROLLBACK = "ROLLBACK"  # pending target of a failing upgrade: restore the previous version
DEFAULT_DEPLOY_TIMEOUT_MINUTES = 20  # the old version's documented default (domain-spec 2.6)
SERVING_BEFORE = {RUNNING, CONCERNING}  # statuses whose instances keep serving during an upgrade

ALLOWED_FROM = {
    "start": {STOPPED, FAILED},
    "stop": {RUNNING, ERROR, CONCERNING},
    "interrupt": {DEPLOYING, UPGRADING},
    "update": {RUNNING, ERROR, CONCERNING, STOPPED},
    "switch": {RUNNING, ERROR, CONCERNING, STOPPED},
    "scale": {RUNNING, CONCERNING},
    "delete": {RUNNING, CONCERNING, ERROR, STOPPED, FAILED},
}


class VersionRuleViolated(Exception):
    """A version operation the version rules forbid (cap, current version)."""


class VersionNotFound(Exception):
    pass


def _as_fault(fault: DeployFault | str | None) -> DeployFault | None:
    # A bare string is the failure reason of the --fail-deployments switch.
    return DeployFault(False, fault) if isinstance(fault, str) else fault


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def deploy_timeout_minutes(config: dict) -> int:
    """The deployment's deploy timeout; 0 or unset means the platform default."""
    value = (config.get("advanced_config") or {}).get("deploy_timeout_minutes")
    return value if isinstance(value, int) and value > 0 else DEFAULT_DEPLOY_TIMEOUT_MINUTES


def replica_counts(config: dict) -> tuple[int, int, int]:
    """(N, surge, unavailable) for a configuration; raises NoProgressPossible."""
    count = int(config.get("count") or 1)
    surge, unavailable = waves_plan.counts_from_config(
        count, (config.get("advanced_config") or {}).get("upgrade_config"))
    if surge == 0 and unavailable == 0:
        raise NoProgressPossible(
            f"max_surge and max_unavailable both round down to 0 of {count} replica(s); "
            "a rolling upgrade could never replace an instance")
    return count, surge, unavailable


@dataclass
class Deployment(Document):
    id: str
    service_id: str
    name: str
    # The user's settings (GroupConfig fields other than identity/response-only ones).
    config: dict
    status: str
    version: str
    version_id: str
    create_at: float
    update_at: float
    # Version history, oldest first; each entry keeps the config it ran with.
    versions: list[dict] = field(default_factory=list)
    # Timed transition still to happen: {"status": <target>, "due": <epoch s>}.
    pending: dict | None = None
    # What an interrupted upgrade rolls back to.
    rollback: dict | None = None
    # Why the last deploy failed (FAILED status), as the platform would explain it.
    failure_reason: str | None = None
    # Set with failure_reason when the failure was the deploy timeout (its minutes).
    timed_out_minutes: int | None = None
    # The upgrade in progress: what `rollout.rollout_at` needs, plus its start time.
    rollout: dict | None = None
    # CONCERNING because instances fail their readiness probe (the `unhealthy` fault).
    health_alarm: bool = False

    # ----- construction and persistence -------------------------------------------------

    @classmethod
    def create(cls, service_id: str, name: str, config: dict, version: str | None,
               now: float, ready_delay: float,
               fault: DeployFault | str | None = None,
               minute_seconds: float = 60.0) -> "Deployment":
        dep = cls(
            id=new_id(), service_id=service_id, name=name, config=config, status=DEPLOYING,
            version=version or INITIAL_VERSION, version_id=new_id(), create_at=now, update_at=now,
        )
        dep._record_version(now)
        dep._deploy(now, ready_delay, minute_seconds, _as_fault(fault))
        return dep

    # ----- timed progress ---------------------------------------------------------------

    def advance(self, now: float) -> list[Transition]:
        """Apply the pending transition if its due time has passed."""
        if not self.pending or now < self.pending["due"]:
            return []
        old, target, due = self.status, self.pending["status"], self.pending["due"]
        self.failure_reason = self.pending.get("reason")
        self.timed_out_minutes = self.pending.get("timeout_minutes")
        if target == ROLLBACK:
            target = (self.rollback or {}).get("status") or RUNNING
            self._restore(self.rollback)
        self.status, self.pending, self.rollback, self.rollout = target, None, None, None
        self.update_at = due
        return [Transition(old, target, due)]

    def rollout_snapshot(self, now: float) -> Snapshot | None:
        """Where the upgrade in progress stands at `now` (None when not upgrading)."""
        plan = self.rollout
        if self.status != UPGRADING or not plan:
            return None
        return waves_plan.rollout_at(plan["count"], plan["surge"], plan["unavailable"],
                                     now - plan["start"], plan["ready_delay"], old=plan["old"],
                                     healthy=plan["healthy"])

    def set_health(self, failing: bool, now: float) -> Transition | None:
        """Readiness failing on a RUNNING deployment -> CONCERNING; passing again -> RUNNING."""
        if self.status != CONCERNING:
            self.health_alarm = False  # any other transition ended the alarm
        if failing and self.status == RUNNING:
            self.status, self.health_alarm = CONCERNING, True
            return Transition(RUNNING, CONCERNING, now)
        if not failing and self.status == CONCERNING and self.health_alarm:
            self.status, self.health_alarm = RUNNING, False
            return Transition(CONCERNING, RUNNING, now)
        return None

    # ----- operations -------------------------------------------------------------------

    def start(self, now: float, ready_delay: float,
              fault: DeployFault | str | None = None,
              minute_seconds: float = 60.0) -> Transition:
        self._guard("start")
        return self._deploy(now, ready_delay, minute_seconds, _as_fault(fault))

    def stop(self, now: float, stop_delay: float) -> Transition:
        self._guard("stop")
        return self._begin(STOPPING, STOPPED, now, stop_delay, None)

    def interrupt(self, now: float) -> Transition:
        """DEPLOYING stops at once; UPGRADING rolls back to the previous version and status."""
        self._guard("interrupt")
        old = self.status
        if old == DEPLOYING:
            self.status = STOPPED
        else:
            previous = self.rollback or {}
            if previous:
                self._restore(previous)
            self.status = previous.get("status") or RUNNING
        self.pending, self.rollback, self.rollout, self.update_at = None, None, None, now
        return Transition(old, self.status, now)

    def update(self, name: str, config: dict, now: float, ready_delay: float,
               fault: DeployFault | None = None, minute_seconds: float = 60.0) -> Transition:
        """Rolling upgrade: a new version that is current (RUNNING) once the rollout is done."""
        self._guard("update")
        replica_counts(config)
        if len(self.versions) >= MAX_VERSIONS:
            raise VersionRuleViolated(
                f"Deployment {self.name} already has {MAX_VERSIONS} versions, the maximum; "
                "delete old versions before upgrading it again.")
        self.rollback = self._snapshot(created_version=True)
        self.name, self.config = name, config
        self.version, self.version_id = self._next_version(), new_id()
        self._record_version(now)
        return self._upgrade(now, ready_delay, minute_seconds, fault)

    def switch(self, version: str, now: float, ready_delay: float,
               fault: DeployFault | None = None, minute_seconds: float = 60.0) -> Transition:
        """Roll to a recorded version's config; that version becomes current again."""
        self._guard("switch")
        entry = self.find_version(version)
        if entry["version_id"] == self.version_id:
            raise VersionRuleViolated(f"Version {version} is already the current version of "
                                      f"deployment {self.name}.")
        replica_counts(entry["config"])
        self.rollback = self._snapshot(created_version=False)
        self.config = copy.deepcopy(entry["config"])
        self.version, self.version_id = entry["version"], entry["version_id"]
        entry["update_at"] = to_ms(now)
        return self._upgrade(now, ready_delay, minute_seconds, fault)

    def delete_version(self, version: str) -> dict:
        entry = self.find_version(version)
        if entry["version_id"] == self.version_id:
            raise VersionRuleViolated(f"Version {version} is the current version of deployment "
                                      f"{self.name} and cannot be deleted.")
        if self.rollback and entry["version_id"] == self.rollback["version_id"]:
            raise VersionRuleViolated(f"Version {version} still serves while deployment "
                                      f"{self.name} is upgrading; it cannot be deleted now.")
        self.versions.remove(entry)
        return entry

    def find_version(self, version: str) -> dict:
        for entry in self.versions:
            if entry["version"] == version:
                return entry
        raise VersionNotFound(f"Version {version} of deployment {self.name} not found.")

    def scale(self, count: int, now: float) -> None:
        """Change the replica count only: no new version, no status change."""
        self._guard("scale")
        self.config["count"] = count
        for entry in self.versions:  # the current version runs with the new count
            if entry["version_id"] == self.version_id:
                entry["config"]["count"] = count
        self.update_at = now

    def check_deletable(self) -> None:
        self._guard("delete")

    # ----- helpers ----------------------------------------------------------------------

    @property
    def version_count(self) -> int:
        return len(self.versions)

    def _guard(self, operation: str) -> None:
        allowed = ALLOWED_FROM[operation]
        if self.status not in allowed:
            raise TransitionNotAllowed(f"deployment {self.name}", operation, self.status, allowed)

    def _begin(self, transitional: str, on_failure: str, now: float, delay: float,
               fault: DeployFault | None) -> Transition:
        """Enter `transitional`; RUNNING (or `on_failure` under a fault) follows after `delay`."""
        old = self.status
        self.status, self.update_at = transitional, now
        self.failure_reason, self.timed_out_minutes, self.rollout = None, None, None
        if fault is None:
            target = STOPPED if transitional == STOPPING else RUNNING
            self._schedule(target, now + delay)
        elif fault.hang:
            self.pending = None  # stays transitional until interrupted
        else:
            self._schedule(on_failure, now + delay, fault.reason)
        return Transition(old, transitional, now)

    def _deploy(self, now: float, ready_delay: float, minute_seconds: float,
                fault: DeployFault | None) -> Transition:
        """DEPLOYING -> RUNNING when enough instances are ready, or FAILED at the timeout."""
        minutes = deploy_timeout_minutes(self.config)
        count = int(self.config.get("count") or 1)
        _, unavailable = waves_plan.counts_from_config(
            count, (self.config.get("advanced_config") or {}).get("upgrade_config"))
        if fault is not None and not fault.hang:
            return self._begin(DEPLOYING, FAILED, now, ready_delay, fault)
        # Instances pass their probes together after ready_delay, unless they cannot in time.
        ready = count if fault is None and ready_delay <= minutes * minute_seconds else 0
        change = self._begin(DEPLOYING, FAILED, now, ready_delay, None)
        if not waves_plan.initial_deploy_succeeded(count, unavailable, ready):
            self._schedule_timeout(FAILED, now, minutes, minute_seconds, "deployment")
        return change

    def _upgrade(self, now: float, ready_delay: float, minute_seconds: float,
                 fault: DeployFault | None) -> Transition:
        """UPGRADING along the wave plan; RUNNING when it completes, else a rollback."""
        count, surge, unavailable = replica_counts(self.config)
        previous = self.rollback or {}
        old_ready = (int(previous.get("config", {}).get("count") or 1)
                     if previous.get("status") in SERVING_BEFORE else 0)
        if previous.get("status") == CONCERNING:
            # Its failing instance is not ready; a rollout removes not-ready ones first.
            old_ready = max(old_ready - 1, 0)
        minutes = deploy_timeout_minutes(self.config)
        healthy = fault is None and ready_delay <= minutes * minute_seconds
        change = self._begin(UPGRADING, ROLLBACK, now, ready_delay, fault)
        self.rollout = {"start": now, "count": count, "surge": surge,
                        "unavailable": unavailable, "old": old_ready,
                        "ready_delay": ready_delay, "healthy": healthy}
        if healthy:
            finish = waves_plan.waves(count, surge, unavailable, old_ready) * ready_delay
            self._schedule(RUNNING, now + finish)
        elif fault is None or fault.hang:
            self._schedule_timeout(ROLLBACK, now, minutes, minute_seconds, "update")
        return change

    def _schedule_timeout(self, target: str, now: float, minutes: int, minute_seconds: float,
                          what: str) -> None:
        reason = (f"the {what} timed out: its duration exceeds {minutes} minutes "
                  "(deploy_timeout_minutes)")
        self._schedule(target, now + minutes * minute_seconds, reason)
        self.pending["timeout_minutes"] = minutes

    def _next_version(self) -> str:
        """The patch after the highest recorded version (never reuses a number)."""
        major, minor, patch = max((_version_key(v["version"]) for v in self.versions),
                                  default=(1, 0, -1))
        return f"{major}.{minor}.{patch + 1}"

    def _schedule(self, target: str, due: float, reason: str | None = None) -> None:
        self.pending = {"status": target, "due": due, "reason": reason}

    def _record_version(self, now: float) -> None:
        self.versions.append({
            "version": self.version,
            "version_id": self.version_id,
            "description": self.config.get("description", ""),
            "deploy_type": self.config.get("deploy_type"),
            "create_at": to_ms(now),
            "update_at": to_ms(now),
            "config": copy.deepcopy(self.config),
        })

    def _snapshot(self, created_version: bool) -> dict:
        return {"name": self.name, "config": copy.deepcopy(self.config), "status": self.status,
                "version": self.version, "version_id": self.version_id,
                "created_version": created_version}

    def _restore(self, snapshot: dict) -> None:
        aborted = self.version_id
        self.name, self.config = snapshot["name"], snapshot["config"]
        self.version, self.version_id = snapshot["version"], snapshot["version_id"]
        # An aborted upgrade's version never existed; a switch's target stays recorded.
        if snapshot.get("created_version", True):
            self.versions = [v for v in self.versions if v["version_id"] != aborted]
