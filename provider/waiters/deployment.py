"""Deployment lookups and waits."""

from __future__ import annotations

from typing import Any

from ..clients.modelarts import ModelArtsClient, NotFoundError
from .poll import WaitFailed, poll_until

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
