"""The official SDK drives the API key endpoints of the emulator unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from huaweicloudsdkmodelarts.v1 import (
    BatchBindApiKeyRequest,
    BatchBindApiKeyRequestKeyIds,
    BatchBindInferApiKeysRequest,
    BatchUnBindApiKeyRequest,
    BatchUnBindApiKeyRequestKeyIds,
    BatchUnbindInferApiKeysRequest,
    BindInferApiKeyRequest,
    CreateApiKeyReq,
    CreateInferApiKeyRequest,
    CreateInferServiceRequest,
    DeleteInferApiKeyRequest,
    ListInferApiKeysRequest,
    UnbindInferApiKeyRequest,
)

from modelarts_sdk_helpers import group_config, service_body, unique_name, wait_service_status
from modelarts_sdk_helpers import sdk_error as error_of

MAX_KEYS = 30


@pytest.fixture
def keys(client):
    """The SDK client; every key left by a test is unbound and deleted afterwards."""
    yield client
    for key in client.list_infer_api_keys(ListInferApiKeysRequest(limit=500)).data or []:
        for service in key.services:
            client.unbind_infer_api_key(UnbindInferApiKeyRequest(service_id=service.id, key_id=key.key_id))
        client.delete_infer_api_key(DeleteInferApiKeyRequest(key_id=key.key_id))


def create_key(client, name=None, scope="SERVICE", description="d") -> dict:
    """Create a key and read the CSV download the SDK hands back as a stream."""
    response = client.create_infer_api_key(CreateInferApiKeyRequest(
        body=CreateApiKeyReq(name=name or unique_name("key"), description=description, scope=scope)))
    chunks = []
    response.consume_download_stream(lambda stream: chunks.append(stream.content))
    [row] = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8"))))
    return row


def running_service(client, auth_type="API_KEY"):
    body = service_body(unique_name(), [group_config()])
    body.runtime_config.service_invoke.auth_type = auth_type
    created = client.create_infer_service(CreateInferServiceRequest(body=body))
    return wait_service_status(client, created.id, "RUNNING")


def listed(client, **filters):
    return client.list_infer_api_keys(ListInferApiKeysRequest(**filters))


def test_create_delivers_the_secret_once_as_csv(keys):
    row = create_key(keys, name="key-one", description="first key")
    assert set(row) >= {"key_id", "api_key", "name"} and row["name"] == "key-one"
    assert len(row["key_id"]) == 32 and row["key_id"].isalnum() and row["key_id"].lower() == row["key_id"]
    assert len(row["api_key"]) >= 32
    page = listed(keys, name="key-one")
    [item] = page.data
    assert page.total == 1 and item.key_id == row["key_id"]
    assert item.scope == "SERVICE" and item.description == "first key" and item.services == []
    assert item.create_time.isdigit() and len(item.create_time) == 13
    # The list never carries the value.
    assert row["api_key"] not in str(item.to_dict())


def test_create_validates_name_scope_description_and_uniqueness(keys):
    create_key(keys, name="dup")
    for body, field in [(CreateApiKeyReq(name="bad name!", scope="USER"), "name"),
                        (CreateApiKeyReq(name="ok", scope="ALL"), "scope"),
                        (CreateApiKeyReq(name="ok", scope="USER", description="a=b"), "description"),
                        (CreateApiKeyReq(name="ok", scope="USER", description="x" * 257), "description")]:
        error = error_of(lambda: keys.create_infer_api_key(CreateInferApiKeyRequest(body=body)))
        assert error.status_code == 400 and f"'{field}'" in error.error_msg
    duplicate = error_of(lambda: create_key(keys, name="dup"))
    assert duplicate.error_code == "ModelArts.4004"


def test_key_count_limit(keys):
    for index in range(MAX_KEYS):
        create_key(keys, name=f"quota-{index}")
    error = error_of(lambda: create_key(keys, name="one-too-many"))
    assert error.error_code == "ModelArts.4005" and str(MAX_KEYS) in error.error_msg


def test_bind_unbind_and_list_filters(keys):
    service = running_service(keys)
    key = create_key(keys)
    user_key = create_key(keys, scope="USER")
    bound = keys.bind_infer_api_key(BindInferApiKeyRequest(service_id=service.id, key_id=key["key_id"]))
    assert [(s.id, s.name) for s in bound.services] == [(service.id, service.name)]
    assert [k.key_id for k in listed(keys, service_id=service.id).data] == [key["key_id"]]
    with_user = {k.key_id for k in listed(keys, service_id=service.id, with_user_scope=True).data}
    assert with_user == {key["key_id"], user_key["key_id"]}
    assert [k.key_id for k in listed(keys, service_name=service.name).data] == [key["key_id"]]
    assert [k.key_id for k in listed(keys, key_id=user_key["key_id"]).data] == [user_key["key_id"]]
    assert {k.scope for k in listed(keys, scope="USER").data} == {"USER"}

    unbound = keys.unbind_infer_api_key(UnbindInferApiKeyRequest(service_id=service.id, key_id=key["key_id"]))
    assert unbound.services == []
    again = error_of(lambda: keys.unbind_infer_api_key(
        UnbindInferApiKeyRequest(service_id=service.id, key_id=key["key_id"])))
    assert again.error_code == "ModelArts.4003"


def test_bind_preconditions(keys):
    key = create_key(keys)
    init_service = keys.create_infer_service(CreateInferServiceRequest(body=service_body(unique_name())))
    token_service = running_service(keys, auth_type="TOKEN")
    running = running_service(keys)
    user_key = create_key(keys, scope="USER")
    cases = [(init_service.id, key, "status INIT"), (token_service.id, key, "auth_type is API_KEY"),
             (running.id, user_key, "scope USER")]
    for service_id, which, message in cases:
        error = error_of(lambda: keys.bind_infer_api_key(
            BindInferApiKeyRequest(service_id=service_id, key_id=which["key_id"])))
        assert error.status_code == 400 and error.error_code == "ModelArts.4003" and message in error.error_msg
    missing = error_of(lambda: keys.bind_infer_api_key(
        BindInferApiKeyRequest(service_id=running.id, key_id="0" * 32)))
    assert missing.status_code == 404


def test_bound_key_cannot_be_deleted_until_unbound(keys):
    service = running_service(keys)
    key = create_key(keys)
    keys.bind_infer_api_key(BindInferApiKeyRequest(service_id=service.id, key_id=key["key_id"]))
    error = error_of(lambda: keys.delete_infer_api_key(DeleteInferApiKeyRequest(key_id=key["key_id"])))
    assert error.error_code == "ModelArts.4003" and "unbind it first" in error.error_msg
    keys.unbind_infer_api_key(UnbindInferApiKeyRequest(service_id=service.id, key_id=key["key_id"]))
    deleted = keys.delete_infer_api_key(DeleteInferApiKeyRequest(key_id=key["key_id"]))
    assert deleted.key_id == key["key_id"] and deleted.name == key["name"]
    assert listed(keys, key_id=key["key_id"]).data == []
    gone = error_of(lambda: keys.delete_infer_api_key(DeleteInferApiKeyRequest(key_id=key["key_id"])))
    assert gone.status_code == 404


def test_batch_bind_and_unbind_report_each_key(keys):
    service = running_service(keys)
    first, second = create_key(keys), create_key(keys)
    user_key = create_key(keys, scope="USER")
    ids = [first["key_id"], second["key_id"], user_key["key_id"], "f" * 32]
    body = BatchBindApiKeyRequest(key_ids=[BatchBindApiKeyRequestKeyIds(key_id=i) for i in ids])
    result = keys.batch_bind_infer_api_keys(BatchBindInferApiKeysRequest(service_id=service.id, body=body))
    assert (result.total, result.success_count, result.failure_count) == (4, 2, 2)
    assert {i.key_id for i in result.success_items} == {first["key_id"], second["key_id"]}
    assert {f.key_id for f in result.failure_items} == {user_key["key_id"], "f" * 32}
    assert all(f.error_code and f.error_msg for f in result.failure_items)

    result = keys.batch_unbind_infer_api_keys(BatchUnbindInferApiKeysRequest(
        service_id=service.id,
        body=BatchUnBindApiKeyRequest(key_ids=[BatchUnBindApiKeyRequestKeyIds(key_id=first["key_id"])])))
    assert result.success_count == 1 and result.success_items[0].services == []
    too_many = [BatchBindApiKeyRequestKeyIds(key_id=first["key_id"])] * 11
    error = error_of(lambda: keys.batch_bind_infer_api_keys(BatchBindInferApiKeysRequest(
        service_id=service.id, body=BatchBindApiKeyRequest(key_ids=too_many))))
    assert error.status_code == 400 and "key_ids" in error.error_msg


def test_deleting_a_service_drops_it_from_its_keys(keys):
    from huaweicloudsdkmodelarts.v1 import BatchDeleteInferServicesRequest, DeleteServicesRequest

    service = running_service(keys)
    key = create_key(keys)
    keys.bind_infer_api_key(BindInferApiKeyRequest(service_id=service.id, key_id=key["key_id"]))
    keys.batch_delete_infer_services(BatchDeleteInferServicesRequest(
        body=DeleteServicesRequest(service_ids=[service.id])))
    [item] = listed(keys, key_id=key["key_id"]).data
    assert item.services == []
    keys.delete_infer_api_key(DeleteInferApiKeyRequest(key_id=key["key_id"]))
