"""The official SDK drives the deployment API of the emulator unchanged."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    CancelInferDeploymentRequest,
    CreateInferDeploymentRequest,
    CreateInferServiceRequest,
    DeleteInferDeploymentRequest,
    GroupConfigUpdateRequest,
    ListInferDeploymentsRequest,
    ListInferDeploymentVersionsRequest,
    ShowInferDeploymentRequest,
    ShowInferServiceRequest,
    StartInferDeploymentRequest,
    StopInferDeploymentRequest,
    UpdateInferDeploymentRequest,
    UpdateInferDeploymentScale,
    UpdateInferDeploymentScaleRequest,
)

from modelarts_sdk_helpers import (
    advanced_config,
    group_config,
    service_body,
    unique_name,
    unit,
    wait_deployment_status,
    wait_service_status,
)


@pytest.fixture
def service_id(client):
    created = client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name())))
    return created.id


def add(client, service_id, name="dep-a", weight=100):
    return client.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=service_id, body=group_config(name, weight=weight)))


def test_full_deployment_lifecycle(client, service_id):
    created = add(client, service_id)
    assert created.status == "DEPLOYING" and created.version == "1.0.0"
    assert created.deployment_name == "dep-a" and created.count == 1 and created.weight == 100
    assert created.unit_configs[0].image.swr_path.endswith("img:1")
    assert created.version_count == 1
    running = wait_deployment_status(client, service_id, created.id, "RUNNING")
    assert running.advanced_config.port == 8080

    listed = client.list_infer_deployments(ListInferDeploymentsRequest(service_id=service_id))
    assert listed.total == 1 and listed.data[0].id == created.id
    assert listed.data[0].status == "RUNNING" and listed.data[0].traffic_ratio == "100"

    upgraded = client.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id,
        body=GroupConfigUpdateRequest(name="dep-a", weight=100, advanced_config=advanced_config(),
                                      unit_configs=[unit("2", {"B": "2"})])))
    assert upgraded.status == "UPGRADING" and upgraded.version == "1.0.1"
    assert upgraded.unit_configs[0].envs == {"B": "2"}  # the given list replaced the old one
    assert upgraded.pool_id == "pool-dedicated-0001"  # omitted = unchanged
    assert wait_service_status(client, service_id, "RUNNING")
    versions = client.list_infer_deployment_versions(ListInferDeploymentVersionsRequest(
        service_id=service_id, deployment_id=created.id))
    assert [v.version for v in versions.data] == ["1.0.1", "1.0.0"]
    assert versions.data[0].version_status == "ACTIVE"

    scaled = client.update_infer_deployment_scale(UpdateInferDeploymentScaleRequest(
        service_id=service_id, deployment_name="dep-a", body=UpdateInferDeploymentScale(count=3)))
    assert scaled.count == 3 and scaled.version == "1.0.1"  # scale makes no new version

    stopped = client.stop_infer_deployment(StopInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id))
    assert stopped.status == "STOPPING"
    wait_deployment_status(client, service_id, created.id, "STOPPED")
    assert wait_service_status(client, service_id, "STOPPED")

    started = client.start_infer_deployment(StartInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id))
    assert started.status == "DEPLOYING" and started.count == 3
    wait_deployment_status(client, service_id, created.id, "RUNNING")

    deleted = client.delete_infer_deployment(DeleteInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id))
    assert deleted.id == created.id
    with pytest.raises(ClientRequestException) as raised:
        client.show_infer_deployment(ShowInferDeploymentRequest(
            service_id=service_id, deployment_id=created.id))
    assert raised.value.status_code == 404
    assert client.show_infer_service(ShowInferServiceRequest(service_id=service_id)).status == "INIT"


def test_weight_only_change_is_in_place(client, service_id):
    created = add(client, service_id)
    wait_deployment_status(client, service_id, created.id, "RUNNING")
    changed = client.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id,
        body=GroupConfigUpdateRequest(name="dep-a", weight=40, advanced_config=advanced_config())))
    assert changed.status == "RUNNING" and changed.weight == 40 and changed.version == "1.0.0"


def test_traffic_ratio_follows_weights(client, service_id):
    first = add(client, service_id, "dep-a", weight=30)
    second = add(client, service_id, "dep-b", weight=10)
    wait_deployment_status(client, service_id, first.id, "RUNNING")
    wait_deployment_status(client, service_id, second.id, "RUNNING")
    service = client.show_infer_service(ShowInferServiceRequest(service_id=service_id))
    ratios = {g.name: g.traffic_ratio for g in service.version.instance_groups}
    assert ratios == {"dep-a": "75", "dep-b": "25"}


def test_interrupt_deploying_stops_it(client, service_id):
    created = add(client, service_id)
    interrupted = client.cancel_infer_deployment(CancelInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id))
    assert interrupted.status == "STOPPED"


def test_interrupt_upgrade_rolls_back(client, service_id):
    created = add(client, service_id)
    wait_deployment_status(client, service_id, created.id, "RUNNING")
    client.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id,
        body=GroupConfigUpdateRequest(name="dep-a", weight=100, advanced_config=advanced_config(),
                                      count=2)))
    rolled_back = client.cancel_infer_deployment(CancelInferDeploymentRequest(
        service_id=service_id, deployment_id=created.id))
    assert rolled_back.status == "RUNNING"
    assert rolled_back.version == "1.0.0" and rolled_back.count == 1
