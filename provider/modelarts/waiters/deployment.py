"""Deployment waits, instance classification and rollout verification."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from ...core.errors import ApiError, NotFoundError
from ...core.poll import WaitFailed, Waits
from ...core.rollout import RolloutShape
from ..client import ModelArtsClient
from ..statuses import DEPLOYMENT_DELETED, DEPLOYMENT_FAILED, DEPLOYMENT_RUNNING, INSTANCE_READY, INSTANCE_UNHEALTHY, status_of
from .service import alarming_events


class RolloutFailed(Exception):
    """The upgrade did not end with the requested version serving (rolled back, or short of ready replicas)."""


def failure_detail(client: ModelArtsClient, service_id: str, deployment: dict[str, Any]) -> str:
    """The platform's own explanation: the deployment's reason, else the service's."""
    reason = deployment.get("failure_reason") or deployment.get("message")
    if reason:
        return str(reason)
    service = client.services.find(service_id)
    return str((service or {}).get("failure_reason") or "no reason given")


def instance_status(instance: dict[str, Any]) -> str:
    return str(instance.get("status", "")).upper()


def ready_instances(instances: list[dict[str, Any]], version: str | None = None) -> list[dict[str, Any]]:
    """RUNNING instances (of `version`, when the platform reports versions)."""
    return [i for i in instances if instance_status(i) == INSTANCE_READY
            and (version is None or i.get("version", version) == version)]


def unhealthy_instances(instances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in instances if instance_status(i) in INSTANCE_UNHEALTHY]


def wait_deployment_in(client: ModelArtsClient, service_id: str, deployment_id: str, wanted: Iterable[str],
                       waits: Waits, shape: RolloutShape | None = None,
                       version: str | None = None, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Wait for one of the `wanted` statuses; a failed deployment is a dead end unless wanted.

    While waiting, progress lines give the status, ready/desired replicas and,
    during a rollout of `shape` to `version`, the wave in progress. `known`: the
    deployment as an answer just showed it (no first read).
    """
    wanted = frozenset(wanted)

    def probe() -> dict[str, Any]:
        deployment = client.deployments.get(service_id, deployment_id)
        status = status_of(deployment)
        if status in DEPLOYMENT_FAILED and status not in wanted:
            detail = failure_detail(client, service_id, deployment)
            raise WaitFailed(f"deployment {deployment.get('name', deployment_id)} is {status}: {detail}")
        return deployment

    def progress(deployment: dict[str, Any], elapsed: float) -> None:
        if waits.reporter is not None:
            _report_rollout(client, service_id, deployment, waits, elapsed, shape, version)

    return waits.until(probe, done=lambda d: status_of(d) in wanted,
                       describe=lambda d: f"deployment {deployment_id} is still {status_of(d)}", progress=progress,
                       first=known)


def _report_rollout(client: ModelArtsClient, service_id: str, deployment: dict[str, Any], waits: Waits,
                    elapsed: float, shape: RolloutShape | None, version: str | None) -> None:
    desired = int(deployment.get("count") or 1)
    try:
        instances = client.deployments.instances(service_id, deployment["name"])
    except ApiError:
        instances = []
    ready = len(ready_instances(instances, version))
    wave = waves = None
    if shape is not None:
        waves, wave = shape.waves, shape.wave_of(ready)
    waits.reporter.waiting(status_of(deployment), elapsed, ready=ready, desired=desired, wave=wave, waves=waves)


def wait_deployment_gone(client: ModelArtsClient, service_id: str, deployment_id: str, waits: Waits) -> None:
    waits.until(lambda: client.deployments.find(service_id, deployment_id),
                done=lambda d: d is None or status_of(d) == DEPLOYMENT_DELETED,
                describe=lambda d: f"deployment {deployment_id} is still {status_of(d)}",
                progress=lambda d, elapsed: waits.reporter and waits.reporter.waiting(status_of(d), elapsed))


def server_ms(value: Any) -> int | None:
    """A platform timestamp (milliseconds, as a number or digits, or ISO 8601) in milliseconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, str):
        try:
            return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
        except ValueError:
            return None
    return None


def new_problems(client: ModelArtsClient, service_id: str, since: Any) -> list[str]:
    """ABNORMAL and WARNING events since `since` (the platform's clock), oldest first; none if
    events cannot be read. Timed by the platform, so a local clock that differs cannot hide one."""
    since_ms = server_ms(since)
    try:
        events = alarming_events(client, service_id, since_ms=since_ms)
    except ApiError:
        return []
    return [str(e.get("event_info", "")) for e in events]


def verify_rollout(client: ModelArtsClient, service_id: str, live: dict[str, Any], expected_version: str,
                   min_ready: int, since: Any) -> None:
    """After an upgrade settles: the new version serves, RUNNING, with enough ready replicas.

    `since`: the deployment's last change before the upgrade, by the platform's
    clock; a rollback is reported with the service's alarming events after it.
    """
    name = live.get("name", live.get("id"))
    if live.get("version") != expected_version:
        events = "; ".join(new_problems(client, service_id, since)) or "no events recorded"
        raise RolloutFailed(
            f"deployment {name}: the upgrade to version {expected_version} was rolled back by the platform; "
            f"version {live.get('version')} is serving. Events: {events}"
        )
    if status_of(live) != DEPLOYMENT_RUNNING:
        raise RolloutFailed(f"deployment {name} ended the upgrade {status_of(live)}, not RUNNING")
    try:
        instances = client.deployments.instances(service_id, live["name"])
    except NotFoundError:
        instances = []
    ready = ready_instances(instances, expected_version)
    if len(ready) < min_ready:
        raise RolloutFailed(f"deployment {name}: only {len(ready)} ready replica(s) of version "
                            f"{expected_version} after the upgrade; at least {min_ready} required")
