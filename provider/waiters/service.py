"""Service lookups and waits."""

from __future__ import annotations

from typing import Any

from ..clients.modelarts import ModelArtsClient, NotFoundError
from .poll import WaitFailed, poll_until

# Statuses from which the platform moves on by itself.
TRANSITIONAL = {"DEPLOYING", "UPGRADING", "STOPPING", "DELETING", "INTERRUPTING"}
FAILED = {"FAILED"}


def find_service(client: ModelArtsClient, service_id: str) -> dict[str, Any] | None:
    try:
        return client.services.get(service_id)
    except NotFoundError:
        return None


def service_status(service: dict[str, Any]) -> str:
    return str(service.get("status", "UNKNOWN")).upper()


def wait_service_settled(client: ModelArtsClient, service_id: str, timeout_seconds: float) -> dict[str, Any]:
    """Wait until the service is in a resting status (INIT, RUNNING, STOPPED, ...)."""

    def probe() -> dict[str, Any]:
        service = client.services.get(service_id)
        if service_status(service) in FAILED:
            raise WaitFailed(f"service {service_id} is FAILED: {service.get('failure_reason') or 'no reason given'}")
        return service

    return poll_until(
        probe,
        done=lambda s: service_status(s) not in TRANSITIONAL,
        describe=lambda s: f"service {service_id} is still {service_status(s)}",
        timeout_seconds=timeout_seconds,
    )


def wait_service_deleted(client: ModelArtsClient, service_id: str, timeout_seconds: float) -> None:
    poll_until(
        lambda: find_service(client, service_id),
        done=lambda s: s is None,
        describe=lambda s: f"service {service_id} is still {service_status(s)}",
        timeout_seconds=timeout_seconds,
    )


# Service events that mean something went wrong (the others are NORMAL).
ALARMING = ("ABNORMAL", "WARNING")


def event_time(event: dict[str, Any]) -> int:
    try:
        return int(event.get("create_at") or 0)
    except (TypeError, ValueError):
        return 0


def alarming_events(client: ModelArtsClient, service_id: str, kinds: tuple[str, ...] = ALARMING) -> list[dict[str, Any]]:
    """The service's events of the given types, oldest first (one call, filtered here)."""
    events = client.services.events(service_id)
    return sorted((e for e in events if str(e.get("event_type", "")).upper() in kinds), key=event_time)


def event_ids(events: list[dict[str, Any]]) -> set[str]:
    """Events are told apart by id, not time, so a clock that differs from the
    cloud's can neither hide nor invent one."""
    return {str(e.get("id")) for e in events}
