"""Service-level versions (as terraform's huaweicloud_modelartsv2_service uses them), version
numbers that never collide, and the ids of units and images read back.

The SDK has no operation for GET .../services/{id}/versions or POST .../versions/switch, so
those are sent as requests signed by the SDK's own signer.
"""

from __future__ import annotations

import json

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    CreateInferServiceRequest,
    GroupConfigUpdateRequest,
    ServiceUpdateRequest,
    ShowInferDeploymentRequest,
    ShowInferServiceRequest,
    UpdateInferDeploymentRequest,
    UpdateInferServiceRequest,
)

from modelarts_sdk_helpers import (
    advanced_config,
    group_config,
    send_signed,
    service_body,
    unique_name,
    unit,
    wait_deployment_status,
    wait_for,
    wait_service_status,
)


def versions(emulator, service_id, **query):
    response = send_signed(emulator, "GET", f"/v2/{emulator.project_id}/services/{service_id}/versions",
                           query=list(query.items()))
    assert response.status_code == 200, response.text
    return response.json()


def switch(emulator, service_id, body):
    return send_signed(emulator, "POST",
                       f"/v2/{emulator.project_id}/services/{service_id}/versions/switch",
                       body=json.dumps(body).encode())


def update(client, service_id, **fields):
    return client.update_infer_service(UpdateInferServiceRequest(
        service_id=service_id, body=ServiceUpdateRequest(**fields)))


@pytest.fixture
def running(client):
    """A RUNNING service (version 1.0.0) with one deployment on image tag 1."""
    created = client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name(), [group_config()])))
    wait_service_status(client, created.id, "RUNNING")
    return created.id, created.version.instance_groups[0].id


def upgraded(client, emulator, service_id):
    """Version 1.0.1: a new request timeout and image tag 2 for the deployment."""
    group = group_config()
    group.unit_configs = [unit("2")]
    shown = update(client, service_id, version="1.0.1",
                   runtime_config={"service_limit": {"request_timeout": 90}}, group_configs=[group])
    assert shown.version.version == "1.0.1"
    wait_service_status(client, service_id, "RUNNING")
    return shown


def test_versions_are_listed_newest_first_and_paginated(client, emulator, running):
    service_id, _ = running
    first = versions(emulator, service_id)
    assert first["total"] == 1 and first["data"][0]["version"] == "1.0.0"
    assert first["data"][0]["version_status"] == "ACTIVE" and first["data"][0]["id"]
    upgraded(client, emulator, service_id)
    listed = versions(emulator, service_id)
    assert [v["version"] for v in listed["data"]] == ["1.0.1", "1.0.0"]
    assert [v["version_status"] for v in listed["data"]] == ["ACTIVE", "INACTIVE"]
    shown = client.show_infer_service(ShowInferServiceRequest(service_id=service_id))
    assert listed["data"][0]["id"] == shown.version.id
    second_page = versions(emulator, service_id, limit=1, offset=1)
    assert (second_page["total"], second_page["pages"], second_page["current"]) == (2, 2, 1)
    assert [v["version"] for v in second_page["data"]] == ["1.0.0"]


def test_a_list_request_with_a_json_body_is_served(emulator, running):
    """terraform sends {"workspace_id": ...} as the body of this GET."""
    service_id, _ = running
    response = send_signed(emulator, "GET", f"/v2/{emulator.project_id}/services/{service_id}/versions",
                           query=[("limit", 500), ("offset", 0)], body=b'{"workspace_id": "0"}')
    assert response.status_code == 200 and response.json()["total"] == 1


