"""Signature checks (401) and project isolation (403)."""

from __future__ import annotations

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

from inference_iac.clients.modelarts.signer import sign

from modelarts_sdk_helpers import make_client

OTHER_PROJECT = "ffffffffffffffffffffffffffffffff"


def signed_request(emulator, method, path, body=b"", project_header=None, secret=None):
    host = emulator.endpoint.removeprefix("http://")
    headers = {"Host": host, "Content-Type": "application/json",
               "X-Project-Id": project_header or emulator.project_id}
    headers = sign(method, path, [], headers, body, emulator.access_key,
                   secret or emulator.secret_key)
    return httpx.request(method, emulator.endpoint + path, headers=headers, content=body)


def assert_error(response, status):
    assert response.status_code == status
    assert response.headers["x-request-id"]
    body = response.json()
    assert body["error_code"].startswith("ModelArts.") and body["error_msg"]
    return body


def test_unsigned_request_is_401(emulator):
    response = httpx.get(f"{emulator.endpoint}/v2/{emulator.project_id}/services")
    assert assert_error(response, 401)["error_code"] == "ModelArts.0401"


def test_garbage_authorization_is_401(emulator):
    response = httpx.get(f"{emulator.endpoint}/v2/{emulator.project_id}/services",
                         headers={"Authorization": "Bearer nope"})
    assert_error(response, 401)


def test_wrong_secret_key_is_401(emulator):
    sdk = make_client(emulator, secret_key="X" * 40)
    with pytest.raises(ClientRequestException) as raised:
        sdk.list_infer_services(ListInferServicesRequest())
    assert raised.value.status_code == 401 and raised.value.error_code == "ModelArts.0401"


def test_tampered_body_is_401(emulator):
    path = f"/v2/{emulator.project_id}/services"
    host = emulator.endpoint.removeprefix("http://")
    headers = sign("POST", path, [], {"Host": host, "Content-Type": "application/json"},
                   b'{"name": "a"}', emulator.access_key, emulator.secret_key)
    response = httpx.post(emulator.endpoint + path, headers=headers, content=b'{"name": "b"}')
    assert_error(response, 401)


def test_correctly_signed_raw_request_is_accepted(emulator):
    response = signed_request(emulator, "GET", f"/v2/{emulator.project_id}/services")
    assert response.status_code == 200 and response.json()["total"] >= 0


def test_other_project_in_path_is_403(emulator):
    sdk = make_client(emulator, project_id=OTHER_PROJECT)
    with pytest.raises(ClientRequestException) as raised:
        sdk.list_infer_services(ListInferServicesRequest())
    assert raised.value.status_code == 403


def test_mismatching_project_header_is_403(emulator):
    response = signed_request(emulator, "GET", f"/v2/{emulator.project_id}/services",
                              project_header=OTHER_PROJECT)
    assert_error(response, 403)


def test_health_needs_no_auth(emulator):
    response = httpx.get(f"{emulator.endpoint}/-/health")
    assert response.json() == {"status": "ok"} and response.headers["x-request-id"]


def test_literal_segments_are_not_service_ids(emulator):
    flavors = signed_request(emulator, "GET", f"/v2/{emulator.project_id}/services/flavors")
    assert flavors.status_code == 200 and flavors.json()["total"] > 0
    response = signed_request(emulator, "GET", f"/v2/{emulator.project_id}/services/clusters/c-1")
    assert_error(response, 501)
