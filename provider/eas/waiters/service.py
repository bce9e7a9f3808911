"""Waits, events, instances and rollout checks of EAS services (our Deployments).

Events have no id: one is told apart by its time, type, reason and message,
so a clock that differs from the cloud's can neither hide nor invent one.
"""

from __future__ import annotations

from typing import Any, Iterable

from ...core.errors import ApiError
from ...core.poll import WaitFailed, Waits
from ...core.rollout import RolloutShape
from ..client import EasClient
from ..statuses import (EVENT_WARNING, INSTANCE_READY, INSTANCE_UNHEALTHY, SERVICE_DELETED, SERVICE_FAILED,
                        SERVICE_RUNNING, SERVICE_TRANSITIONAL, status_of)


# A held-back update shows itself only through Warning events, and a quick one never needs them: they
# are read on every third poll (within seconds early on, about every 45 s at the longest interval).
EVENT_POLLS = 3


class RolloutFailed(WaitFailed):
    """An update did not end with the wanted version serving (held back, failed, or short of instances)."""


def event_key(event: dict[str, Any]) -> str:
    return "|".join(str(event.get(k) or "") for k in ("Time", "Type", "Reason", "Message"))


def warning_events(client: EasClient, name: str, since: str | None = None) -> list[dict[str, Any]]:
    """The service's Warning events (from `since`, a time as the API writes them), oldest first; none when
    events cannot be read."""
    try:
        return [e for e in client.services.events(name, EVENT_WARNING, since=since) if e.get("Type") == EVENT_WARNING]
    except ApiError:
        return []


def warning_line(event: dict[str, Any]) -> str:
    return f"[{event.get('Reason')}] {event.get('Message')}"


def event_keys(events: Iterable[dict[str, Any]]) -> set[str]:
    return {event_key(e) for e in events}


def held_back_by(client: EasClient, service: dict[str, Any]) -> list[str]:
    """Why a service on its way is stuck, or [] when it is not: EAS holds back a deploy or an update whose
    instances never become ready, saying so with a Warning event, and the service then stays Waiting or
    Updating until another update, a switch of version or a stop. Events since the service last changed
    (its UpdateTime: the platform's own clock) are the ones about this rollout."""
    if status_of(service) not in SERVICE_TRANSITIONAL or not service.get("UpdateTime"):
        return []
    events = warning_events(client, str(service.get("ServiceName")), since=service["UpdateTime"])
    return [warning_line(e) for e in events]


def new_warnings(client: EasClient, name: str, seen: set[str]) -> list[str]:
    return [warning_line(e) for e in warning_events(client, name) if event_key(e) not in seen]


def explain(client: EasClient, service: dict[str, Any], seen: set[str] | None) -> str:
    """The platform's own explanation: reason and message, and the Warning events since `seen`."""
    name = service.get("ServiceName")
    text = f"{service.get('Reason') or 'no reason given'}: {service.get('Message') or ''}".rstrip(": ")
    events = new_warnings(client, name, seen or set())
    return text + (f". Events: {' | '.join(events)}" if events else "")


def desired_count(service: dict[str, Any]) -> int:
    metadata = (service.get("config") or {}).get("metadata") or {}
    count = metadata.get("instance")
    return count if isinstance(count, int) and not isinstance(count, bool) else int(service.get("TotalInstance") or 1)


def wait_service_in(client: EasClient, name: str, wanted: Iterable[str], waits: Waits, *,
                    shape: RolloutShape | None = None, seen: set[str] | None = None,
                    first: dict[str, Any] | None = None) -> dict[str, Any]:
    """Wait for one of the `wanted` statuses; a failed service is a dead end unless wanted.

    `seen`: the Warning events before an update (or creation) began. Given, a
    new Warning event while the service is still on its way means EAS holds
    the update back (instances that do not become ready): a dead end, reported
    with those events (looked for every `EVENT_POLLS` polls). Progress lines give the status, running/desired
    instances and, for a rollout of `shape`, the wave in progress. `first`: the
    service as a read just showed it (the diff's), so the wait does not read it again.
    """
    wanted = frozenset(wanted)
    polls = 0

    def probe() -> dict[str, Any]:
        nonlocal polls
        polls += 1
        service = client.services.get(name)
        status = status_of(service)
        if status in wanted:
            return service
        if status in SERVICE_FAILED:
            raise RolloutFailed(f"service {name} is {status}: {explain(client, service, seen)}")
        if seen is not None and polls % EVENT_POLLS == 0:
            problems = new_warnings(client, name, seen)
            if problems:
                raise RolloutFailed(f"service {name} is held back ({status}, {service.get('RunningInstance')} of "
                                    f"{desired_count(service)} instance(s) running): {' | '.join(problems)}")
        return service

    def progress(service: dict[str, Any], elapsed: float) -> None:
        if waits.reporter is None:
            return
        ready, desired = int(service.get("RunningInstance") or 0), desired_count(service)
        wave = waves = None
        if shape is not None:
            waves, wave = shape.waves, shape.wave_of(ready)
        waits.reporter.waiting(status_of(service), elapsed, ready=ready, desired=desired, wave=wave, waves=waves)

    return waits.until(probe, done=lambda s: status_of(s) in wanted,
                       describe=lambda s: f"service {name} is still {status_of(s)}", progress=progress, first=first)


def wait_service_gone(client: EasClient, name: str, waits: Waits) -> None:
    waits.until(lambda: client.services.find(name),
                done=lambda s: s is None or status_of(s) in SERVICE_DELETED,
                describe=lambda s: f"service {name} is still {status_of(s)}",
                progress=lambda s, elapsed: waits.reporter and waits.reporter.waiting(status_of(s), elapsed))


def verify_rollout(client: EasClient, live: dict[str, Any], expected_version: int, min_ready: int,
                   seen: set[str]) -> None:
    """After an update settles: the expected version serves (CurrentVersion; for an update also
    LatestVersion), the service is Running, and at least `min_ready` instances run."""
    name = live.get("ServiceName")
    current = live.get("CurrentVersion")
    if current != expected_version:
        raise RolloutFailed(f"service {name}: version {current} serves, not {expected_version}; "
                            f"{explain(client, live, seen)}")
    if status_of(live) != SERVICE_RUNNING:
        raise RolloutFailed(f"service {name} ended the update {status_of(live)}, not Running: "
                            f"{explain(client, live, seen)}")
    running = int(live.get("RunningInstance") or 0)
    if running < min_ready:
        raise RolloutFailed(f"service {name}: only {running} running instance(s) of version {expected_version} "
                            f"after the update; at least {min_ready} required")


def instance_status(instance: dict[str, Any]) -> str:
    return str(instance.get("Status") or "")


def unhealthy_instances(instances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Instances that do not serve: a failed status, or running without being ready."""
    bad = []
    for item in instances:
        status = instance_status(item)
        not_ready = status == INSTANCE_READY and item.get("ReadyProcesses") is not None and \
            int(item.get("ReadyProcesses") or 0) < int(item.get("TotalProcesses") or 1)
        if status in INSTANCE_UNHEALTHY or not_ready:
            bad.append(item)
    return bad