def test_switch_restores_the_settings_and_the_deployments(client, emulator, running):
    service_id, dep_id = running
    old_id = versions(emulator, service_id)["data"][0]["id"]
    upgraded(client, emulator, service_id)
    answer = switch(emulator, service_id, {"id": service_id, "target_version_id": old_id,
                                           "workspace_id": "0"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"]["version"] == "1.0.0"
    assert answer.json()["status"] == "UPGRADING"  # the deployment rolls back to its version
    dep = wait_deployment_status(client, service_id, dep_id, "RUNNING")
    assert dep.version == "1.0.0" and dep.unit_configs[0].image.swr_path.endswith("img:1")
    shown = wait_service_status(client, service_id, "RUNNING")
    assert shown.version.version == "1.0.0" and shown.version.id == old_id
    assert shown.version.runtime_config.service_limit.request_timeout == 60
    assert [v["version_status"] for v in versions(emulator, service_id)["data"]] == [
        "INACTIVE", "ACTIVE"]
    # A later change without a number never reuses one: 1.0.1 exists, so it is 1.0.2.
    assert update(client, service_id, runtime_config={
        "service_limit": {"request_timeout": 30}}).version.version == "1.0.2"


@pytest.mark.parametrize("body,status,text", [
    ({"target_version_id": "no-such-version"}, 404, "not found"),
    ({}, 400, "target_version_id"),
    ({"target_version_id": 7}, 400, "target_version_id"),
    ({"target_version_id": "x", "id": "another-service"}, 400, "'id'"),
])
def test_switch_refusals(emulator, running, body, status, text):
    service_id, _ = running
    answer = switch(emulator, service_id, body)
    assert answer.status_code == status and text in answer.json()["error_msg"]


def test_switching_to_the_current_version_or_while_deploying_is_refused(client, emulator):
    created = client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name(), [group_config()])))
    current = versions(emulator, created.id)["data"][0]["id"]
    busy = switch(emulator, created.id, {"target_version_id": current})
    assert busy.status_code == 400 and "DEPLOYING" in busy.json()["error_msg"]
    wait_service_status(client, created.id, "RUNNING")
    again = switch(emulator, created.id, {"target_version_id": current})
    assert again.status_code == 400 and "already the current version" in again.json()["error_msg"]


def test_a_version_number_is_never_reused_for_a_new_configuration(client, emulator, running):
    service_id, _ = running
    upgraded(client, emulator, service_id)
    for number in ("1.0.0", "1.0.1"):  # an old number, and the current one
        with pytest.raises(ClientRequestException) as raised:
            update(client, service_id, version=number,
                   runtime_config={"service_limit": {"request_timeout": 120}})
        assert raised.value.status_code == 400 and "'version'" in raised.value.error_msg
    with pytest.raises(ClientRequestException):  # an old number, even for a description
        update(client, service_id, version="1.0.0", description="old")
    shown = client.show_infer_service(ShowInferServiceRequest(service_id=service_id))
    assert shown.version.version == "1.0.1"
    assert shown.version.runtime_config.service_limit.request_timeout == 90


def test_the_current_number_may_change_its_description_only(client, emulator, running):
    service_id, _ = running
    shown = update(client, service_id, version="1.0.0", description="now described")
    assert shown.version.version == "1.0.0" and shown.version.description == "now described"
    listed = versions(emulator, service_id)
    assert listed["total"] == 1 and listed["data"][0]["description"] == "now described"
    assert update(client, service_id, version="1.1.0").version.version == "1.1.0"  # new number


def test_units_and_images_read_back_with_stable_ids(client, running):
    service_id, dep_id = running

    def show():
        return client.show_infer_deployment(ShowInferDeploymentRequest(
            service_id=service_id, deployment_id=dep_id))

    first = show().unit_configs[0]
    assert first.id and first.image.id and first.id != first.image.id
    assert show().unit_configs[0].id == first.id and show().unit_configs[0].image.id == first.image.id
    group = client.show_infer_service(ShowInferServiceRequest(
        service_id=service_id)).version.instance_groups[0]
    assert (group.unit_configs[0].id, group.unit_configs[0].image.id) == (first.id, first.image.id)
    # A rolling upgrade to another image: the unit keeps its id, the image id is the new image's.
    client.update_infer_deployment(UpdateInferDeploymentRequest(
        service_id=service_id, deployment_id=dep_id, body=GroupConfigUpdateRequest(
            name="dep-a", weight=100, advanced_config=advanced_config(), unit_configs=[unit("2")])))
    after = wait_for(lambda: show() if show().status == "RUNNING" else None).unit_configs[0]
    assert after.id == first.id and after.image.id != first.image.id


def test_sending_back_what_was_read_changes_nothing(client, emulator, running):
    """Ids in a request (terraform sends the unit ids it read) are accepted and not stored."""
    service_id, dep_id = running
    path = f"/v2/{emulator.project_id}/services/{service_id}/deployments/{dep_id}"
    read = send_signed(emulator, "GET", path).json()
    body = {"name": read["name"], "weight": 50, "unit_configs": read["unit_configs"],
            "advanced_config": read["advanced_config"]}
    answer = send_signed(emulator, "PUT", path, body=json.dumps(body).encode())
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == "1.0.0" and answer.json()["status"] == "RUNNING"
    assert answer.json()["unit_configs"] == read["unit_configs"]
