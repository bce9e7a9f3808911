"""State lives in SQLite under the data dir and survives a process restart."""

from __future__ import annotations

import time

from huaweicloudsdkmodelarts.v1 import (
    CreateInferServiceRequest,
    ListInferDeploymentsRequest,
    ShowInferServiceRequest,
)

from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import group_config, make_client, service_body, unique_name


def test_state_survives_restart(tmp_path):
    with RunningEmulator(tmp_path / "data", ready_delay=0.5) as emu:
        client = make_client(emu)
        created = client.create_infer_service(CreateInferServiceRequest(
            body=service_body(unique_name(), [group_config()])))
        assert created.status == "DEPLOYING"
        emu.restart()
        # The due time was persisted: the deployment finishes while the new process serves.
        time.sleep(0.6)
        client = make_client(emu)
        shown = client.show_infer_service(ShowInferServiceRequest(service_id=created.id))
        assert shown.name == created.name and shown.status == "RUNNING"
        listed = client.list_infer_deployments(ListInferDeploymentsRequest(service_id=created.id))
        assert listed.total == 1 and listed.data[0].name == "dep-a"
