"""Rolling upgrades as the platform does them, seen through the official SDK.

Own emulator: fault rules are global, and one platform "minute" lasts
MINUTE_SECONDS here so that deploy timeouts expire within the test.
"""

from __future__ import annotations

import time

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    AdvancedConfig,
    CancelInferDeploymentRequest,
    CreateInferDeploymentRequest,
    GroupConfig,
    GroupConfigUpdateRequest,
    ListInferDeploymentInstancesRequest,
    ListInferServiceEventsRequest,
    RollingUpdate,
    ShowInferDeploymentRequest,
    UpdateInferDeploymentRequest,
    UpgradeConfig,
)

from emulators import faults_cleared, own_emulator
from inference_iac.emulator.modelarts.state.deployment import Deployment
from modelarts_sdk_helpers import make_client, new_service, unit, wait_deployment_status

READY_DELAY = 0.3
MINUTE_SECONDS = 0.1


emu = own_emulator("rollout", ready_delay=READY_DELAY, minute_seconds=MINUTE_SECONDS)


@pytest.fixture
def sdk(emu):
    with faults_cleared(emu):
        yield make_client(emu)


def policy(surge="25%", unavailable="0%", timeout_minutes=None) -> AdvancedConfig:
    return AdvancedConfig(port=8080, protocol="HTTP", deploy_timeout_minutes=timeout_minutes,
                          upgrade_config=UpgradeConfig(type="ROLLING", rolling_update=RollingUpdate(
                              max_surge=surge, max_unavailable=unavailable)))


def running_deployment(sdk, name, count, config: AdvancedConfig):
    service_id = new_service(sdk)
    dep = sdk.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=service_id, body=GroupConfig(
            name=name, pool_id="pool-dedicated-0001", count=count, weight=100,
            unit_configs=[unit("1")], advanced_config=config)))
    wait_deployment_status(sdk, service_id, dep.id, "RUNNING")
    return service_id, dep.id


def upgrade(sdk, service_id, dep_id, name, config: AdvancedConfig, tag="2"):
    return sdk.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id,
        body=GroupConfigUpdateRequest(name=name, weight=100, advanced_config=config,
                                      unit_configs=[unit(tag)])))


def show(sdk, service_id, dep_id):
    return sdk.show_infer_deployment(ShowInferDeploymentRequest(service_id=service_id,
                                                                deployment_id=dep_id))


def instances(sdk, service_id, name):
    return sdk.list_infer_deployment_instances(ListInferDeploymentInstancesRequest(
        id=service_id, name=name, limit=50)).data


def version_tag(instance_name: str) -> str:
    """The version digest in an instance name (<deployment>-<version digest>-<index digest>)."""
    return instance_name.split("-")[-2]


def events(sdk, service_id):
    return sdk.list_infer_service_events(ListInferServiceEventsRequest(
        service_id=service_id, limit=100)).data


# ----- waves -------------------------------------------------------------------------------

def test_upgrade_with_zero_unavailable_never_drops_below_the_replica_count(sdk):
    service_id, dep_id = running_deployment(sdk, "waves", 4, policy("25%", "0%"))
    old_tag = version_tag(instances(sdk, service_id, "waves")[0].instance_name)
    started = time.monotonic()
    assert upgrade(sdk, service_id, dep_id, "waves", policy("25%", "0%")).status == "UPGRADING"
    seen, status = [], "UPGRADING"
    while status == "UPGRADING":
        listed = instances(sdk, service_id, "waves")
        status = show(sdk, service_id, dep_id).status
        ready = [i for i in listed if i.status == "RUNNING"]
        assert len(ready) >= 4 and len(listed) <= 5                  # min_available 4, max 5
        seen.append((sum(version_tag(i.instance_name) == old_tag for i in ready), len(ready)))
        assert time.monotonic() - started < 10
        time.sleep(0.03)
    elapsed = time.monotonic() - started
    # 25 % of 4 = 1 surge, 0 unavailable: 4 waves of one ready_delay each.
    assert 4 * READY_DELAY - 0.1 <= elapsed < 4 * READY_DELAY + 1.0
    mixed = {old for old, _ in seen if 0 < old < 4}
    assert len(mixed) >= 2                                          # old ones go wave by wave
    assert [old for old, _ in seen] == sorted((old for old, _ in seen), reverse=True)
    final = instances(sdk, service_id, "waves")
    assert {i.status for i in final} == {"RUNNING"} and len(final) == 4
    assert all(version_tag(i.instance_name) != old_tag for i in final)
    assert show(sdk, service_id, dep_id).version == "1.0.1"


def test_policy_that_can_never_progress_is_refused(sdk):
    service_id, dep_id = running_deployment(sdk, "stuck-policy", 4, policy("25%", "0%"))
    with pytest.raises(ClientRequestException) as raised:
        upgrade(sdk, service_id, dep_id, "stuck-policy", policy("0%", "20%"))  # both round to 0
    assert raised.value.status_code == 400 and "rolling_update" in raised.value.error_msg
    assert show(sdk, service_id, dep_id).status == "RUNNING"


# ----- timeout and interrupt ---------------------------------------------------------------

