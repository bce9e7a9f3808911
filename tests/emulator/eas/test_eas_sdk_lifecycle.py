"""The EAS status machine through the official SDK: Creating -> Running, rolling updates in
waves, updates held back or aborted, rollback, restart, stop/start, delete, failures."""

from __future__ import annotations

import json
import time

import pytest
from alibabacloud_tea_openapi.exceptions import ClientException

from eas_sdk_helpers import (
    REGION,
    M,
    create,
    describe,
    events,
    instances,
    make_client,
    unique,
    update,
    wait_for,
    wait_status,
)
from inference_iac.emulator.testing import RunningEmulator

ROLLING_ONE_BY_ONE = {"rolling_strategy": {"max_surge": 1, "max_unavailable": 0}}


def sample_until_running(eas, name, timeout=10.0) -> list:
    """Describe + instances until the service is Running again; every sample on the way."""
    samples, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        service = describe(eas, name)
        listed = instances(eas, name)
        samples.append((service, listed))
        if service.status == "Running" and len(samples) > 1:
            return samples
        time.sleep(0.03)
    raise AssertionError(f"{name} did not get back to Running")


def test_creating_becomes_running_after_the_ready_delay(eas):
    name = unique()
    create(eas, name, instance=2)
    first = describe(eas, name)
    assert first.status == "Creating"
    assert [i.status for i in instances(eas, name)] == ["Pending", "Pending"]
    running = wait_status(eas, name, "Running", timeout=5)
    assert running.running_instance == 2 and running.reason == "RUNNING"
    listed = instances(eas, name)
    assert [(i.status, i.ready_processes) for i in listed] == [("Running", 1), ("Running", 1)]
    reasons = [e.reason for e in events(eas, name)]
    assert reasons[:2] == ["ServiceRunning", "ServiceCreated"]  # newest first


def test_a_rolling_update_replaces_one_instance_per_wave(eas):
    name = unique()
    create(eas, name, instance=4, metadata=ROLLING_ONE_BY_ONE)
    wait_status(eas, name, "Running")
    old_names = {i.instance_name for i in instances(eas, name)}
    update(eas, name, {"containers": [{"image": "x:v2", "port": 8000}]})
    samples = sample_until_running(eas, name)
    assert samples[0][0].status == "Updating"
    assert (samples[0][0].current_version, samples[0][0].latest_version) == (2, 2)
    for service, listed in samples:
        assert service.running_instance >= 4, "max_unavailable 0: never below 4 ready"
        assert len(listed) <= 5, "max_surge 1: never more than 5 instances"
    new_ready = sorted({sum(1 for i in listed if i.instance_name not in old_names
                            and i.status == "Running") for _, listed in samples})
    assert new_ready[0] == 0 and new_ready[-1] == 4 and len(new_ready) >= 3
    final = {i.instance_name for i in instances(eas, name)}
    assert not final & old_names and len(final) == 4
    waves = [e.message for e in events(eas, name) if e.reason == "RollingUpdate"]
    assert [f"wave {k}/4" in text for k, text in zip((4, 3, 2, 1), waves)] == [True] * 4


def test_an_update_whose_instances_never_get_ready_is_held_back(eas, eas_emulator):
    name = unique()
    create(eas, name, instance=2, metadata=ROLLING_ONE_BY_ONE)
    wait_status(eas, name, "Running")
    eas_emulator.add_fault("deploy_times_out", name, count=1)
    update(eas, name, {"containers": [{"image": "x:broken", "port": 8000}]})
    held = wait_for(eas, name, lambda s: s.reason == "UPDATE_HELD_BACK", what="held back")
    assert held.status == "Updating"
    assert (held.running_instance, held.pending_instance) == (2, 1)  # the old ones keep serving
    warning = events(eas, name, event_type="Warning")[0]
    assert warning.reason == "RollingUpdateHeldBack" and "2 old instance(s)" in warning.message
    diagnosis = eas.describe_service_diagnosis(REGION, name).body.diagnosis_list
    assert diagnosis and diagnosis[0].causes
    # Roll back to version 1: the old config, no new version recorded.
    eas.update_service_version(REGION, name, M.UpdateServiceVersionRequest(version=1))
    back = wait_status(eas, name, "Running")
    assert (back.current_version, back.latest_version) == (1, 2)
    assert json.loads(back.service_config)["containers"][0]["image"] == "registry.example/echo:v1"


