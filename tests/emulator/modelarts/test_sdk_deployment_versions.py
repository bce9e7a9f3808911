"""Deployment versions through the official SDK: show, switch, delete, the version cap."""

from __future__ import annotations

import pytest
from huaweicloudsdkmodelarts.v1 import (
    CancelInferDeploymentRequest,
    DeleteInferDeploymentVersionRequest,
    GroupConfigUpdateRequest,
    ListInferDeploymentVersionsRequest,
    ListInferServiceEventsRequest,
    ShowInferDeploymentVersionRequest,
    SwitchInferDeploymentVersionRequest,
    SwitchInferDeploymentVersionRequestBody,
    UpdateInferDeploymentRequest,
)

from inference_iac.emulator.modelarts.state.deployment import MAX_VERSIONS, Deployment
from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import (
    advanced_config,
    group_config,
    make_client,
    new_deployment,
    unit,
    wait_deployment_status,
)
from modelarts_sdk_helpers import sdk_error as error_of


@pytest.fixture
def running(client):
    """A RUNNING deployment upgraded once: versions 1.0.0 (image 1) and 1.0.1 (image 2, current)."""
    service_id, dep_id = new_deployment(client, group_config("dep-v"))
    wait_deployment_status(client, service_id, dep_id, "RUNNING")
    upgrade(client, service_id, dep_id, "2")
    wait_deployment_status(client, service_id, dep_id, "RUNNING")
    return service_id, dep_id


def upgrade(client, service_id, dep_id, image_tag):
    return client.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id,
        body=GroupConfigUpdateRequest(name="dep-v", weight=100, advanced_config=advanced_config(),
                                      unit_configs=[unit(image_tag)])))


def switch(client, service_id, dep_id, version, infer_name=None):
    return client.switch_infer_deployment_version(SwitchInferDeploymentVersionRequest(
        service_id=service_id, deployment_id=dep_id, version=version,
        body=SwitchInferDeploymentVersionRequestBody(
            infer_name=infer_name or dep_id, service_id=service_id,
            target_deployment_version=version)))


def versions(client, service_id, dep_id):
    listed = client.list_infer_deployment_versions(ListInferDeploymentVersionsRequest(
        service_id=service_id, deployment_id=dep_id))
    return {v.version: v.version_status for v in listed.data}


def show_version(client, service_id, dep_id, version):
    return client.show_infer_deployment_version(ShowInferDeploymentVersionRequest(
        service_id=service_id, deployment_id=dep_id, version=version))


def test_show_version_returns_that_versions_config(client, running):
    service_id, dep_id = running
    old = show_version(client, service_id, dep_id, "1.0.0")
    assert old.id == dep_id and old.version == "1.0.0" and old.status == "STOPPED"
    assert old.unit_configs[0].image.swr_path.endswith("img:1")
    assert old.create_at.tzinfo is not None  # a datetime, parsed by dateutil
    current = show_version(client, service_id, dep_id, "1.0.1")
    assert current.status == "RUNNING" and current.unit_configs[0].image.swr_path.endswith("img:2")
    assert error_of(lambda: show_version(client, service_id, dep_id, "9.9.9")).status_code == 404


def test_switch_rolls_to_the_target_version_which_becomes_current(client, running):
    service_id, dep_id = running
    assert switch(client, service_id, dep_id, "1.0.0").id == dep_id
    during = show_version(client, service_id, dep_id, "1.0.0")
    assert during.status == "UPGRADING"
    done = wait_deployment_status(client, service_id, dep_id, "RUNNING")
    assert done.version == "1.0.0" and done.unit_configs[0].image.swr_path.endswith("img:1")
    assert done.version_count == 2  # a switch records no new version
    assert versions(client, service_id, dep_id) == {"1.0.1": "INACTIVE", "1.0.0": "ACTIVE"}
    # The next upgrade continues numbering after the highest version, never reusing one.
    assert upgrade(client, service_id, dep_id, "3").version == "1.0.2"
    events = client.list_infer_service_events(ListInferServiceEventsRequest(
        service_id=service_id, limit=100))
    assert any("switching to version 1.0.0" in e.event_info for e in events.data)


