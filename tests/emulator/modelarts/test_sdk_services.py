"""The official SDK drives the service API of the emulator unchanged."""

from __future__ import annotations

import datetime

import dateutil  # noqa: F401  (the suite must pass with python-dateutil installed)
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    BatchDeleteInferServicesRequest,
    CreateInferServiceRequest,
    DeleteServicesRequest,
    ListInferServiceEventsRequest,
    ListInferServicesRequest,
    ServiceUpdateRequest,
    ShowInferDeploymentRequest,
    ShowInferServiceRequest,
    StartInferServiceRequest,
    StopInferServiceRequest,
    UpdateInferServiceRequest,
)

from modelarts_sdk_helpers import group_config, service_body, unique_name, wait_service_status


def create(client, name, groups=None):
    return client.create_infer_service(CreateInferServiceRequest(body=service_body(name, groups)))


def test_create_without_deployments_is_init(client):
    name = unique_name()
    created = create(client, name)
    assert created.id and created.name == name and created.status == "INIT"
    shown = client.show_infer_service(ShowInferServiceRequest(service_id=created.id))
    assert shown.type == "REAL_TIME" and shown.deploy_type == "SINGLE"
    assert shown.version.description == "emulated" and shown.version.version == "1.0.0"
    assert shown.version.instance_groups == []
    assert shown.tags[0].key == "team" and shown.tags[0].value == "ml"
    assert shown.predict_url[0].type == "PUBLIC"
    assert shown.predict_url[0].urls[0].endswith(f"/v2/infer/{created.id}")
    assert shown.version.runtime_config.service_invoke.auth_type == "API_KEY"


def test_create_with_group_config_deploys_then_runs(client):
    created = create(client, unique_name(), [group_config()])
    assert created.status == "DEPLOYING"
    group = created.version.instance_groups[0]
    assert group.status == "DEPLOYING" and group.name == "dep-a"
    running = wait_service_status(client, created.id, "RUNNING")
    assert running.version.instance_groups[0].status == "RUNNING"
    assert running.version.instance_groups[0].traffic_ratio == "100"
    dep = client.show_infer_deployment(ShowInferDeploymentRequest(
        service_id=created.id, deployment_id=group.id))
    # A datetime-typed field: with python-dateutil present the SDK parses it.
    assert isinstance(dep.create_at, datetime.datetime)
    events = client.list_infer_service_events(ListInferServiceEventsRequest(service_id=created.id))
    texts = [e.event_info for e in events.data]
    assert "Service status change from DEPLOYING to RUNNING." in texts


def test_list_filters_and_paginates(client):
    names = [unique_name("list") for _ in range(3)]
    for name in names:
        create(client, name)
    page = client.list_infer_services(ListInferServicesRequest(limit=2, offset=0))
    assert page.total == 3 and page.size == 2 and page.pages == 2 and page.current == 0
    second = client.list_infer_services(ListInferServicesRequest(limit=2, offset=2))
    assert second.size == 1 and second.current == 1
    by_name = client.list_infer_services(ListInferServicesRequest(name=names[1]))
    assert [s.name for s in by_name.data] == [names[1]]
    assert by_name.data[0].auth_type == "API_KEY" and isinstance(by_name.data[0].create_at, int)
    by_status = client.list_infer_services(ListInferServicesRequest(status="RUNNING"))
    assert by_status.total == 0


def test_update_is_patch_like(client):
    created = create(client, unique_name())
    new_name = unique_name("renamed")
    updated = client.update_infer_service(UpdateInferServiceRequest(
        service_id=created.id, body=ServiceUpdateRequest(name=new_name, description="changed")))
    assert updated.name == new_name
    assert updated.version.description == "changed"
    # Omitted fields keep their values.
    assert updated.version.runtime_config.service_limit.request_timeout == 60
    assert updated.tags[0].key == "team"


def test_update_refused_while_deploying(client):
    created = create(client, unique_name(), [group_config()])
    with pytest.raises(ClientRequestException) as raised:
        client.update_infer_service(UpdateInferServiceRequest(
            service_id=created.id, body=ServiceUpdateRequest(description="too early")))
    assert raised.value.status_code == 400
    assert "DEPLOYING" in raised.value.error_msg


def test_stop_and_start_service(client):
    created = create(client, unique_name(), [group_config()])
    wait_service_status(client, created.id, "RUNNING")
    stopped = client.stop_infer_service(StopInferServiceRequest(service_id=created.id))
    assert stopped.status == "STOPPING"
    wait_service_status(client, created.id, "STOPPED")
    started = client.start_infer_service(StartInferServiceRequest(service_id=created.id))
    assert started.status == "DEPLOYING"
    wait_service_status(client, created.id, "RUNNING")


def test_batch_delete(client):
    first, second = create(client, unique_name()), create(client, unique_name(), [group_config()])
    deleted = client.batch_delete_infer_services(BatchDeleteInferServicesRequest(
        body=DeleteServicesRequest(service_ids=[first.id, second.id])))
    assert {r.id for r in deleted.service_responses} == {first.id, second.id}
    for service_id in (first.id, second.id):
        with pytest.raises(ClientRequestException) as raised:
            client.show_infer_service(ShowInferServiceRequest(service_id=service_id))
        assert raised.value.status_code == 404


def test_duplicate_name_is_rejected(client):
    name = unique_name()
    create(client, name)
    with pytest.raises(ClientRequestException) as raised:
        create(client, name)
    assert raised.value.status_code == 400 and name in raised.value.error_msg


@pytest.mark.parametrize("field,value", [
    ("name", "bad name!"), ("type", "BATCH"), ("deploy_type", "DIST"),
])
def test_validation_errors(client, field, value):
    body = service_body(unique_name())
    setattr(body, field, value)
    with pytest.raises(ClientRequestException) as raised:
        client.create_infer_service(CreateInferServiceRequest(body=body))
    assert raised.value.status_code == 400
    assert f"'{field}'" in raised.value.error_msg
    assert raised.value.error_code.startswith("ModelArts.")
    assert raised.value.request_id
