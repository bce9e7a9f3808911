"""Service: the stable endpoint in front of deployments, and its lifecycle.

A service has no status of its own: it is an aggregate of its deployments'
statuses (domain-spec 1.3, an inferred rule), recomputed after every change.
A service without deployments is INIT (the docs name no state for a
"service only" setup; INIT means "to be deployed" in the SDK enum).
Status changes are recorded as service events.

Service versions: every configuration change records a version (`versions`,
oldest first): its number, id, description and the service settings plus the
version each deployment ran at that moment, so a switch
(`POST .../versions/switch`) can restore it. A version number never collides:
a change without a number gets the patch after the highest recorded one, and a
number already recorded may only be reused for a description-only change of
the current version. At most MAX_VERSIONS_KEPT are kept (the oldest go first;
the current one never). Documents written before versions were recorded get
their current version as the only entry (`ensure_history`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ...core.store import Document
from .common import (
    CONCERNING,
    DEPLOYING,
    ERROR,
    FAILED,
    INIT,
    RUNNING,
    STOPPED,
    STOPPING,
    UPGRADING,
    TransitionNotAllowed,
    new_id,
    to_ms,
)

KIND = "service"
MAX_SERVICES_PER_PROJECT = 20
MAX_EVENTS_KEPT = 500  # bounds the document; the platform keeps one month of events
MAX_VERSIONS_KEPT = 100  # bounds the document; the docs give no cap for service versions

SERVING = {RUNNING, CONCERNING}

ALLOWED_FROM = {
    "start": {STOPPED, FAILED},
    "stop": {RUNNING, CONCERNING, ERROR},
    # Modifications are refused only while deploying (domain-spec 1.4).
    "update": {INIT, RUNNING, CONCERNING, UPGRADING, STOPPING, STOPPED, FAILED, ERROR},
    "rename": {INIT, RUNNING, CONCERNING, STOPPED, FAILED, ERROR},
}


def aggregate_status(deployment_statuses: list[str]) -> str:
    """Service status from its deployments' statuses (first matching rule wins)."""
    statuses = list(deployment_statuses)
    if not statuses:
        return INIT
    for transitional in (DEPLOYING, UPGRADING, STOPPING):
        if transitional in statuses:
            return transitional
    for uniform in (STOPPED, FAILED):
        if all(s == uniform for s in statuses):
            return uniform
    active = [s for s in statuses if s != STOPPED]
    if all(s == RUNNING for s in active):
        return RUNNING
    if any(s in SERVING for s in active):
        return CONCERNING
    return ERROR if ERROR in active else FAILED


@dataclass
class Service(Document):
    id: str
    name: str
    type: str
    deploy_type: str
    workspace_id: str
    description: str
    version: str
    version_id: str
    # Remaining service settings, stored as given (runtime_config, upgrade_config,
    # lts_strategy, log_configs, schedule, task_type, ...).
    settings: dict
    tags: list[dict]
    status: str
    create_at: float
    update_at: float
    version_count: int = 1
    events: list[dict] = field(default_factory=list)
    # Recorded service versions, oldest first (see the module docstring).
    versions: list[dict] = field(default_factory=list)

    @classmethod
    def create(cls, name: str, type_: str, deploy_type: str, workspace_id: str,
               description: str, version: str, settings: dict, tags: list[dict],
               now: float) -> "Service":
        return cls(
            id=new_id(), name=name, type=type_, deploy_type=deploy_type,
            workspace_id=workspace_id, description=description, version=version,
            version_id=new_id(), settings=settings, tags=tags, status=INIT,
            create_at=now, update_at=now,
        )

    # ----- status and events ------------------------------------------------------------

    def refresh_status(self, deployment_statuses: list[str], at: float) -> bool:
        """Recompute the aggregate; record an event when it changed."""
        new = aggregate_status(deployment_statuses)
        if new == self.status:
            return False
        self.add_event(f"Service status change from {self.status} to {new}.", at,
                       "ABNORMAL" if new in (FAILED, ERROR) else "NORMAL")
        self.status = new
        return True

    def add_event(self, text: str, at: float, event_type: str = "NORMAL") -> None:
        self.events.append({
            "id": new_id(),
            "service_id": self.id,
            "service_version_id": self.version_id,
            "event_count": 1,
            "event_type": event_type,
            "event_info": text,
            "event_info_cn": text,
            "create_at": to_ms(at),
            "update_at": to_ms(at),
        })
        del self.events[:-MAX_EVENTS_KEPT]

    # ----- guards and changes -----------------------------------------------------------

    def guard(self, operation: str) -> None:
        allowed = ALLOWED_FROM[operation]
        if self.status not in allowed:
            raise TransitionNotAllowed(f"service {self.name}", operation, self.status, allowed)

    # ----- versions -----------------------------------------------------------------------

    def ensure_history(self, deployment_versions: dict[str, str]) -> None:
        """Give a document from before versions were recorded its current version."""
        if not any(v["id"] == self.version_id for v in self.versions):
            self.record_version(self.update_at, deployment_versions)

    def record_version(self, now: float, deployment_versions: dict[str, str]) -> dict:
        """Record the current configuration as version `self.version` (id `self.version_id`)."""
        entry = {"id": self.version_id, "version": self.version, "description": self.description,
                 "create_at": now, "update_at": now, "settings": copy.deepcopy(self.settings),
                 "deployments": dict(deployment_versions)}
        self.versions.append(entry)
        while len(self.versions) > MAX_VERSIONS_KEPT:
            oldest = next(v for v in self.versions if v["id"] != self.version_id)
            self.versions.remove(oldest)
        return entry

    def current_version_entry(self) -> dict | None:
        return next((v for v in self.versions if v["id"] == self.version_id), None)

    def find_version(self, version_id: str) -> dict | None:
        return next((v for v in self.versions if v["id"] == version_id), None)

    def version_taken(self, number: str) -> dict | None:
        """The recorded version with this number, if any."""
        return next((v for v in self.versions if v["version"] == number), None)

    def next_version_number(self) -> str:
        """The patch after the highest recorded (or current) number: never a collision."""
        numbers = [self.version] + [v["version"] for v in self.versions]
        major, minor, patch = max(tuple(int(p) for p in n.split(".")) for n in numbers)
        return f"{major}.{minor}.{patch + 1}"

    def new_version(self, version: str | None, now: float,
                    deployment_versions: dict[str, str]) -> dict:
        """A configuration change produces a new service version (recorded)."""
        self.version = version or self.next_version_number()
        self.version_id = new_id()
        self.version_count += 1
        return self.record_version(now, deployment_versions)

    def describe_current(self, description: str, now: float) -> None:
        """A description-only change: the current version keeps its number."""
        self.description = description
        entry = self.current_version_entry()
        if entry is not None:
            entry["description"], entry["update_at"] = description, now

    def switch_to(self, entry: dict, now: float) -> None:
        """Make a recorded version current again: its settings and description."""
        self.settings = copy.deepcopy(entry["settings"])
        self.description = entry["description"]
        self.version, self.version_id = entry["version"], entry["id"]
        entry["update_at"] = now
