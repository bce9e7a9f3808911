"""Operations the current status does not allow, and unknown ids."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    CreateInferDeploymentRequest,
    CreateInferServiceRequest,
    DeleteInferDeploymentRequest,
    ShowInferDeploymentRequest,
    ShowInferServiceRequest,
    StartInferDeploymentRequest,
    StartInferServiceRequest,
    UpdateInferDeploymentScale,
    UpdateInferDeploymentScaleRequest,
)

from modelarts_sdk_helpers import group_config, service_body, unique_name, wait_deployment_status


@pytest.fixture
def running(client):
    created = client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name(), [group_config()])))
    dep_id = created.version.instance_groups[0].id
    wait_deployment_status(client, created.id, dep_id, "RUNNING")
    return created.id, dep_id


def expect_error(call, status: int) -> ClientRequestException:
    with pytest.raises(ClientRequestException) as raised:
        call()
    assert raised.value.status_code == status
    assert raised.value.error_code.startswith("ModelArts.")
    assert raised.value.error_msg
    assert raised.value.request_id
    return raised.value


def test_start_running_deployment_is_400(client, running):
    service_id, dep_id = running
    error = expect_error(lambda: client.start_infer_deployment(StartInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id)), 400)
    assert "RUNNING" in error.error_msg and "start" in error.error_msg


def test_start_running_service_is_400(client, running):
    expect_error(lambda: client.start_infer_service(StartInferServiceRequest(
        service_id=running[0])), 400)


def test_delete_deploying_deployment_is_400(client, running):
    service_id, _ = running
    other = client.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=service_id, body=group_config("dep-b")))
    expect_error(lambda: client.delete_infer_deployment(DeleteInferDeploymentRequest(
        service_id=service_id, deployment_id=other.id)), 400)


def test_scale_out_of_range_is_400(client, running):
    error = expect_error(lambda: client.update_infer_deployment_scale(
        UpdateInferDeploymentScaleRequest(service_id=running[0], deployment_name="dep-a",
                                          body=UpdateInferDeploymentScale(count=129))), 400)
    assert "'count'" in error.error_msg


def test_duplicate_deployment_name_is_400(client, running):
    expect_error(lambda: client.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=running[0], body=group_config("dep-a"))), 400)


def test_unknown_service_is_404(client):
    error = expect_error(lambda: client.show_infer_service(ShowInferServiceRequest(
        service_id="does-not-exist")), 404)
    assert "does-not-exist" in error.error_msg


def test_unknown_deployment_is_404(client, running):
    expect_error(lambda: client.show_infer_deployment(ShowInferDeploymentRequest(
        service_id=running[0], deployment_id="nope")), 404)
    expect_error(lambda: client.update_infer_deployment_scale(UpdateInferDeploymentScaleRequest(
        service_id=running[0], deployment_name="nope",
        body=UpdateInferDeploymentScale(count=2))), 404)


def test_twenty_first_service_is_rejected(client):
    for _ in range(20):
        client.create_infer_service(CreateInferServiceRequest(body=service_body(unique_name())))
    error = expect_error(lambda: client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name()))), 400)
    assert "20" in error.error_msg
