"""The official SDK drives the intranet-connection API of the emulator unchanged."""

from __future__ import annotations

import pytest
from huaweicloudsdkmodelarts.v1 import (
    BatchDeleteInferIntranetConnectionsRequest,
    CreateInferIntranetConnectionRequest,
    CreateInferServiceRequest,
    IntranetConnectionDeleteRequest,
    IntranetConnectionModifyRequest,
    IntranetConnectionRequest,
    ListInferIntranetConnectionApplicationsRequest,
    ListInferIntranetConnectionReviewsRequest,
    ModifyInferIntranetConnectionsRequest,
    UpdateInferIntranetConnectionRequest,
    UpdateIntranetConnectionRequestBody,
)

from modelarts_sdk_helpers import group_config, service_body, unique_name, wait_for, wait_service_status
from modelarts_sdk_helpers import sdk_error as error_of

URL = "https://api.example.com/v1/chat"


def running_service(client, approval: bool | None = None, groups=True) -> str:
    group = group_config()
    group.pool_id = "pool-dedicated-0001"
    body = service_body(unique_name(), [group] if groups else [])
    body.runtime_config.service_invoke.intranet_approval_enable = approval
    service = client.create_infer_service(CreateInferServiceRequest(body=body))
    if groups:
        wait_service_status(client, service.id, "RUNNING")
    return service.id


def create(client, service_id, vpc="vpc-1", **fields):
    body = IntranetConnectionRequest(service_id=service_id, scene=fields.pop("scene", "VPC"),
                                     vpc_id=vpc, subnet_id=fields.pop("subnet_id", "subnet-1"), **fields)
    return client.create_infer_intranet_connection(CreateInferIntranetConnectionRequest(body=body))


def find(client, connection_id):
    data = client.list_infer_intranet_connection_applications(
        ListInferIntranetConnectionApplicationsRequest(id=connection_id)).data or []
    return data[0] if data else None


def status_becomes(client, connection_id, status):
    return wait_for(lambda: (c := find(client, connection_id)) is not None and c.status == status and c)


def act(client, connection_id, action, reason=None):
    body = UpdateIntranetConnectionRequestBody(action=action, reason=reason)
    return client.update_infer_intranet_connection(UpdateInferIntranetConnectionRequest(id=connection_id, body=body))


def delete(client, *ids):
    return client.batch_delete_infer_intranet_connections(BatchDeleteInferIntranetConnectionsRequest(
        body=IntranetConnectionDeleteRequest(intranet_connection_ids=list(ids))))


def test_auto_approved_connection_connects_and_shows_its_address(client):
    service_id = running_service(client)
    created = create(client, service_id, custom_urls=[URL], type="SERVICE")
    assert created.status == "CONNECTING"
    assert created.service_id == service_id and created.vpc_id == "vpc-1" and created.subnet_id == "subnet-1"
    assert created.custom_url_list == [URL] and created.url_list == []
    assert isinstance(created.create_at, str) and created.create_at.isdigit()

    connected = status_becomes(client, created.id, "CONNECTED")
    assert connected.url_list and service_id in connected.url_list[0]
    assert connected.service_name and connected.scene == "VPC" and connected.type == "SERVICE"
    delete(client, created.id)
    assert find(client, created.id) is None


def test_manual_approval_waits_for_the_owner(client):
    service_id = running_service(client, approval=True)
    created = create(client, service_id)
    assert created.status == "APPROVING"
    [review] = client.list_infer_intranet_connection_reviews(
        ListInferIntranetConnectionReviewsRequest(status="APPROVING", service_id=service_id)).data
    assert review.id == created.id

    act(client, created.id, "APPROVE")
    assert find(client, created.id).status == "CONNECTING"
    status_becomes(client, created.id, "CONNECTED")

    act(client, created.id, "CANCEL")
    assert find(client, created.id).status == "CANCELED"
    # Approving again is refused once the request is no longer APPROVING.
    error = error_of(lambda: act(client, created.id, "APPROVE"))
    assert error.status_code == 400 and "allowed only in APPROVING" in error.error_msg
    delete(client, created.id)


