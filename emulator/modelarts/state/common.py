"""Status names, the guard error and small helpers shared by the state modules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

INIT = "INIT"
DEPLOYING = "DEPLOYING"
RUNNING = "RUNNING"
CONCERNING = "CONCERNING"  # console "Alarm": serving, some instances unhealthy
UPGRADING = "UPGRADING"
STOPPING = "STOPPING"
STOPPED = "STOPPED"
FAILED = "FAILED"
ERROR = "ERROR"  # console "Abnormal"
DELETED = "DELETED"


class TransitionNotAllowed(Exception):
    """An operation was asked for in a status that does not permit it."""

    def __init__(self, what: str, operation: str, status: str, allowed: set[str]):
        self.what = what
        self.operation = operation
        self.status = status
        self.allowed = allowed
        super().__init__(
            f"Cannot {operation} {what} in status {status}; "
            f"allowed only in {', '.join(sorted(allowed))}."
        )


@dataclass(frozen=True)
class Transition:
    """A status change, stamped with when it (logically) happened."""

    old: str
    new: str
    at: float


def new_id() -> str:
    return str(uuid.uuid4())


def to_ms(seconds: float) -> int:
    return int(seconds * 1000)


def next_patch_version(version: str) -> str:
    """1.0.0 -> 1.0.1; the patch number just keeps counting (1.0.9 -> 1.0.10)."""
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"
