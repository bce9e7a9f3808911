"""Deployment lookups and waits."""

from __future__ import annotations

from typing import Any

from ..clients.modelarts import ApiError, ModelArtsClient, NotFoundError
from .poll import WaitFailed, poll_until
from .service import alarming_events

FAILED = {"FAILED", "ERROR"}


def find_deployment(client: ModelArtsClient, service_id: str, deployment_id: str) -> dict[str, Any] | None:
    try:
        return client.deployments.get(service_id, deployment_id)
    except NotFoundError:
        return None


def deployment_status(deployment: dict[str, Any]) -> str:
    return str(deployment.get("status", "UNKNOWN")).upper()


def failure_detail(client: ModelArtsClient, service_id: str, deployment: dict[str, Any]) -> str:
    """The platform's own explanation: the deployment's reason, else the service's."""
    reason = deployment.get("failure_reason") or deployment.get("message")
    if reason:
        return str(reason)
    try:
        service = client.services.get(service_id)
    except NotFoundError:
        return "no reason given"
    return str(service.get("failure_reason") or "no reason given")


def wait_deployment_in(
    client: ModelArtsClient,
    service_id: str,
    deployment_id: str,
    wanted: set[str],
    timeout_seconds: float,
) -> dict[str, Any]:
    def probe() -> dict[str, Any]:
        deployment = client.deployments.get(service_id, deployment_id)
        status = deployment_status(deployment)
        if status in FAILED and status not in wanted:
            detail = failure_detail(client, service_id, deployment)
            raise WaitFailed(f"deployment {deployment.get('name', deployment_id)} is {status}: {detail}")
        return deployment

    return poll_until(
        probe,
        done=lambda d: deployment_status(d) in wanted,
        describe=lambda d: f"deployment {deployment_id} is still {deployment_status(d)}",
        timeout_seconds=timeout_seconds,
    )


def wait_deployment_gone(client: ModelArtsClient, service_id: str, deployment_id: str, timeout_seconds: float) -> None:
    poll_until(
        lambda: find_deployment(client, service_id, deployment_id),
        done=lambda d: d is None or deployment_status(d) == "DELETED",
        describe=lambda d: f"deployment {deployment_id} is still {deployment_status(d)}",
        timeout_seconds=timeout_seconds,
    )


class RolloutFailed(Exception):
    """The upgrade did not end with the requested version serving (rolled back, or short of ready replicas)."""


# Instance statuses (instances API) that mean a replica is not serving properly.
UNHEALTHY_INSTANCES = {"FAILED", "CONCERNING", "ERROR"}


def instance_status(instance: dict[str, Any]) -> str:
    return str(instance.get("status", "")).upper()


def ready_instances(instances: list[dict[str, Any]], version: str | None = None) -> list[dict[str, Any]]:
    """RUNNING instances (of `version`, when the platform reports versions)."""
    return [i for i in instances if instance_status(i) == "RUNNING"
            and (version is None or i.get("version", version) == version)]


def unhealthy_instances(instances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in instances if instance_status(i) in UNHEALTHY_INSTANCES]


def new_problems(client: ModelArtsClient, service_id: str, seen: set[str]) -> list[str]:
    """ABNORMAL and WARNING events not in `seen`, oldest first; none if events cannot be read."""
    try:
        events = alarming_events(client, service_id)
    except ApiError:
        return []
    return [str(e.get("event_info", "")) for e in events if str(e.get("id")) not in seen]


def verify_rollout(client: ModelArtsClient, service_id: str, live: dict[str, Any], expected_version: str,
                   min_ready: int, seen_events: set[str]) -> None:
    """After an upgrade settles: the new version serves, RUNNING, with enough ready replicas.

    `seen_events` are the ids of the service's alarming events before the
    upgrade began; a rollback is reported with the ones that came after.
    """
    name = live.get("name", live.get("id"))
    if live.get("version") != expected_version:
        events = "; ".join(new_problems(client, service_id, seen_events)) or "no events recorded"
        raise RolloutFailed(
            f"deployment {name}: the upgrade to version {expected_version} was rolled back by the platform; "
            f"version {live.get('version')} is serving. Events: {events}"
        )
    if deployment_status(live) != "RUNNING":
        raise RolloutFailed(f"deployment {name} ended the upgrade {deployment_status(live)}, not RUNNING")
    ready = ready_instances(client.deployments.instances(service_id, live["name"]), expected_version)
    if len(ready) < min_ready:
        raise RolloutFailed(f"deployment {name}: only {len(ready)} ready replica(s) of version "
                            f"{expected_version} after the upgrade; at least {min_ready} required")