def test_reject_keeps_the_reason(client):
    service_id = running_service(client, approval=True)
    created = create(client, service_id)
    act(client, created.id, "REJECT", reason="not from that VPC")
    rejected = find(client, created.id)
    assert rejected.status == "REJECTED" and rejected.message == "not from that VPC"
    delete(client, created.id)


def test_failed_connection_can_be_retried(client):
    service_id = running_service(client)
    created = create(client, service_id, vpc="vpc-flaky-1")
    failed = status_becomes(client, created.id, "FAILED")
    assert failed.message == "Connection failed. Try again."
    act(client, created.id, "RETRY")
    status_becomes(client, created.id, "CONNECTED")
    delete(client, created.id)


def test_modify_replaces_custom_urls(client):
    service_id = running_service(client)
    created = create(client, service_id, custom_urls=[URL])
    urls = ["http://10.0.0.8:8080/predict", "wss://stream.example.org/ws"]
    modified = client.modify_infer_intranet_connections(ModifyInferIntranetConnectionsRequest(
        id=created.id, body=IntranetConnectionModifyRequest(custom_urls=urls)))
    assert modified.custom_url_list == urls and modified.id == created.id
    assert find(client, created.id).custom_url_list == urls
    delete(client, created.id)


def test_one_connection_per_service_per_vpc(client):
    service_id = running_service(client)
    first = create(client, service_id)
    error = error_of(lambda: create(client, service_id))
    assert error.status_code == 400 and error.error_code == "ModelArts.4004" and first.id in error.error_msg
    other_vpc = create(client, service_id, vpc="vpc-2")
    listed = client.list_infer_intranet_connection_applications(
        ListInferIntranetConnectionApplicationsRequest(service_id=service_id, sort_dir="ASC", sort_key="create_at"))
    assert [c.id for c in listed.data] == [first.id, other_vpc.id] and listed.total == 2
    delete(client, first.id, other_vpc.id)


@pytest.mark.parametrize("urls,field,rule", [
    ([f"https://h{i}.example.com/" for i in range(11)], "custom_urls", "at most 10"),
    (["ftp://example.com/x"], "custom_urls[0]", "must look like"),
    (["https://example.c0m/x"], "custom_urls[0]", "top-level domain"),
    (["http://10.0.0.1/x"], "custom_urls[0]", "needs a port"),
    (["https://-bad.example.com/"], "custom_urls[0]", "domain"),
    (["https://example.com/a b"], "custom_urls[0]", "must look like"),
    ([URL, URL], "custom_urls", "repeat"),
])
def test_custom_url_rules(client, urls, field, rule):
    service_id = running_service(client)
    error = error_of(lambda: create(client, service_id, custom_urls=urls))
    assert error.status_code == 400 and f"'{field}'" in error.error_msg and rule in error.error_msg


def test_create_needs_a_running_service_and_the_scene_fields(client):
    idle = running_service(client, groups=False)  # no deployment: INIT
    error = error_of(lambda: create(client, idle))
    assert error.status_code == 400 and "needs a running service" in error.error_msg
    assert error_of(lambda: create(client, "no-such-service")).status_code == 404
    service_id = running_service(client)
    missing = error_of(lambda: create(client, service_id, subnet_id=None))
    assert "'subnet_id'" in missing.error_msg
    mixed = error_of(lambda: create(client, service_id, pool_id="pool-1"))
    assert "'pool_id'" in mixed.error_msg and "VPC scene" in mixed.error_msg
    pool = client.create_infer_intranet_connection(CreateInferIntranetConnectionRequest(
        body=IntranetConnectionRequest(service_id=service_id, scene="POOL", pool_id="pool-1")))
    assert pool.pool_id == "pool-1" and pool.vpc_id is None
    delete(client, pool.id)


def test_unknown_ids_and_actions_are_refused(client):
    assert error_of(lambda: act(client, "nope", "APPROVE")).status_code == 404
    assert error_of(lambda: delete(client, "nope")).status_code == 404
    service_id = running_service(client)
    created = create(client, service_id)
    bad = error_of(lambda: act(client, created.id, "REVOKE"))
    assert bad.status_code == 400 and "'action'" in bad.error_msg
    # A batch naming an unknown id deletes nothing.
    assert error_of(lambda: delete(client, created.id, "nope")).status_code == 404
    assert find(client, created.id) is not None
    delete(client, created.id)
