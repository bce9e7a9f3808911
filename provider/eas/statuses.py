"""Every PAI-EAS status set the provider acts on, with what it means (one home for them all).

EAS spells statuses in CamelCase (`Running`); they are compared as given
(eas-api.md 3). `status_of` reads them from any response.
"""

from __future__ import annotations

from typing import Any


def status_of(resource: dict[str, Any] | None) -> str:
    return str((resource or {}).get("Status") or "Unknown")


# ----- services (our Deployments) ----------------------------------------------------------------
SERVICE_RUNNING = "Running"
SERVICE_STOPPED = "Stopped"
# What an accepted update (or switch of version) is doing until it settles.
SERVICE_UPDATING = "Updating"
# Dead ends: the platform does not leave these by itself.
SERVICE_FAILED = frozenset({"Failed", "DeleteFailed"})
# The platform moves a service out of these by itself (3.1: everything but the steady states).
SERVICE_TRANSITIONAL = frozenset({"Creating", "Waiting", SERVICE_UPDATING, "Scaling", "Starting", "Stopping",
                                  "Deleting", "Pending", "Cloning", "HotUpdate", "Committing", "Deploying"})
# Steady: the next operation (update, scale, start/stop, release, scaler changes) is accepted.
SERVICE_SETTLED = frozenset({"Running", "Stopped", "Complete", "Developing"})
# Not changing by itself: settled, or failed. A traffic shift waits for these, so a failed
# service fails its gate instead of hanging the walk.
SERVICE_RESTING = SERVICE_SETTLED | SERVICE_FAILED
# After DeleteService, until DescribeService answers 404.
SERVICE_DELETED = frozenset({"Deleted"})

# The run state (a `state` input) a live status stands for.
_RUN_STATE = {"Stopped": "stopped", "Stopping": "stopped"}


def run_state(status: str) -> str:
    return _RUN_STATE.get(status, "running")


# ----- traffic ----------------------------------------------------------------------------------------
# ReleaseService: a member takes a share of its group's traffic only while grouping.
TRAFFIC_GROUPING = "grouping"
TRAFFIC_STANDALONE = "standalone"


def group_weight(service: dict[str, Any]) -> int:
    """The service's weight in its group: its Weight while grouping, else it takes none."""
    return int(service.get("Weight") or 0) if service.get("TrafficState") == TRAFFIC_GROUPING else 0


# ----- safety lock ---------------------------------------------------------------------------------------
# The values of a service's SafetyLock, the tightest first.
LOCKS = ("all", "dangerous", "none")
UNLOCKED = "none"

# ----- instances ----------------------------------------------------------------------------------------
INSTANCE_READY = "Running"
# Instance statuses that mean a replica is not serving properly.
INSTANCE_UNHEALTHY = frozenset({"Failed", "CrashLoopBackOff", "Error", "Terminated"})

# ----- events ------------------------------------------------------------------------------------------------
# DescribeServiceEvent types: Normal, Warning; Warning means something went wrong.
EVENT_WARNING = "Warning"

# ----- gateways -------------------------------------------------------------------------------------------------
GATEWAY_RUNNING = "Running"
GATEWAY_FAILED = frozenset({"Failed"})
GATEWAY_TRANSITIONAL = frozenset({"Creating", "Waiting", "Deleting"})
GATEWAY_DELETED = frozenset({"Deleted"})

# ----- intranet linked VPCs ------------------------------------------------------------------------------------
LINK_RUNNING = "Running"
LINK_CREATING = "Creating"
