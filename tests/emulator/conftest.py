"""Fixtures for the emulator tests: one emulator subprocess per session."""

from __future__ import annotations

import pytest
from huaweicloudsdkmodelarts.v1 import (
    BatchDeleteInferServicesRequest,
    DeleteServicesRequest,
    ListInferServicesRequest,
)

from emulators import own_emulator
from modelarts_sdk_helpers import make_client

READY_DELAY = 0.3


emulator = own_emulator("emulator", scope="session", ready_delay=READY_DELAY)


@pytest.fixture
def client(emulator):
    """An unmodified official SDK client pointed at the emulator.

    Services left over by a test are deleted afterwards so the per-project
    quota (20 services) is never reached by the suite.
    """
    sdk = make_client(emulator)
    yield sdk
    listed = sdk.list_infer_services(ListInferServicesRequest(limit=500))
    ids = [item.id for item in listed.data or []]
    if ids:
        sdk.batch_delete_infer_services(BatchDeleteInferServicesRequest(
            body=DeleteServicesRequest(service_ids=ids)))
