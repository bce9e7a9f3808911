"""Forged, stale and tampered requests: every one is a 401 naming the rule, none gets through.

Each forged request tries to create a service with its own name; after the 401
the test checks that no such service exists, so a forgery that slipped through
would be seen even if it answered with an error.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from huaweicloudsdkmodelarts.v1 import (
    BatchDeleteInferServicesRequest,
    DeleteServicesRequest,
    ListInferServicesRequest,
)

from inference_iac.emulator.modelarts import signing
from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import make_client, sdk_signed

DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def sdk_date(delta: timedelta = timedelta()) -> str:
    return (datetime.now(timezone.utc) + delta).strftime(DATE_FORMAT)


def create_body(name: str) -> bytes:
    return json.dumps({"name": name, "type": "REAL_TIME", "deploy_type": "SINGLE",
                       "group_configs": [], "runtime_config": {
                           "service_invoke": {"port": 8080, "protocol": "HTTP", "auth_type": "NONE"},
                           "service_limit": {"rate_limit": {"num": 1, "unit": "SECONDS"},
                                             "request_size_limit": 1, "request_timeout": 1}}}).encode()


def services_path(emulator, project_id=None) -> str:
    return f"/v2/{project_id or emulator.project_id}/services"


def hand_signed(emulator, method, path, body, headers, signed_names, secret=None, query=""):
    """A request signed by hand with an arbitrary SignedHeaders list (the SDK always signs
    every header); the signature is computed correctly over what is sent."""
    lowered = {k.lower(): v for k, v in headers.items()}
    canonical = signing.canonical_request(method, path, query, lowered, signed_names, body)
    sig = signing.signature(secret or emulator.secret_key, lowered.get("x-sdk-date", ""), canonical)
    auth = (f"SDK-HMAC-SHA256 Access={emulator.access_key}, "
            f"SignedHeaders={';'.join(signed_names)}, Signature={sig}")
    return {**headers, "Authorization": auth}


def host_of(emulator) -> str:
    return emulator.endpoint.removeprefix("http://")


# Each case: (emulator, name) -> (method, url, headers, body sent), and the rule the 401 names.

def stale(delta):
    def make(emu, name):
        body = create_body(name)
        url, headers = sdk_signed(emu, "POST", services_path(emu), body=body,
                                  headers={"X-Sdk-Date": sdk_date(delta)})
        return "POST", url, headers, body
    return make


def bad_date(value):
    def make(emu, name):
        body = create_body(name)
        headers = {"Host": host_of(emu), "Content-Type": "application/json", "X-Sdk-Date": value}
        return "POST", emu.endpoint + services_path(emu), hand_signed(
            emu, "POST", services_path(emu), body, headers, ["content-type", "host", "x-sdk-date"]), body
    return make


def date_removed(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=body)
    return "POST", url, {k: v for k, v in headers.items() if k.lower() != "x-sdk-date"}, body


def unsigned_header(left_out):
    def make(emu, name):
        body = create_body(name)
        headers = {"Host": host_of(emu), "Content-Type": "application/json",
                   "X-Sdk-Date": sdk_date()}
        names = [n for n in ("content-type", "host", "x-sdk-date") if n != left_out]
        return "POST", emu.endpoint + services_path(emu), hand_signed(
            emu, "POST", services_path(emu), body, headers, names), body
    return make


def signed_names(names):
    def make(emu, name):
        body = create_body(name)
        headers = {"Host": host_of(emu), "Content-Type": "application/json",
                   "X-Sdk-Date": sdk_date()}
        return "POST", emu.endpoint + services_path(emu), hand_signed(
            emu, "POST", services_path(emu), body, headers, names), body
    return make


def host_changed(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=body)
    return "POST", url, {**headers, "Host": "modelarts.cn-north-4.myhuaweicloud.com"}, body


def body_changed(emu, name):
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=create_body(name + "x"))
    return "POST", url, headers, create_body(name)


def query_changed(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), query=[("limit", 1)], body=body)
    return "POST", url.replace("limit=1", "limit=2"), headers, body


def query_added(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=body)
    return "POST", url + "?workspace_id=0", headers, body


def path_changed(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu) + "/delete", body=body)
    return "POST", url.replace("/services/delete", "/services"), headers, body


def method_changed(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "PUT", services_path(emu), body=body)
    return "POST", url, headers, body


def wrong_access_key(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=body,
                              access_key="SOMEONEELSESKEY00000")
    return "POST", url, headers, body


def wrong_secret(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=body, secret_key="x" * 40)
    return "POST", url, headers, body


def authorization(value):
    def make(emu, name):
        body = create_body(name)
        url, headers = sdk_signed(emu, "POST", services_path(emu), body=body)
        if value is None:
            return "POST", url, {k: v for k, v in headers.items() if k != "Authorization"}, body
        return "POST", url, {**headers, "Authorization": value(headers["Authorization"])}, body
    return make


def other_projects_path(emu, name):
    body = create_body(name)
    other = services_path(emu, "f" * 32)
    url, headers = sdk_signed(emu, "POST", other, body=body)
    return "POST", emu.endpoint + services_path(emu), headers, body


def duplicate_date(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=body)
    pairs = list(headers.items()) + [("X-Sdk-Date", sdk_date(timedelta(days=-1)))]
    return "POST", url, pairs, body


def unsigned_payload(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=b"{}",
                              headers={"X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"})
    return "POST", url, headers, body


def wrong_payload_hash(emu, name):
    body = create_body(name)
    url, headers = sdk_signed(emu, "POST", services_path(emu), body=b"{}",
                              headers={"X-Sdk-Content-Sha256": "0" * 64})
    return "POST", url, headers, body


CASES = {
    "date 20 min old": (stale(timedelta(minutes=-20)), "20 minutes away from the server clock"),
    "date 1 h old": (stale(timedelta(hours=-1)), "60 minutes away"),
    "date 1 day old": (stale(timedelta(days=-1)), "1440 minutes away"),
    "date 1 day ahead": (stale(timedelta(days=1)), "is ahead of it"),
    "date 16 min ahead": (stale(timedelta(minutes=16)), "at most 15 minutes allowed"),
    "date unparsable": (bad_date("yesterday"), "YYYYMMDDTHHMMSSZ"),
    "date ISO format": (bad_date("2026-11-21T13:11:11Z"), "YYYYMMDDTHHMMSSZ"),
    "date month 13": (bad_date("20261321T131111Z"), "not a valid UTC time"),
    "date missing": (date_removed, "Missing X-Sdk-Date header"),
    "host not signed": (unsigned_header("host"), "must include host"),
    "x-sdk-date not signed": (unsigned_header("x-sdk-date"), "must include x-sdk-date"),
    "signed header absent": (signed_names(["content-type", "host", "x-custom", "x-sdk-date"]),
                             "Signed header 'x-custom' is missing"),
    "signed headers repeated": (signed_names(["host", "host", "x-sdk-date"]), "distinct"),
    "signed headers upper-case": (signed_names(["Host", "x-sdk-date"]), "distinct lower-case"),
    "Host changed after signing": (host_changed, "signature does not match"),
    "body changed": (body_changed, "signature does not match"),
    "query changed": (query_changed, "signature does not match"),
    "query added": (query_added, "signature does not match"),
    "path changed": (path_changed, "signature does not match"),
    "method changed": (method_changed, "signature does not match"),
    "wrong access key": (wrong_access_key, "Unknown access key SOMEONEELSESKEY00000"),
    "wrong secret": (wrong_secret, "signature does not match"),
    "missing Authorization": (authorization(None), "Missing Authorization header"),
    "Authorization: Bearer": (authorization(lambda v: "Bearer abc"), "Malformed Authorization"),
    "Authorization: other algorithm": (authorization(lambda v: v.replace("SDK-HMAC-SHA256", "SDK-HMAC-SM3")),
                                       "Malformed Authorization"),
    "Authorization: truncated signature": (authorization(lambda v: v[:-1]), "Malformed Authorization"),
    "Authorization: upper-case signature": (authorization(lambda v: v[:-64] + v[-64:].upper()),
                                            "Malformed Authorization"),
    "Authorization: no SignedHeaders": (authorization(lambda v: v.replace("SignedHeaders=", "Signed=")),
                                        "Malformed Authorization"),
    "signature of another project's path": (other_projects_path, "signature does not match"),
    "two X-Sdk-Date headers": (duplicate_date, "appears more than once"),
    "unsigned payload": (unsigned_payload, "Unsigned payloads"),
    "payload hash of another body": (wrong_payload_hash, "not the SHA-256 of the body"),
}


def service_exists(emulator, name) -> bool:
    listed = make_client(emulator).list_infer_services(ListInferServicesRequest(name=name))
    return listed.total > 0


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_forged_request_is_refused_naming_the_rule(emulator, case):
    make, rule = CASES[case]
    name = f"forged-{uuid.uuid4().hex[:8]}"
    method, url, headers, body = make(emulator, name)
    response = httpx.request(method, url, headers=headers, content=body)
    assert response.status_code == 401, response.text
    assert response.json()["error_code"] == "ModelArts.0401"
    assert rule in response.json()["error_msg"]
    assert not service_exists(emulator, name)


@pytest.mark.parametrize("delta", [timedelta(minutes=-14), timedelta(minutes=14), timedelta()],
                         ids=["14 min old", "14 min ahead", "now"])
def test_dates_inside_the_window_are_accepted(emulator, delta):
    name = f"fresh-{uuid.uuid4().hex[:8]}"
    body = create_body(name)
    url, headers = sdk_signed(emulator, "POST", services_path(emulator), body=body,
                              headers={"X-Sdk-Date": sdk_date(delta)})
    response = httpx.post(url, headers=headers, content=body)
    assert response.status_code == 200, response.text
    assert service_exists(emulator, name)
    # A replay inside the window is what the signature scheme allows: same answer as a new
    # request (here: the name is taken).
    assert httpx.post(url, headers=headers, content=body).status_code == 400


def test_a_correctly_signed_request_for_another_project_is_403(emulator):
    other = services_path(emulator, "f" * 32)
    url, headers = sdk_signed(emulator, "GET", other)
    assert httpx.get(url, headers=headers).status_code == 403


def test_max_clock_skew_is_configurable(tmp_path):
    with RunningEmulator(tmp_path, max_clock_skew=1) as emu:
        path = services_path(emu)
        url, headers = sdk_signed(emu, "GET", path, headers={"X-Sdk-Date": sdk_date(timedelta(seconds=-30))})
        assert httpx.get(url, headers=headers).status_code == 200
        url, headers = sdk_signed(emu, "GET", path, headers={"X-Sdk-Date": sdk_date(timedelta(minutes=-2))})
        refused = httpx.get(url, headers=headers)
        assert refused.status_code == 401
        assert "at most 1 minute allowed" in refused.json()["error_msg"]


def test_a_captured_request_replayed_after_the_window_is_refused(tmp_path):
    with RunningEmulator(tmp_path, max_clock_skew=0.05) as emu:  # 3 seconds
        name = f"replayed-{uuid.uuid4().hex[:8]}"
        body = create_body(name)
        url, headers = sdk_signed(emu, "POST", services_path(emu), body=body)
        assert httpx.post(url, headers=headers, content=body).status_code == 200
        client = make_client(emu)
        client.batch_delete_infer_services(BatchDeleteInferServicesRequest(
            body=DeleteServicesRequest(service_ids=[
                s.id for s in client.list_infer_services(ListInferServicesRequest(name=name)).data])))
        time.sleep(4.1)
        replayed = httpx.post(url, headers=headers, content=body)
        assert replayed.status_code == 401 and "away from the server clock" in replayed.json()["error_msg"]
        assert not service_exists(emu, name)
