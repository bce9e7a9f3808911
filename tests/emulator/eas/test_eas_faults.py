"""The core fault plane on EAS (request faults match paths, deploy faults service names), the
operations the emulator does not serve, unknown routes, and the request counter."""

from __future__ import annotations

import time

import httpx
import pytest
from alibabacloud_tea_openapi.exceptions import (
    ClientException,
    ServerException,
    ThrottlingException,
)

from eas_sdk_helpers import REGION, M, create, send_signed, service_path, unique


def test_http_5xx_is_a_server_exception_in_eas_shape(eas, eas_emulator):
    name = unique()
    create(eas, name)
    eas_emulator.add_fault("http_5xx", f"/api/v2/services/{REGION}/{name}", count=1)
    with pytest.raises(ServerException) as raised:
        eas.describe_service(REGION, name)
    assert raised.value.status_code == 503 and raised.value.code == "ServiceUnavailable"
    assert raised.value.request_id and "http_5xx" in raised.value.message
    assert eas.describe_service(REGION, name).body.service_name == name  # count 1: consumed


def test_http_429_is_a_throttling_exception_with_retry_after_in_ms(eas, eas_emulator):
    name = unique()
    create(eas, name)
    eas_emulator.add_fault("http_429", f"/api/v2/services/{REGION}/{name}*", count=1, seconds=2)
    with pytest.raises(ThrottlingException) as raised:
        eas.list_service_instances(REGION, name, M.ListServiceInstancesRequest())
    assert raised.value.status_code == 429 and raised.value.code == "Throttling"
    assert raised.value.retry_after == 2000
    eas.list_service_instances(REGION, name, M.ListServiceInstancesRequest())


def test_slow_delays_a_request(eas, eas_emulator):
    rule = eas_emulator.add_fault("slow", "/api/v2/regions", seconds=0.4, count=1)
    started = time.monotonic()
    eas.describe_regions()
    assert time.monotonic() - started >= 0.4
    assert rule["id"] not in {f["id"] for f in eas_emulator.faults()}


def test_a_rate_hits_every_other_request(eas, eas_emulator):
    rule = eas_emulator.add_fault("http_5xx", "/api/v2/groups", rate=0.5)
    try:
        outcomes = []
        for _ in range(4):
            try:
                eas.list_groups(M.ListGroupsRequest())
                outcomes.append("ok")
            except ServerException:
                outcomes.append("503")
        assert outcomes == ["ok", "503", "ok", "503"]
    finally:
        eas_emulator.remove_fault(rule["id"])


def test_deploy_faults_match_service_names_and_are_consumed(eas, eas_emulator):
    prefix = unique("fault")
    eas_emulator.add_fault("deploy_fails", f"{prefix}_*", count=1)
    create(eas, f"{prefix}_a")
    create(eas, f"{prefix}_b")
    time.sleep(0.4)
    statuses = {eas.describe_service(REGION, f"{prefix}_{x}").body.status for x in "ab"}
    assert statuses == {"Failed", "Running"}


@pytest.mark.parametrize("call", [
    lambda eas, name: eas.describe_service_signed_url(REGION, name,
                                                      M.DescribeServiceSignedUrlRequest()),
    lambda eas, name: eas.list_resources(M.ListResourcesRequest()),
    lambda eas, name: eas.list_benchmark_task(M.ListBenchmarkTaskRequest()),
    lambda eas, name: eas.describe_machine_spec(M.DescribeMachineSpecRequest()),
])
def test_operations_not_served_answer_501(eas, call):
    name = unique()
    create(eas, name)
    with pytest.raises(ServerException) as raised:
        call(eas, name)
    assert raised.value.status_code == 501 and raised.value.code == "UnsupportedOperation"
    assert "not implemented by this emulator" in raised.value.message


def test_unknown_paths_and_methods_answer_in_eas_shape(eas_emulator):
    response = send_signed(eas_emulator, "GET", "/api/v2/nothing/here", action="Nothing")
    assert response.status_code == 404 and response.json()["Code"] == "InvalidAction.NotFound"
    response = send_signed(eas_emulator, "POST", service_path("x", "versions"),
                           action="ListServiceVersions")
    assert response.status_code == 405 and response.json()["Code"] == "UnsupportedHTTPMethod"
    response = send_signed(eas_emulator, "PATCH", service_path("x"), action="UpdateService")
    assert response.status_code == 405 and set(response.json()) == {"RequestId", "Code", "Message"}
    response = httpx.get(f"{eas_emulator.endpoint}/api/v2/services/")
    assert response.status_code == 401  # authentication comes first, as on the real gateway


def test_the_request_counter_counts_eas_requests(eas, eas_emulator):
    before = eas_emulator.stats()["by_api"]["eas"]["api_requests"]
    eas.describe_regions()
    eas.list_services(M.ListServicesRequest())
    after = eas_emulator.stats()["by_api"]["eas"]
    assert after["api_requests"] == before + 2 and after["by_method"]["GET"] >= 2


def test_an_error_body_is_always_a_json_object_with_a_request_id(eas):
    with pytest.raises(ClientException) as raised:
        eas.describe_service(REGION, unique())
    assert set(raised.value.data) >= {"RequestId", "Code", "Message"}
