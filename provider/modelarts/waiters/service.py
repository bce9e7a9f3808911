"""Service lookups, waits and events."""

from __future__ import annotations

from typing import Any

from ...core.poll import WaitFailed, Waits
from ..client import ModelArtsClient
from ..statuses import ALARMING_EVENTS, SERVICE_FAILED, SERVICE_TRANSITIONAL, status_of


def wait_service_settled(client: ModelArtsClient, service_id: str, waits: Waits) -> dict[str, Any]:
    """Wait until the service is in a resting status (INIT, RUNNING, STOPPED, ...)."""

    def probe() -> dict[str, Any]:
        service = client.services.get(service_id)
        if status_of(service) in SERVICE_FAILED:
            raise WaitFailed(f"service {service_id} is FAILED: {service.get('failure_reason') or 'no reason given'}")
        return service

    return waits.until(probe, done=lambda s: status_of(s) not in SERVICE_TRANSITIONAL,
                       describe=lambda s: f"service {service_id} is still {status_of(s)}",
                       progress=lambda s, elapsed: _report(waits, s, elapsed))


def wait_service_deleted(client: ModelArtsClient, service_id: str, waits: Waits) -> None:
    waits.until(lambda: client.services.find(service_id), done=lambda s: s is None,
                describe=lambda s: f"service {service_id} is still {status_of(s)}",
                progress=lambda s, elapsed: _report(waits, s, elapsed))


def _report(waits: Waits, service: dict[str, Any] | None, elapsed: float) -> None:
    if waits.reporter is not None:
        waits.reporter.waiting(status_of(service), elapsed)


def event_time(event: dict[str, Any]) -> int:
    try:
        return int(event.get("create_at") or 0)
    except (TypeError, ValueError):
        return 0


def alarming_events(client: ModelArtsClient, service_id: str, kinds: tuple[str, ...] = ALARMING_EVENTS,
                    since_ms: int | None = None) -> list[dict[str, Any]]:
    """The service's events of the given types (since `since_ms`, by the platform's clock), oldest
    first (one call, filtered here)."""
    events = client.services.events(service_id, **({"start_time": since_ms} if since_ms is not None else {}))
    return sorted((e for e in events if str(e.get("event_type", "")).upper() in kinds
                   and (since_ms is None or event_time(e) >= since_ms)), key=event_time)


def event_ids(events: list[dict[str, Any]]) -> set[str]:
    """Events are told apart by id, not time, so a clock that differs from the
    cloud's can neither hide nor invent one."""
    return {str(e.get("id")) for e in events}
