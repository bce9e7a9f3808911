"""State lives in SQLite under the data dir and survives a process restart."""

from __future__ import annotations

import time

from huaweicloudsdkmodelarts.v1 import (
    CreateInferServiceRequest,
    ListInferDeploymentsRequest,
    ListInferServicesRequest,
    ShowInferServiceRequest,
)

from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import group_config, make_client, service_body, unique_name
from release_0_1 import restore_emulator_data_dir


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


def test_state_written_by_release_0_1_still_loads(tmp_path):
    """The on-disk format is unchanged: the database file release 0.1 wrote serves its resources."""
    database = restore_emulator_data_dir(tmp_path / "data")
    with RunningEmulator(tmp_path / "data") as emu:
        client = make_client(emu)
        services = client.list_infer_services(ListInferServicesRequest(limit=50)).data
        assert [s.name for s in services] == ["shop"]
        listed = client.list_infer_deployments(ListInferDeploymentsRequest(service_id=services[0].id))
        assert sorted(d.name for d in listed.data) == ["main", "shop-canary"]
        assert {d.status for d in listed.data} == {"RUNNING"}
        shown = client.show_infer_service(ShowInferServiceRequest(service_id=services[0].id))
        assert shown.status == "RUNNING" and shown.version.version == "1.0.0"
    # The emulator opened that file in place rather than starting a new one beside it.
    assert sorted(p.name for p in (tmp_path / "data").glob("*.sqlite3")) == [database.name]
