"""Fault rules: http_429 with Retry-After, and `rate` (a reproducible fraction of matches)."""

from __future__ import annotations

import time

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest, ModelArtsClient

from emulators import faults_cleared, own_emulator
from inference_iac.emulator.core.faults import FaultBook
from inference_iac.emulator.core.store import Store
from modelarts_sdk_helpers import make_client, send_signed


faulty = own_emulator("fault-rules", ready_delay=0.0)


@pytest.fixture
def emu(faulty):
    with faults_cleared(faulty):
        yield faulty


@pytest.fixture
def book(tmp_path):
    store = Store(tmp_path)
    with store.transaction():
        yield FaultBook(store)
    store.close()


def list_status(emu) -> int:
    return send_signed(emu, "GET", f"/v2/{emu.project_id}/services").status_code


def test_http_429_answers_with_retry_after(emu):
    rule = emu.add_fault("http_429", "*/services", count=1, seconds=7)
    assert rule["seconds"] == 7
    response = send_signed(emu, "GET", f"/v2/{emu.project_id}/services")
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    assert response.json()["error_code"] == "ModelArts.4290"
    assert "retry after 7 s" in response.json()["error_msg"]
    assert list_status(emu) == 200 and emu.faults() == []  # count 1: used up


def test_http_429_defaults_to_one_second_and_reaches_the_sdk(emu):
    assert emu.add_fault("http_429", "*/services", count=2)["seconds"] == 1
    assert send_signed(emu, "GET", f"/v2/{emu.project_id}/services").headers["retry-after"] == "1"
    with pytest.raises(ClientRequestException) as raised:  # the SDK does not retry by default
        make_client(emu).list_infer_services(ListInferServicesRequest())
    assert raised.value.status_code == 429


def test_an_sdk_that_retries_429_honours_retry_after(emu):
    emu.add_fault("http_429", "*/services", count=1)
    config = HttpConfig.get_default_config()
    config.retry_times = 2
    credentials = BasicCredentials(emu.access_key, emu.secret_key, emu.project_id)
    client = (ModelArtsClient.new_builder().with_credentials(credentials).with_http_config(config)
              .with_endpoint(emu.endpoint).build())
    started = time.monotonic()
    assert client.list_infer_services(ListInferServicesRequest()).total is not None
    assert time.monotonic() - started >= 0.9 and emu.faults() == []


def test_rate_hits_a_reproducible_fraction_of_requests(emu):
    emu.add_fault("http_5xx", "*/services", rate=0.5)
    assert [list_status(emu) for _ in range(6)] == [200, 503, 200, 503, 200, 503]
    assert emu.faults()[0]["seen"] == 6


def test_rate_and_count_together(emu):
    emu.add_fault("http_429", "*/services", rate=0.25, count=2)
    statuses = [list_status(emu) for _ in range(10)]
    assert statuses == [200, 200, 200, 429, 200, 200, 200, 429, 200, 200]
    assert emu.faults() == []


@pytest.mark.parametrize("rule", [
    {"kind": "http_5xx", "match": "*", "rate": 0},
    {"kind": "http_5xx", "match": "*", "rate": 1.5},
    {"kind": "http_5xx", "match": "*", "rate": "half"},
    {"kind": "http_5xx", "match": "*", "rate": True},
    {"kind": "http_5xx", "match": "*", "seconds": 2},
    {"kind": "http_429", "match": "*", "seconds": 0},
    {"kind": "http_429", "match": "*", "seconds": 1.5},
    {"kind": "deploy_fails", "match": "*", "seconds": 1},
])
def test_invalid_rules_are_400(emu, rule):
    response = httpx.post(f"{emu.endpoint}/-/faults", json=rule)
    assert response.status_code == 400 and emu.faults() == []


def test_rate_applies_to_rollouts(book):
    book.add("deploy_fails", "dep-*", rate=0.5)
    hits = [book.take_deploy_fault(f"dep-{i}") is not None for i in range(6)]
    assert hits == [False, True, False, True, False, True]
    assert book.take_deploy_fault("other") is None  # not matching: not counted
    assert book.rules()[0]["seen"] == 6


@pytest.mark.parametrize("rate", [0.1, 1 / 3, 0.5, 0.7, 1])
def test_rate_hits_exactly_that_fraction_over_time(book, rate):
    book.add("http_5xx", "/x", rate=rate)
    hits = sum(bool(book.take_request_faults("/x")) for _ in range(300))
    assert hits == int(300 * rate + 1e-9)


def test_unhealthy_rate_picks_a_stable_share_of_deployments(book):
    book.add("unhealthy", "web-*", rate=0.5)
    rules = book.unhealthy_rules()
    names = [f"web-{i}" for i in range(400)]
    affected = {name for name in names if FaultBook.is_unhealthy(rules, name)}
    assert 150 < len(affected) < 250
    assert affected == {name for name in names if FaultBook.is_unhealthy(rules, name)}
    assert not FaultBook.is_unhealthy(rules, "api-1")
    book.add("unhealthy", "api-*")
    assert FaultBook.is_unhealthy(book.unhealthy_rules(), "api-1")
