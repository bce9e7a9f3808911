"""Every ModelArts status set the provider acts on, with what it means (one home for them all).

Statuses are compared upper-cased: `status_of` reads them from any response.
"""

from __future__ import annotations

from typing import Any


def status_of(resource: dict[str, Any] | None) -> str:
    return str((resource or {}).get("status", "UNKNOWN")).upper()


# ----- services ---------------------------------------------------------------------------
# The platform moves a service out of these by itself.
SERVICE_TRANSITIONAL = frozenset({"DEPLOYING", "UPGRADING", "STOPPING", "DELETING", "INTERRUPTING"})
SERVICE_FAILED = frozenset({"FAILED"})
# A service takes an API key binding only in these (console: Running, Alarm, Stopping, Stopped, Abnormal).
KEY_BINDABLE = frozenset({"RUNNING", "CONCERNING", "STOPPING", "STOPPED", "ERROR"})
SERVICE_RUNNING = "RUNNING"
# After a start or stop request was taken, the service shows one of these.
SERVICE_STARTED = frozenset({"DEPLOYING", "RUNNING", "CONCERNING"})
SERVICE_STOPPED = frozenset({"STOPPING", "STOPPED"})

# ----- deployments --------------------------------------------------------------------------
DEPLOYMENT_RUNNING = "RUNNING"
DEPLOYMENT_FAILED = frozenset({"FAILED", "ERROR"})
# The platform accepts the next operation (update, scale, start/stop, rule changes).
DEPLOYMENT_SETTLED = frozenset({"RUNNING", "CONCERNING", "STOPPED"})
# Not changing by itself: settled, or failed. A traffic shift waits for these, so a
# failed deployment fails its gate instead of hanging the walk.
DEPLOYMENT_RESTING = DEPLOYMENT_SETTLED | DEPLOYMENT_FAILED
DEPLOYMENT_FIRST_DEPLOY_FAILED = "FAILED"
# After a start, stop, switch or interrupt request was taken, the deployment shows one of these.
DEPLOYMENT_STARTED = frozenset({"DEPLOYING", "RUNNING", "CONCERNING"})
DEPLOYMENT_STOPPED = frozenset({"STOPPING", "STOPPED"})
DEPLOYMENT_UPGRADING = "UPGRADING"
DEPLOYMENT_DELETED = "DELETED"

# The run state (a `state` input) a live status stands for.
_RUN_STATE = {"STOPPED": "stopped", "STOPPING": "stopped", "FAILED": "failed"}


def run_state(status: str) -> str:
    return _RUN_STATE.get(status.upper(), "running")


# ----- instances --------------------------------------------------------------------------
INSTANCE_READY = "RUNNING"
# Instance statuses that mean a replica is not serving properly.
INSTANCE_UNHEALTHY = frozenset({"FAILED", "CONCERNING", "ERROR"})

# ----- service events ------------------------------------------------------------------------
# The event types that mean something went wrong (the others are NORMAL).
ALARMING_EVENTS = ("ABNORMAL", "WARNING")
ABNORMAL_EVENTS = ("ABNORMAL",)

# ----- intranet connections --------------------------------------------------------------------
CONNECTION_CONNECTED = "CONNECTED"
CONNECTION_APPROVING = "APPROVING"
CONNECTION_FAILED = "FAILED"
# Statuses the platform (or the owner's decision) moves on from.
CONNECTION_PENDING = frozenset({"APPROVING", "CONNECTING"})
# Nobody moves the connection out of these without a new request (or a retry).
CONNECTION_DEAD_ENDS = frozenset({"REJECTED", "CANCELED", "FAILED"})
# A leftover in one of these serves nothing: a new request replaces it.
CONNECTION_ENDED = frozenset({"REJECTED", "CANCELED"})

# ----- auto-scaling policies ----------------------------------------------------------------------
POLICY_INACTIVE = frozenset({"INACTIVE", "DELETED"})
