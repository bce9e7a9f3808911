"""API key lookups, and waiting until a service accepts a key binding."""

from __future__ import annotations

from typing import Any

from ..clients.modelarts import ModelArtsClient
from .poll import WaitFailed, poll_until
from .service import find_service, service_status

# UG: binding needs the service Running, Alarm, Stopping, Stopped or Abnormal.
BINDABLE = {"RUNNING", "CONCERNING", "STOPPING", "STOPPED", "ERROR"}


def find_api_key(client: ModelArtsClient, key_id: str) -> dict[str, Any] | None:
    return client.api_keys.find(key_id)


def auth_type(service: dict[str, Any]) -> str | None:
    runtime = (service.get("version") or {}).get("runtime_config") or {}
    return (runtime.get("service_invoke") or {}).get("auth_type")


def wait_service_bindable(client: ModelArtsClient, service_id: str, timeout_seconds: float) -> dict[str, Any]:
    """Wait until the service may take a key binding; fail at once when it never will by itself.

    A service still deploying (or INIT while its first deployment is being
    created by the same `pulumi up`) is waited for; a missing service, one
    that does not use API-key authentication, or a FAILED one is an error.
    """

    def probe() -> dict[str, Any]:
        service = find_service(client, service_id)
        if service is None:
            raise WaitFailed(f"cannot bind an API key to service {service_id}: it does not exist")
        if auth_type(service) != "API_KEY":
            raise WaitFailed(f"cannot bind an API key to service {service.get('name')} ({service_id}): its "
                             f"runtime_config.service_invoke.auth_type is {auth_type(service)}, not API_KEY")
        if service_status(service) == "FAILED":
            raise WaitFailed(f"cannot bind an API key to service {service.get('name')} ({service_id}): it is FAILED")
        return service

    return poll_until(
        probe,
        done=lambda s: service_status(s) in BINDABLE,
        describe=lambda s: (f"service {service_id} is {service_status(s)}; an API key can be bound only in "
                            f"{', '.join(sorted(BINDABLE))}"),
        timeout_seconds=timeout_seconds,
    )
