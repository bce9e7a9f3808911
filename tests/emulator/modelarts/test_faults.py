"""Fault injection through the /-/faults control plane (own emulator: rules are global)."""

from __future__ import annotations

import time

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, ServerResponseException
from huaweicloudsdkmodelarts.v1 import (
    CancelInferDeploymentRequest,
    GroupConfigUpdateRequest,
    ListInferServiceEventsRequest,
    ListInferServicesRequest,
    ShowInferDeploymentRequest,
    UpdateInferDeploymentRequest,
)

from emulators import faults_cleared, get_in_process, own_emulator
from inference_iac.emulator.modelarts.state.deployment import Deployment
from inference_iac.emulator.core.faults import DeployFault
from modelarts_sdk_helpers import (
    advanced_config,
    group_config,
    make_client,
    new_deployment,
    unit,
    wait_deployment_status,
)

READY_DELAY = 0.2


faulty = own_emulator("faults", ready_delay=READY_DELAY)


@pytest.fixture
def sdk(faulty):
    with faults_cleared(faulty):
        yield make_client(faulty)


def show(sdk, service_id, dep_id):
    return sdk.show_infer_deployment(ShowInferDeploymentRequest(service_id=service_id,
                                                                deployment_id=dep_id))


def test_rules_are_listed_counted_and_cleared(faulty, sdk):
    rule = faulty.add_fault("deploy_fails", "bad-*", count=1)
    assert rule["id"] and faulty.faults() == [rule]
    service_id, dep_id = new_deployment(sdk, group_config("bad-1"))
    assert wait_deployment_status(sdk, service_id, dep_id, "FAILED").status == "FAILED"
    assert faulty.faults() == []  # count 1: used up
    service_id, dep_id = new_deployment(sdk, group_config("bad-2"))
    assert wait_deployment_status(sdk, service_id, dep_id, "RUNNING")
    one = faulty.add_fault("slow", "/none", seconds=1)
    faulty.add_fault("http_5xx", "/none")
    assert httpx.delete(f"{faulty.endpoint}/-/faults/{one['id']}").json() == {"deleted": 1}
    assert httpx.delete(f"{faulty.endpoint}/-/faults/{one['id']}").status_code == 404
    assert faulty.clear_faults() == 1 and faulty.faults() == []


@pytest.mark.parametrize("rule", [
    {"kind": "explode", "match": "*"},
    {"kind": "slow", "match": "*"},
    {"kind": "http_5xx", "match": "*", "seconds": 1},
    {"kind": "http_5xx", "match": "*", "count": 0},
])
def test_invalid_rules_are_400(faulty, rule):
    response = httpx.post(f"{faulty.endpoint}/-/faults", json=rule)
    # The control plane is the core's, not an API's: neutral error codes.
    assert response.status_code == 400
    assert response.json()["error_code"] in ("invalid_field", "missing_field")


def test_control_plane_refuses_non_loopback_callers(tmp_path):
    assert get_in_process(tmp_path, "/-/faults", "192.0.2.7").status_code == 403
    assert get_in_process(tmp_path, "/-/health", "192.0.2.7").status_code == 200


def test_failed_upgrade_rolls_back(faulty, sdk):
    service_id, dep_id = new_deployment(sdk, group_config("roll"))
    wait_deployment_status(sdk, service_id, dep_id, "RUNNING")
    faulty.add_fault("deploy_fails", "roll", count=1)
    upgraded = sdk.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id,
        body=GroupConfigUpdateRequest(name="roll", weight=100, advanced_config=advanced_config(),
                                      unit_configs=[unit("2")])))
    assert upgraded.status == "UPGRADING" and upgraded.version == "1.0.1"
    time.sleep(READY_DELAY + 0.05)
    back = show(sdk, service_id, dep_id)
    assert back.status == "RUNNING" and back.version == "1.0.0" and back.version_count == 1
    assert back.unit_configs[0].image.swr_path.endswith("img:1")
    events = sdk.list_infer_service_events(ListInferServiceEventsRequest(service_id=service_id))
    assert any("Update of deployment [roll] failed" in e.event_info for e in events.data)


def test_deploy_times_out_until_interrupted(faulty, sdk):
    faulty.add_fault("deploy_times_out", "stuck")
    service_id, dep_id = new_deployment(sdk, group_config("stuck"))
    time.sleep(READY_DELAY * 2)
    assert show(sdk, service_id, dep_id).status == "DEPLOYING"
    stopped = sdk.cancel_infer_deployment(CancelInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id))
    assert stopped.status == "STOPPED"


def test_http_5xx_then_recovery_and_slow(faulty, sdk):
    faulty.add_fault("http_5xx", "*/services", count=2)
    for _ in range(2):
        with pytest.raises(ServerResponseException) as raised:
            sdk.list_infer_services(ListInferServicesRequest())
        assert raised.value.status_code == 503 and raised.value.error_code == "ModelArts.5030"
    assert sdk.list_infer_services(ListInferServicesRequest()).total is not None
    faulty.add_fault("slow", "*/services", seconds=0.4, count=1)
    started = time.monotonic()
    sdk.list_infer_services(ListInferServicesRequest())
    assert time.monotonic() - started >= 0.4


def test_rules_survive_a_restart(faulty, sdk):
    faulty.add_fault("http_5xx", "/v2/*/services/*", count=1)
    faulty.restart()
    assert [r["kind"] for r in faulty.faults()] == ["http_5xx"]
    with pytest.raises((ServerResponseException, ClientRequestException)) as raised:
        show(make_client(faulty), "x", "y")
    assert raised.value.status_code == 503


def test_a_hanging_upgrade_waits_for_an_interrupt_which_restores_the_old_version():
    dep = Deployment.create("svc", "dep", {"count": 1}, None, 0.0, 1.0)
    dep.advance(1.0)
    dep.update("dep", {"count": 2}, 2.0, 1.0, DeployFault(hang=True, reason="stuck"))
    assert dep.advance(1000.0) == [] and dep.status == "UPGRADING"
    dep.interrupt(1001.0)
    assert (dep.status, dep.version, dep.config) == ("RUNNING", "1.0.0", {"count": 1})
