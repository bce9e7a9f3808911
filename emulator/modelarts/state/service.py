"""Service: the stable endpoint in front of deployments, and its lifecycle.

A service has no status of its own: it is an aggregate of its deployments'
statuses (domain-spec 1.3, an inferred rule), recomputed after every change.
A service without deployments is INIT (the docs name no state for a
"service only" setup; INIT means "to be deployed" in the SDK enum).
Status changes are recorded as service events.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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
    next_patch_version,
    to_ms,
)

KIND = "service"
MAX_SERVICES_PER_PROJECT = 20
MAX_EVENTS_KEPT = 500  # bounds the document; the platform keeps one month of events

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
class Service:
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

    @classmethod
    def from_doc(cls, doc: dict) -> "Service":
        return cls(**doc)

    def to_doc(self) -> dict:
        return asdict(self)

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

    def new_version(self, version: str | None) -> None:
        """A configuration change produces a new service version."""
        self.version = version or next_patch_version(self.version)
        self.version_id = new_id()
        self.version_count += 1