def test_an_update_whose_instances_fail_is_aborted_and_the_old_ones_serve(eas, eas_emulator):
    name = unique()
    create(eas, name, instance=3, metadata=ROLLING_ONE_BY_ONE)
    wait_status(eas, name, "Running")
    eas_emulator.add_fault("deploy_fails", name, count=1)
    update(eas, name, {"containers": [{"image": "x:crash", "port": 8000}]})
    failed = wait_status(eas, name, "Failed")
    assert failed.running_instance == 3 and failed.current_version == 2
    statuses = sorted(i.status for i in instances(eas, name))
    assert statuses == ["Failed", "Running", "Running", "Running"]
    warning = events(eas, name, event_type="Warning")[0]
    assert warning.reason == "RollingUpdateAborted" and "3 old instance(s)" in warning.message
    update(eas, name, {"containers": [{"image": "x:fixed", "port": 8000}]})
    fixed = wait_status(eas, name, "Running")
    assert fixed.current_version == 3 and fixed.running_instance == 3
    assert [i.status for i in instances(eas, name)] == ["Running"] * 3


def test_a_failed_create_and_a_start_that_recovers(eas, eas_emulator):
    name = unique()
    eas_emulator.add_fault("deploy_fails", name, count=1)
    create(eas, name, instance=2)
    failed = wait_status(eas, name, "Failed")
    assert failed.running_instance == 0 and "deploy_fails" in failed.message
    assert [i.status for i in instances(eas, name)] == ["Failed", "Failed"]
    assert events(eas, name, event_type="Warning")[0].reason == "DeployFailed"
    eas.start_service(REGION, name)
    assert describe(eas, name).status == "Starting"
    assert wait_status(eas, name, "Running").running_instance == 2


def test_a_create_that_never_gets_ready_waits(eas, eas_emulator):
    name = unique()
    eas_emulator.add_fault("deploy_times_out", name, count=1)
    create(eas, name, instance=1)
    waiting = wait_status(eas, name, "Waiting")
    assert waiting.running_instance == 0 and waiting.pending_instance == 1
    assert events(eas, name, event_type="Warning")[0].reason == "DeploymentHeldBack"
    time.sleep(0.5)
    assert describe(eas, name).status == "Waiting"


def test_restart_replaces_every_instance_without_a_new_version(eas):
    name = unique()
    create(eas, name, instance=2, metadata=ROLLING_ONE_BY_ONE)
    wait_status(eas, name, "Running")
    before = {i.instance_name for i in instances(eas, name)}
    assert "restarting" in eas.restart_service(REGION, name).body.message
    assert describe(eas, name).status == "Updating"
    after = wait_status(eas, name, "Running")
    assert after.current_version == 1 and after.latest_version == 1
    assert not {i.instance_name for i in instances(eas, name)} & before


def test_stop_and_start(eas):
    name = unique()
    create(eas, name, instance=2)
    wait_status(eas, name, "Running")
    assert "stopping" in eas.stop_service(REGION, name).body.message
    stopped = wait_status(eas, name, "Stopped")
    assert stopped.running_instance == 0 and instances(eas, name) == []
    with pytest.raises(ClientException) as raised:
        eas.stop_service(REGION, name)
    assert raised.value.code == "IncorrectStatus" and "Stopped" in raised.value.message
    with pytest.raises(ClientException):
        eas.restart_service(REGION, name)
    # An update while stopped is recorded and rolled out by the next start.
    update(eas, name, {"containers": [{"image": "x:v2", "port": 8000}]})
    assert describe(eas, name).status == "Stopped"
    eas.start_service(REGION, name)
    running = wait_status(eas, name, "Running")
    assert running.current_version == 2 and running.running_instance == 2


def test_the_unhealthy_fault_takes_one_instance_out(eas, eas_emulator):
    name = unique()
    create(eas, name, instance=3)
    wait_status(eas, name, "Running")
    rule = eas_emulator.add_fault("unhealthy", name)
    try:
        service = describe(eas, name)
        assert service.status == "Running" and service.running_instance == 2
        assert sorted(i.ready_processes for i in instances(eas, name)) == [0, 1, 1]
        assert events(eas, name, event_type="Warning")[0].reason == "ReadinessProbeFailed"
    finally:
        eas_emulator.remove_fault(rule["id"])
    assert describe(eas, name).running_instance == 3
    assert events(eas, name)[0].reason == "ReadinessProbeSucceeded"


