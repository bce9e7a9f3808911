"""Deployment: one versioned group of replicas under a service, and its lifecycle.

Timed transitions (DEPLOYING -> RUNNING, UPGRADING -> RUNNING, STOPPING ->
STOPPED) are stored as a `pending` target with a due time instead of being
driven by a timer thread. `advance(now)` applies them lazily; because the due
time is persisted, a restarted emulator continues exactly where it stopped.

Guards follow domain-spec section 16. Where the sources leave a choice open:
stop is also allowed from CONCERNING (alarm: still a serving state, A17),
manual scale only from RUNNING/CONCERNING, delete only from non-transitional
statuses, and interrupting an upgrade restores the previous version.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field

from emulator.state.common import (
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
    next_patch_version,
    to_ms,
)

KIND = "deployment"
INITIAL_VERSION = "1.0.0"

ALLOWED_FROM = {
    "start": {STOPPED, FAILED},
    "stop": {RUNNING, ERROR, CONCERNING},
    "interrupt": {DEPLOYING, UPGRADING},
    "update": {RUNNING, ERROR, CONCERNING, STOPPED},
    "scale": {RUNNING, CONCERNING},
    "delete": {RUNNING, CONCERNING, ERROR, STOPPED, FAILED},
}


@dataclass
class Deployment:
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

    # ----- construction and persistence -------------------------------------------------

    @classmethod
    def create(cls, service_id: str, name: str, config: dict, version: str | None,
               now: float, ready_delay: float, fault: str | None = None) -> "Deployment":
        dep = cls(
            id=new_id(), service_id=service_id, name=name, config=config, status=DEPLOYING,
            version=version or INITIAL_VERSION, version_id=new_id(), create_at=now, update_at=now,
        )
        dep._record_version(now)
        dep._schedule(FAILED if fault else RUNNING, now + ready_delay, fault)
        return dep

    @classmethod
    def from_doc(cls, doc: dict) -> "Deployment":
        return cls(**doc)

    def to_doc(self) -> dict:
        return asdict(self)

    # ----- timed progress ---------------------------------------------------------------

    def advance(self, now: float) -> list[Transition]:
        """Apply the pending transition if its due time has passed."""
        if not self.pending or now < self.pending["due"]:
            return []
        old, target, due = self.status, self.pending["status"], self.pending["due"]
        self.failure_reason = self.pending.get("reason")
        self.status, self.pending, self.rollback = target, None, None
        self.update_at = due
        return [Transition(old, target, due)]

    # ----- operations -------------------------------------------------------------------

    def start(self, now: float, ready_delay: float, fault: str | None = None) -> Transition:
        self._guard("start")
        return self._begin(DEPLOYING, FAILED if fault else RUNNING, now, ready_delay, fault)

    def stop(self, now: float, stop_delay: float) -> Transition:
        self._guard("stop")
        return self._begin(STOPPING, STOPPED, now, stop_delay)

    def interrupt(self, now: float) -> Transition:
        """DEPLOYING stops at once; UPGRADING rolls back to the previous version."""
        self._guard("interrupt")
        old = self.status
        if old == UPGRADING and self.rollback:
            self._restore(self.rollback)
        self.status = STOPPED if old == DEPLOYING else RUNNING
        self.pending, self.rollback, self.update_at = None, None, now
        return Transition(old, self.status, now)

    def update(self, name: str, config: dict, now: float, ready_delay: float) -> Transition:
        """Rolling upgrade: a new version that becomes RUNNING after the delay."""
        self._guard("update")
        self.rollback = self._snapshot()
        self.name, self.config = name, config
        self.version, self.version_id = next_patch_version(self.version), new_id()
        self._record_version(now)
        return self._begin(UPGRADING, RUNNING, now, ready_delay)

    def scale(self, count: int, now: float) -> None:
        """Change the replica count only: no new version, no status change."""
        self._guard("scale")
        self.config["count"] = count
        self.versions[-1]["config"]["count"] = count
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

    def _begin(self, transitional: str, target: str, now: float, delay: float,
               reason: str | None = None) -> Transition:
        old = self.status
        self.status, self.update_at = transitional, now
        self._schedule(target, now + delay, reason)
        return Transition(old, transitional, now)

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

    def _snapshot(self) -> dict:
        return {"name": self.name, "config": copy.deepcopy(self.config),
                "version": self.version, "version_id": self.version_id}

    def _restore(self, snapshot: dict) -> None:
        aborted = self.version_id
        self.name, self.config = snapshot["name"], snapshot["config"]
        self.version, self.version_id = snapshot["version"], snapshot["version_id"]
        self.versions = [v for v in self.versions if v["version_id"] != aborted]
