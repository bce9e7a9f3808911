"""Waiting until a service accepts an API key binding."""

from __future__ import annotations

from typing import Any

from ...core.poll import WaitFailed, Waits
from ..client import ModelArtsClient
from ..statuses import KEY_BINDABLE, SERVICE_FAILED, status_of


def auth_type(service: dict[str, Any]) -> str | None:
    runtime = (service.get("version") or {}).get("runtime_config") or {}
    return (runtime.get("service_invoke") or {}).get("auth_type")


def wait_service_bindable(client: ModelArtsClient, service_id: str, waits: Waits) -> dict[str, Any]:
    """Wait until the service may take a key binding; fail at once when it never will by itself.

    A service still deploying (or INIT while its first deployment is being
    created by the same `pulumi up`) is waited for; a missing service, one
    that does not use API-key authentication, or a FAILED one is an error.
    """

    def probe() -> dict[str, Any]:
        service = client.services.find(service_id)
        if service is None:
            raise WaitFailed(f"cannot bind an API key to service {service_id}: it does not exist")
        if auth_type(service) != "API_KEY":
            raise WaitFailed(f"cannot bind an API key to service {service.get('name')} ({service_id}): its "
                             f"runtime_config.service_invoke.auth_type is {auth_type(service)}, not API_KEY")
        if status_of(service) in SERVICE_FAILED:
            raise WaitFailed(f"cannot bind an API key to service {service.get('name')} ({service_id}): it is FAILED")
        return service

    return waits.until(
        probe,
        done=lambda s: status_of(s) in KEY_BINDABLE,
        describe=lambda s: (f"service {service_id} is {status_of(s)}; an API key can be bound only in "
                            f"{', '.join(sorted(KEY_BINDABLE))}"),
        progress=lambda s, elapsed: waits.reporter and waits.reporter.waiting(
            status_of(s), elapsed, what=f"service {s.get('name')} to accept the binding"),
    )
