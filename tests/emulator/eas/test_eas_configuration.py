"""What is configurable on the EAS side: the error codes (EMULATOR_EAS_ERROR_CODES), the region
of operations without a ClusterId (EMULATOR_EAS_REGION, or the region a pai-eas host names)."""

from __future__ import annotations

import json

import pytest
from alibabacloud_tea_openapi.exceptions import ClientException

from eas_sdk_helpers import M, make_client, send_signed, service_json, unique
from inference_iac.emulator.testing import RunningEmulator


def test_error_codes_can_be_renamed(tmp_path, monkeypatch):
    monkeypatch.setenv("EMULATOR_EAS_ERROR_CODES", json.dumps({
        "InvalidService.NotFound": "ServiceNotFound", "invalid_field": "InvalidArgument"}))
    with RunningEmulator(tmp_path / "data", ready_delay=0.1) as emu:
        eas = make_client(emu)
        with pytest.raises(ClientException) as raised:
            eas.describe_service("cn-shanghai", unique())
        assert raised.value.code == "ServiceNotFound"
        with pytest.raises(ClientException) as raised:
            eas.list_services(M.ListServicesRequest(page_size=0))
        assert raised.value.code == "InvalidArgument"


def test_the_default_region_can_be_set(tmp_path, monkeypatch):
    monkeypatch.setenv("EMULATOR_EAS_REGION", "ap-southeast-1")
    with RunningEmulator(tmp_path / "data", ready_delay=0.1) as emu:
        eas = make_client(emu, region_id="ap-southeast-1")
        name = unique()
        created = eas.create_service(M.CreateServiceRequest(body=json.dumps(service_json(name))))
        assert created.body.region == "ap-southeast-1"
        assert eas.describe_service("ap-southeast-1", name).body.region == "ap-southeast-1"
        gateway = eas.create_gateway(M.CreateGatewayRequest(instance_type="2c4g")).body
        assert gateway.cluster_id == "ap-southeast-1"


def test_a_regional_host_names_the_region(eas_emulator):
    name = unique()
    host = {"host": "pai-eas.cn-hangzhou.aliyuncs.com"}
    body = json.dumps(service_json(name)).encode()
    created = send_signed(eas_emulator, "POST", "/api/v2/services", body=body,
                          action="CreateService", headers=host)
    assert created.status_code == 200 and created.json()["Region"] == "cn-hangzhou"
    listed = send_signed(eas_emulator, "GET", "/api/v2/services", {"ServiceName": name},
                         action="ListServices", headers=host).json()
    assert [s["Region"] for s in listed["Services"]] == ["cn-hangzhou"]
    elsewhere = send_signed(eas_emulator, "GET", "/api/v2/services", {"ServiceName": name},
                            action="ListServices",
                            headers={"host": "pai-eas.cn-beijing.aliyuncs.com"}).json()
    assert elsewhere["TotalCount"] == 0  # a regional endpoint lists its own region
    everywhere = make_client(eas_emulator).list_services(M.ListServicesRequest(service_name=name))
    assert everywhere.body.total_count == 1  # a local endpoint lists every region
    send_signed(eas_emulator, "DELETE", f"/api/v2/services/cn-hangzhou/{name}",
                action="DeleteService")