def test_switch_rejections(client, running):
    service_id, dep_id = running
    current = error_of(lambda: switch(client, service_id, dep_id, "1.0.1"))
    assert current.status_code == 400 and "already the current version" in current.error_msg
    wrong = error_of(lambda: switch(client, service_id, dep_id, "1.0.0", infer_name="other"))
    assert wrong.status_code == 400 and "infer_name" in wrong.error_msg
    assert error_of(lambda: switch(client, service_id, dep_id, "7.7.7")).status_code == 404
    switch(client, service_id, dep_id, "1.0.0")
    busy = error_of(lambda: switch(client, service_id, dep_id, "1.0.1"))
    assert busy.status_code == 400 and "UPGRADING" in busy.error_msg


def test_interrupted_switch_returns_to_the_previous_version(client, running):
    service_id, dep_id = running
    switch(client, service_id, dep_id, "1.0.0")
    back = client.cancel_infer_deployment(CancelInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id))
    assert back.status == "RUNNING" and back.version == "1.0.1"
    assert versions(client, service_id, dep_id) == {"1.0.1": "ACTIVE", "1.0.0": "INACTIVE"}


def test_delete_version(client, running):
    service_id, dep_id = running
    current = error_of(lambda: client.delete_infer_deployment_version(
        DeleteInferDeploymentVersionRequest(service_id=service_id, deployment_id=dep_id,
                                            version="1.0.1")))
    assert current.status_code == 400 and "current version" in current.error_msg
    deleted = client.delete_infer_deployment_version(DeleteInferDeploymentVersionRequest(
        service_id=service_id, deployment_id=dep_id, version="1.0.0"))
    assert deleted.id
    assert versions(client, service_id, dep_id) == {"1.0.1": "ACTIVE"}
    missing = error_of(lambda: client.delete_infer_deployment_version(
        DeleteInferDeploymentVersionRequest(service_id=service_id, deployment_id=dep_id,
                                            version="1.0.0")))
    assert missing.status_code == 404


@pytest.fixture(scope="module")
def instant_client(tmp_path_factory):
    """A client of an emulator whose rollouts finish at the next request (no waiting)."""
    with RunningEmulator(tmp_path_factory.mktemp("instant"), ready_delay=0.0) as emu:
        yield make_client(emu)


def test_version_cap_is_enforced_on_upgrade(instant_client):
    client = instant_client
    service_id, dep_id = new_deployment(client, group_config("dep-v"))
    for tag in range(2, MAX_VERSIONS + 1):  # versions 1.0.1 .. 1.0.19: the cap is reached
        wait_deployment_status(client, service_id, dep_id, "RUNNING")
        upgrade(client, service_id, dep_id, str(tag))
    wait_deployment_status(client, service_id, dep_id, "RUNNING")
    assert len(versions_all(client, service_id, dep_id)) == MAX_VERSIONS
    capped = error_of(lambda: upgrade(client, service_id, dep_id, "x"))
    assert capped.status_code == 400 and f"{MAX_VERSIONS} versions" in capped.error_msg
    client.delete_infer_deployment_version(DeleteInferDeploymentVersionRequest(
        service_id=service_id, deployment_id=dep_id, version="1.0.0"))
    assert upgrade(client, service_id, dep_id, "y").version == f"1.0.{MAX_VERSIONS}"


def versions_all(client, service_id, dep_id):
    listed = client.list_infer_deployment_versions(ListInferDeploymentVersionsRequest(
        service_id=service_id, deployment_id=dep_id, limit=100))
    return [v.version for v in listed.data]


def test_interrupting_an_upgrade_after_a_switch_keeps_the_switched_version_recorded():
    dep = Deployment.create("svc", "dep", {"count": 1}, None, 0.0, 1.0)
    dep.advance(2)
    dep.update("dep", {"count": 1, "image": 2}, 3, 1.0)
    dep.advance(5)
    dep.switch("1.0.0", 6, 1.0)
    dep.interrupt(6.5)
    assert dep.version == "1.0.1" and [v["version"] for v in dep.versions] == ["1.0.0", "1.0.1"]
