"""Fixtures for the EAS emulator tests: one emulator process for the package, the official SDK."""

from __future__ import annotations

import pytest

from eas_sdk_helpers import REGION, M, make_client
from emulators import own_emulator

READY_DELAY = 0.2


eas_emulator = own_emulator("eas-emulator", scope="session", ready_delay=READY_DELAY)


@pytest.fixture
def eas(eas_emulator):
    """The official SDK client on the shared emulator; what a test leaves is deleted afterwards
    (safety locks released first)."""
    client = make_client(eas_emulator)
    yield client
    cleanup(client)


def cleanup(client) -> None:
    listed = client.list_services(M.ListServicesRequest(page_size=1000)).body.services or []
    for service in listed:
        if service.status == "Deleting":
            continue
        if service.safety_lock != "none":
            client.update_service_safety_lock(service.region, service.service_name,
                                              M.UpdateServiceSafetyLockRequest(lock="none"))
        client.delete_service(service.region, service.service_name)
    gateways = client.list_gateway(M.ListGatewayRequest(page_size=1000)).body.gateways or []
    for gateway in gateways:
        if gateway.status != "Deleting":
            client.delete_gateway(REGION, gateway.gateway_id)  # the tests' gateways live there
