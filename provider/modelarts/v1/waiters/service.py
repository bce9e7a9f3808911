"""Service waits, events, and the checks that an update or a start took effect."""

from __future__ import annotations

from typing import Any, Callable

from ....core.errors import ApiError, ReportedError
from ....core.poll import WaitFailed, Waits
from ..client import ModelArtsV1Client
from ..statuses import SERVICE_FAILED, SERVICE_FINISHED, SERVICE_SERVING, SERVICE_TRANSITIONAL, status_of


# A batch job may have run to completion by the time a start is checked.
SERVING_OR_DONE = SERVICE_SERVING | {SERVICE_FINISHED}

# How long a wait after a PUT gives the platform to show that it took the request before a settled
# answer is believed: the first reads after an update may still describe the service as it was.
PICKUP_SECONDS = 30.0


class UpdateRolledBack(ReportedError):
    """The platform did not keep a config update: the service serves the previous config."""


def failure(service: dict[str, Any]) -> str:
    name = service.get("service_name") or service.get("service_id")
    return f"service {name} is failed: {service.get('error_msg') or 'no reason given'}"


def wait_settled(client: ModelArtsV1Client, service_id: str, waits: Waits, *, failed_ok: bool = True,
                 known: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> dict[str, Any]:
    """Wait until the service is out of deploying/stopping; `failed_ok=False` makes a failed
    deploy a dead end (reported with the platform's error_msg). `known`: the service as just read.
    `after`: the service as read before a PUT; a settled answer then counts only once the
    service shows it took that PUT (see taken_since)."""
    taken = taken_since(after, waits) if after is not None else (lambda service: True)

    def probe() -> dict[str, Any]:
        service = client.services.get(service_id)
        if not failed_ok and status_of(service) == SERVICE_FAILED:
            raise WaitFailed(failure(service))
        return service

    def done(service: dict[str, Any]) -> bool:
        if not failed_ok and status_of(service) == SERVICE_FAILED:
            raise WaitFailed(failure(service))
        return taken(service) and status_of(service) not in SERVICE_TRANSITIONAL

    return waits.until(probe, done=done, describe=lambda s: f"service {service_id} is still {status_of(s)}",
                       progress=lambda s, elapsed: report(waits, s, elapsed), first=known)


def taken_since(before: dict[str, Any], waits: Waits) -> Callable[[dict[str, Any]], bool]:
    """A judge, fed every read of the wait, of whether the service has shown it took a PUT sent after
    `before` was read: a transitional status seen, another status, or a newer update_time. Past
    PICKUP_SECONDS without a sign it stops holding the wait back (what follows then judges the result)."""
    started = waits.now()
    seen = False

    def taken(service: dict[str, Any]) -> bool:
        nonlocal seen
        seen = seen or (status_of(service) in SERVICE_TRANSITIONAL or status_of(service) != status_of(before)
                        or service.get("update_time") != before.get("update_time"))
        return seen or waits.now() - started >= PICKUP_SECONDS

    return taken


def wait_gone(client: ModelArtsV1Client, service_id: str, waits: Waits) -> None:
    waits.until(lambda: client.services.find(service_id), done=lambda s: s is None,
                describe=lambda s: f"service {service_id} is still {status_of(s)}",
                progress=lambda s, elapsed: report(waits, s, elapsed))


def report(waits: Waits, service: dict[str, Any] | None, elapsed: float) -> None:
    """A progress line: the status and, while deploying, how far the platform says it got."""
    if waits.reporter is None:
        return
    status = status_of(service)
    progress = (service or {}).get("progress")
    if status == "deploying" and isinstance(progress, (int, float)):
        status = f"{status} {progress:.0f}%"
    waits.reporter.waiting(status, elapsed)


def events_since(client: ModelArtsV1Client, service_id: str, since_ms: Any) -> list[str]:
    """The texts of the service's events from `since_ms` (the platform's clock) on, oldest first;
    none when events cannot be read."""
    try:
        events = client.services.events(service_id, order="asc")
    except ApiError:
        return []
    start = since_ms if isinstance(since_ms, (int, float)) and not isinstance(since_ms, bool) else 0
    # Stable: events of the same moment keep the order the platform recorded them in.
    kept = sorted((e for e in events if _time(e) >= start), key=_time)
    return [str(e.get("event_info", "")) for e in kept]


def _time(event: dict[str, Any]) -> int:
    try:
        return int(event.get("occur_time") or 0)
    except (TypeError, ValueError):
        return 0


def expect_serving(service: dict[str, Any]) -> None:
    """After a start (or a deploy): the service serves, or its failure is reported."""
    status = status_of(service)
    if status == SERVICE_FAILED:
        raise WaitFailed(failure(service))
    if status not in SERVING_OR_DONE:
        raise WaitFailed(f"service {service.get('service_name')} is {status} after the start, not running")


def rolled_back(client: ModelArtsV1Client, service: dict[str, Any], changed: list[str]) -> UpdateRolledBack:
    """The error for a config update the platform did not keep, with its events since the update."""
    name = service.get("service_name") or service.get("service_id")
    events = "; ".join(events_since(client, service["service_id"], service.get("update_time"))) or \
        "no events recorded"
    return UpdateRolledBack(f"service {name}: the config update was rolled back by the platform; it is "
                            f"{status_of(service)} on its previous config ({', '.join(changed)} not as sent). "
                            f"Events: {events}")