def test_upgrade_that_times_out_rolls_back_and_keeps_old_instances_serving(emu, sdk):
    config = policy("50%", "50%", timeout_minutes=3)               # 3 "minutes" = 0.3 s here
    service_id, dep_id = running_deployment(sdk, "late", 2, config)
    old_names = {i.instance_name for i in instances(sdk, service_id, "late")}
    emu.add_fault("deploy_times_out", "late", count=1)
    assert upgrade(sdk, service_id, dep_id, "late", config).version == "1.0.1"
    while (dep := show(sdk, service_id, dep_id)).status == "UPGRADING":
        ready = [i for i in instances(sdk, service_id, "late") if i.status == "RUNNING"]
        assert len(ready) >= 1 and {i.instance_name for i in ready} <= old_names
        time.sleep(0.03)
    assert (dep.status, dep.version, dep.version_count) == ("RUNNING", "1.0.0", 1)
    assert dep.unit_configs[0].image.swr_path.endswith("img:1")      # failed config not current
    assert {i.instance_name for i in instances(sdk, service_id, "late")} == old_names
    texts = {(e.event_type, e.event_info) for e in events(sdk, service_id)}
    assert ("ABNORMAL", "Update of deployment [late] failed; the deployment will roll back.") \
        in texts
    assert any(kind == "ABNORMAL" and "exceeds 3 minutes" in text for kind, text in texts)


def test_first_deploy_that_times_out_fails(emu, sdk):
    emu.add_fault("deploy_times_out", "never", count=1)
    service_id = new_service(sdk)
    dep = sdk.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=service_id, body=GroupConfig(
            name="never", pool_id="pool-dedicated-0001", count=1, weight=100,
            unit_configs=[unit()], advanced_config=policy(timeout_minutes=2))))
    assert wait_deployment_status(sdk, service_id, dep.id, "FAILED", timeout=5)
    assert any("exceeds 2 minutes" in e.event_info for e in events(sdk, service_id))


def test_interrupting_an_upgrade_rolls_back_to_the_old_version(emu, sdk):
    service_id, dep_id = running_deployment(sdk, "halt", 2, policy())
    old_names = {i.instance_name for i in instances(sdk, service_id, "halt")}
    emu.add_fault("deploy_times_out", "halt", count=1)                 # 20 min = 2 s here
    upgrade(sdk, service_id, dep_id, "halt", policy())
    time.sleep(READY_DELAY)
    assert show(sdk, service_id, dep_id).status == "UPGRADING"
    back = sdk.cancel_infer_deployment(CancelInferDeploymentRequest(service_id=service_id,
                                                                   deployment_id=dep_id))
    assert (back.status, back.version) == ("RUNNING", "1.0.0")
    listed = instances(sdk, service_id, "halt")
    assert {i.instance_name for i in listed} == old_names
    assert {i.status for i in listed} == {"RUNNING"}
    assert any("interrupted" in e.event_info for e in events(sdk, service_id))


def test_instances_that_cannot_start_within_the_timeout_roll_back():
    dep = Deployment.create("svc", "dep", {"count": 2}, None, 0.0, 1.0, minute_seconds=1.0)
    dep.advance(1.0)
    # ready_delay 30 s but a 20 "minute" (20 s) timeout: rolled back at 10 + 20.
    dep.update("dep", {"count": 2, "image": "new"}, 10.0, 30.0, minute_seconds=1.0)
    assert dep.rollout_snapshot(29.0).old_ready == 2
    [change] = dep.advance(30.0)
    assert (change.new, dep.version, dep.timed_out_minutes) == ("RUNNING", "1.0.0", 20)


# ----- health fault ------------------------------------------------------------------------

def test_unhealthy_fault_raises_an_alarm_until_removed(emu, sdk):
    service_id, dep_id = running_deployment(sdk, "sick", 3, policy())
    rule = emu.add_fault("unhealthy", "sick*")
    for _ in range(3):  # the alarm is reported once, however often it is read
        assert show(sdk, service_id, dep_id).status == "CONCERNING"
    assert sorted(i.status for i in instances(sdk, service_id, "sick")) == [
        "FAILED", "RUNNING", "RUNNING"]
    warnings = [e for e in events(sdk, service_id)
                if e.event_type == "WARNING" and "health check" in e.event_info]
    assert len(warnings) == 1 and "[sick]" in warnings[0].event_info
    assert emu.faults() == [rule]                                      # never consumed
    emu.remove_fault(rule["id"])
    assert show(sdk, service_id, dep_id).status == "RUNNING"
    assert {i.status for i in instances(sdk, service_id, "sick")} == {"RUNNING"}


def test_unhealthy_rule_takes_no_count(emu):
    response = httpx.post(f"{emu.endpoint}/-/faults",
                          json={"kind": "unhealthy", "match": "*", "count": 1})
    assert response.status_code == 400


# ----- request counter ---------------------------------------------------------------------

def test_stats_count_management_api_requests(emu, sdk):
    before = emu.stats()
    service_id = new_service(sdk)
    for _ in range(2):
        sdk.list_infer_service_events(ListInferServiceEventsRequest(service_id=service_id))
    emu.faults()                                                       # not a /v2 request
    after = emu.stats()
    assert after["api_requests"] - before["api_requests"] == 3
    assert after["by_method"]["GET"] - before["by_method"].get("GET", 0) == 2
    assert after["by_method"]["POST"] - before["by_method"].get("POST", 0) == 1
    assert emu.api_requests() == after["api_requests"]


def test_upgrading_an_alarmed_deployment_replaces_its_failing_instance_first():
    dep = Deployment.create("svc", "dep", {"count": 3}, None, 0.0, 1.0)
    dep.advance(1.0)
    dep.set_health(True, 2.0)
    dep.update("dep", {"count": 3, "image": "new"}, 10.0, 1.0)
    first = dep.rollout_snapshot(10.0)
    assert (first.old_ready, first.new_pending) == (2, 2)      # the FAILED one went first
    dep.advance(20.0)
    assert (dep.status, dep.version) == ("RUNNING", "1.0.1")
    assert dep.set_health(False, 21.0) is None                 # the alarm ended with the upgrade
