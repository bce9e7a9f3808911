"""Every ModelArts v1 status set the provider acts on, with what it means (one home for them all).

v1 statuses are lower-case (`running`, `deploying`, ...), unlike v2's; `status_of`
reads them from any response, lower-cased.
"""

from __future__ import annotations

from typing import Any


def status_of(service: dict[str, Any] | None) -> str:
    return str((service or {}).get("status", "unknown")).lower()


def model_status_of(model: dict[str, Any] | None) -> str:
    return str((model or {}).get("model_status", "unknown")).lower()


# ----- services ---------------------------------------------------------------------------
# The platform moves a service out of these by itself; nothing but a start or stop is taken
# meanwhile (the others are documented but not produced by every region).
SERVICE_TRANSITIONAL = frozenset({"deploying", "stopping", "deleting", "pending", "waiting"})
# Serving requests: `concerning` is running with some instances failing their health check.
SERVICE_SERVING = frozenset({"running", "concerning"})
# The deploy failed; `error_msg` says why. A start, or a new config, deploys again.
SERVICE_FAILED = "failed"
SERVICE_STOPPED = "stopped"
# A batch service whose job ran to completion.
SERVICE_FINISHED = "finished"

# What the `state` input calls a status: a finished batch job is as good as stopped.
_RUN_STATE = {"stopped": "stopped", "stopping": "stopped", "finished": "stopped", "failed": "failed"}


def run_state(status: str) -> str:
    return _RUN_STATE.get(status.lower(), "running")


# The `status` an update request takes to start or stop a service.
START, STOP = "running", "stopped"

# ----- service events ------------------------------------------------------------------------
ABNORMAL_EVENT = "abnormal"

# ----- models (the registry) -----------------------------------------------------------------
# Being published (or its image built): the registry moves on by itself.
MODEL_PENDING = frozenset({"publishing", "building"})
# Only a published model can back a service.
MODEL_PUBLISHED = "published"
MODEL_FAILED = frozenset({"failed", "building_failed"})
