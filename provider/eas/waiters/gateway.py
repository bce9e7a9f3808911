"""Gateway waits."""

from __future__ import annotations

from typing import Any

from ...core.poll import WaitFailed, Waits
from ..client import EasClient
from ..statuses import GATEWAY_DELETED, GATEWAY_FAILED, GATEWAY_RUNNING, status_of


def wait_gateway_running(client: EasClient, gateway_id: str, waits: Waits) -> dict[str, Any]:
    def probe() -> dict[str, Any]:
        gateway = client.gateways.get(gateway_id)
        if status_of(gateway) in GATEWAY_FAILED:
            raise WaitFailed(f"gateway {gateway_id} is {status_of(gateway)}")
        return gateway

    return waits.until(probe, done=lambda g: status_of(g) == GATEWAY_RUNNING,
                       describe=lambda g: f"gateway {gateway_id} is still {status_of(g)}",
                       progress=lambda g, elapsed: waits.reporter and waits.reporter.waiting(
                           status_of(g), elapsed, what=f"gateway {gateway_id}"))


def wait_gateway_gone(client: EasClient, gateway_id: str, waits: Waits) -> None:
    waits.until(lambda: client.gateways.find(gateway_id),
                done=lambda g: g is None or status_of(g) in GATEWAY_DELETED,
                describe=lambda g: f"gateway {gateway_id} is still {status_of(g)}")
