"""Signature checks (401) and project isolation (403)."""

from __future__ import annotations

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

from modelarts_sdk_helpers import make_client, sdk_signed, send_signed

OTHER_PROJECT = "ffffffffffffffffffffffffffffffff"


def signed_request(emulator, method, path, body=b"", project_header=None, secret=None):
    headers = {"X-Project-Id": project_header} if project_header else None
    return send_signed(emulator, method, path, body=body, headers=headers, secret_key=secret)


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
    url, headers = sdk_signed(emulator, "POST", path, body=b'{"name": "a"}')
    response = httpx.post(url, headers=headers, content=b'{"name": "b"}')
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
    assert response.json() == {"status": "ok", "data_dir": str(emulator.data_dir.resolve()),
                               "apis": ["modelarts", "eas"]}
    assert response.headers["x-request-id"]


def test_literal_segments_are_not_service_ids(emulator):
    flavors = signed_request(emulator, "GET", f"/v2/{emulator.project_id}/services/flavors")
    assert flavors.status_code == 200 and flavors.json()["total"] > 0
    response = signed_request(emulator, "GET", f"/v2/{emulator.project_id}/services/clusters/c-1")
    assert_error(response, 501)
