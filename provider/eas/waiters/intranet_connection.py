"""Intranet linked VPC waits: an entry goes Creating -> Running; a deleted one leaves the list."""

from __future__ import annotations

from typing import Any

from ...core.poll import WaitFailed, Waits
from ..client import EasClient
from ..statuses import LINK_RUNNING, status_of


def wait_link_running(client: EasClient, gateway_id: str, vpc_id: str, vswitch_id: str, waits: Waits) -> dict[str, Any]:
    def probe() -> dict[str, Any]:
        found = client.gateways.find_linked_vpc(gateway_id, vpc_id, vswitch_id)
        if found is None:
            raise WaitFailed(f"the intranet endpoint of gateway {gateway_id} in {vpc_id}/{vswitch_id} is gone")
        return found

    return waits.until(probe, done=lambda link: status_of(link) == LINK_RUNNING,
                       describe=lambda link: f"intranet endpoint {vpc_id}/{vswitch_id} is still {status_of(link)}",
                       progress=lambda link, elapsed: waits.reporter and waits.reporter.waiting(status_of(link), elapsed))


def wait_link_gone(client: EasClient, gateway_id: str, vpc_id: str, vswitch_id: str, waits: Waits) -> None:
    waits.until(lambda: client.gateways.find_linked_vpc(gateway_id, vpc_id, vswitch_id), done=lambda link: link is None,
                describe=lambda link: f"intranet endpoint {vpc_id}/{vswitch_id} is still {status_of(link)}")