def test_a_rollback_must_target_an_older_recorded_version(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    for version in (0, 1, 5):
        with pytest.raises(ClientException) as raised:
            eas.update_service_version(REGION, name, M.UpdateServiceVersionRequest(version=version))
        assert raised.value.status_code == 400 and "Version" in raised.value.message
    with pytest.raises(ClientException) as raised:
        eas.update_service_version(REGION, name, M.UpdateServiceVersionRequest())
    assert raised.value.code == "MissingParameter"


def test_versions_are_listed_newest_first(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    for tag in ("v2", "v3"):
        update(eas, name, {"containers": [{"image": f"x:{tag}", "port": 8000}]})
        wait_status(eas, name, "Running")
    listed = eas.list_service_versions(REGION, name, M.ListServiceVersionsRequest(
        page_number=1, page_size=2)).body
    assert listed.total_count == 3 and (listed.page_number, listed.page_size) == (1, 2)
    assert [v.image_id for v in listed.versions] == [3, 2]
    assert json.loads(listed.versions[0].service_config)["containers"][0]["image"] == "x:v3"
    assert listed.versions[0].build_time.endswith("Z")
    assert (listed.versions[0].image_available, listed.versions[0].service_runnable) == (
        "true", "true")
    eas.update_service_version(REGION, name, M.UpdateServiceVersionRequest(version=2))
    back = wait_status(eas, name, "Running")
    assert (back.current_version, back.latest_version) == (2, 3)
    update(eas, name, {"containers": [{"image": "x:v4", "port": 8000}]})
    assert describe(eas, name).current_version == 4  # never reuses a number


def test_development_mode_and_commit(eas):
    name = unique()
    eas.create_service(M.CreateServiceRequest(
        body=json.dumps({"name": name, "metadata": {"instance": 1, "cpu": 1, "memory": 1000},
                         "containers": [{"image": "x:v1", "port": 8000}]}), develop="true"))
    developing = wait_status(eas, name, "Developing")
    assert developing.running_instance == 1
    with pytest.raises(ClientException) as raised:
        update(eas, name, {"metadata": {"instance": 2}})
    assert raised.value.code == "IncorrectStatus" and "Developing" in raised.value.message
    assert "committing" in eas.commit_service(REGION, name).body.message
    assert describe(eas, name).status == "Committing"
    committed = wait_status(eas, name, "Running")
    assert (committed.current_version, committed.latest_version) == (2, 2)
    assert json.loads(committed.service_config)["containers"][0]["image"] == "x:v1-commit-v2"
    eas.develop_service(REGION, name, M.DevelopServiceRequest())  # Exit=false: enter
    assert describe(eas, name).status == "Updating"
    wait_status(eas, name, "Developing")
    with pytest.raises(ClientException):
        eas.develop_service(REGION, name, M.DevelopServiceRequest(exit="false"))
    eas.develop_service(REGION, name, M.DevelopServiceRequest(exit="true"))
    assert wait_status(eas, name, "Running").current_version == 2


# ----- intermediate states need a stop delay: an emulator of this module's own --------------------

@pytest.fixture(scope="module")
def slow_stops(tmp_path_factory):
    with RunningEmulator(tmp_path_factory.mktemp("eas-stop-delay"), ready_delay=0.2,
                         stop_delay=0.4, fail_deployments="doomed_*") as emu:
        yield make_client(emu)


def test_stopping_then_stopped(slow_stops):
    name = unique()
    create(slow_stops, name)
    wait_status(slow_stops, name, "Running")
    slow_stops.stop_service(REGION, name)
    service = describe(slow_stops, name)
    assert service.status == "Stopping"
    assert [i.status for i in instances(slow_stops, name)] == ["Terminating"]
    assert wait_status(slow_stops, name, "Stopped").reason == "STOPPED"


def test_deleting_then_gone(slow_stops):
    name = unique()
    create(slow_stops, name)
    slow_stops.delete_service(REGION, name)
    assert describe(slow_stops, name).status == "Deleting"
    with pytest.raises(ClientException) as raised:
        update(slow_stops, name, {"metadata": {"instance": 2}})
    assert raised.value.code == "IncorrectStatus"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            describe(slow_stops, name)
        except ClientException as gone:
            assert gone.status_code == 404
            return
        time.sleep(0.05)
    raise AssertionError("never deleted")


def test_scaling_in_takes_the_stop_delay(slow_stops):
    name = unique()
    create(slow_stops, name, instance=3)
    wait_status(slow_stops, name, "Running")
    update(slow_stops, name, {"metadata": {"instance": 1}})
    assert describe(slow_stops, name).status == "Scaling"
    assert sorted(i.status for i in instances(slow_stops, name)) == [
        "Running", "Terminating", "Terminating"]
    assert wait_status(slow_stops, name, "Running").running_instance == 1


def test_fail_deployments_flag(slow_stops):
    name = unique("doomed")
    create(slow_stops, name)
    assert "--fail-deployments" in wait_status(slow_stops, name, "Failed").message


def test_an_update_of_image_and_count_starts_from_the_instances_that_served(eas):
    name = unique()
    create(eas, name, instance=2, metadata=ROLLING_ONE_BY_ONE)
    wait_status(eas, name, "Running")
    update(eas, name, {"metadata": {"instance": 4}, "containers": [{"image": "x:v2", "port": 8000}]})
    service = describe(eas, name)
    assert service.status == "Updating" and service.total_instance == 4
    assert service.running_instance == 2  # the two old ones, not four
    listed = instances(eas, name)
    assert sorted(i.status for i in listed) == ["Pending", "Pending", "Pending", "Running",
                                                "Running"]
    assert wait_status(eas, name, "Running").running_instance == 4
