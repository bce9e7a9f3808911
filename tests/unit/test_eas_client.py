"""The PAI-EAS client: its ACS3-HMAC-SHA256 signature equals the official SDK's, errors map onto the
core hierarchy with EAS's Code/Message/RequestId, retries follow the core's rules, wire quirks are decoded."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from types import SimpleNamespace
from urllib.parse import parse_qsl

import httpx
import pytest
from alibabacloud_tea_openapi.utils import Utils

from inference_iac.core.errors import (AuthError, BadRequestError, NotFoundError, ThrottledError, TransientError)
from inference_iac.core.settings import SettingsError
from inference_iac.eas.client import ClientConfig, EasClient, endpoint_for_region
from inference_iac.eas.client import signer
from inference_iac.eas.client.errors import error_from_parts
from inference_iac.eas.settings import EAS, resolve

FIXED_DATE = datetime(2026, 11, 21, 13, 8, 30, tzinfo=timezone.utc)
NONCE = "0123456789abcdef0123456789abcdef"


def sdk_authorization(method, path, query: dict, headers: dict, body: bytes, ak="AK", secret="SK") -> str:
    request = SimpleNamespace(method=method, pathname=path, query=query,
                              headers={k: v for k, v in headers.items() if k != "authorization"})
    return Utils.get_authorization(request, "ACS3-HMAC-SHA256", signer.payload_hash(body), ak, secret)


@pytest.mark.parametrize("method,path,query,body", [
    ("POST", "/api/v2/services", {}, json.dumps({"name": "foo", "metadata": {"instance": 2}}).encode()),
    ("GET", "/api/v2/services", {"GroupName": "grp_demo", "Label": '{"env":"dev"}', "PageSize": "50",
                                 "Filter": "a b~c/d+e"}, b""),
    ("PUT", "/api/v2/services/cn-shanghai/a%20b%2Fc", {"UpdateType": "replace"}, "{\"名\": 1}".encode()),
    ("DELETE", "/api/v2/gateways/cn-shanghai/gw-1/intranet_endpoint_linked_vpc",
     {"VpcId": "vpc-1", "VSwitchId": "vsw-1"}, b""),
])
def test_the_signature_equals_the_official_sdks(method, path, query, body):
    headers = {"host": "pai-eas.cn-shanghai.aliyuncs.com", "x-acs-action": "UpdateService",
               "x-acs-version": "2021-07-01", "user-agent": "inference-iac/test"}
    signed = signer.sign(method, path, list(query.items()), headers, body, "AK", "SK", now=FIXED_DATE, nonce=NONCE)
    assert signed["x-acs-date"] == "2026-11-21T13:08:30Z" and signed["x-acs-signature-nonce"] == NONCE
    assert ("content-type" in signed) == bool(body)
    assert signed["authorization"] == sdk_authorization(method, path, query, signed, body)
    assert signed["authorization"].startswith("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=accept;")


def test_what_the_client_sends_verifies_with_the_sdks_signer():
    sent = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"RequestId": "r-1", "ServiceName": "svc_a", "ServiceConfig": "{}"})

    config = ClientConfig(region="cn-shanghai", access_key_id="AK", access_key_secret="SK",
                          endpoint="http://127.0.0.1:1", retry_backoff_seconds=0)
    with EasClient(config, transport=httpx.MockTransport(answer)) as client:
        client.services.list_all(GroupName="grp a", Filter="x~y")
        client.services.update("svc_a", {"name": "svc_a"}, "replace")
    for request in sent:
        headers = {k: v for k, v in request.headers.items()
                   if k not in ("accept-encoding", "connection", "content-length")}
        query = dict(parse_qsl(request.url.query.decode(), keep_blank_values=True))
        expected = sdk_authorization(request.method, request.url.raw_path.decode().split("?")[0], query, headers,
                                     request.content)
        assert request.headers["authorization"] == expected
        assert request.headers["x-acs-version"] == "2021-07-01" and request.headers["x-acs-action"]
    assert [r.headers["x-acs-action"] for r in sent] == ["ListServices", "UpdateService"]
    assert sent[1].url.params["UpdateType"] == "replace"


# ----- errors -----------------------------------------------------------------------------------

def test_an_eas_error_keeps_its_code_message_and_request_id():
    error = error_from_parts(404, httpx.Headers({}), json.dumps(
        {"RequestId": "r-9", "Code": "InvalidService.NotFound", "Message": "Service [x] not found."}))
    assert isinstance(error, NotFoundError)
    assert (error.code, error.message, error.request_id) == ("InvalidService.NotFound", "Service [x] not found.", "r-9")
    assert "PAI-EAS API error 404 InvalidService.NotFound" in str(error) and "r-9" in str(error)


def test_lower_case_error_keys_are_read_too():
    error = error_from_parts(400, httpx.Headers({}), '{"requestId": "r-2", "code": "InvalidParameter", '
                                                      '"message": "bad", "detail": "metadata.cpu"}')
    assert isinstance(error, BadRequestError)
    assert (error.code, error.request_id) == ("InvalidParameter", "r-2") and "metadata.cpu" in error.message


def test_throttling_takes_the_retry_hint_in_milliseconds():
    error = error_from_parts(429, httpx.Headers({"x-acs-retry-after": "1500"}), '{"Code": "Throttling"}')
    assert isinstance(error, ThrottledError) and error.retry_after == 1.5


@pytest.mark.parametrize("status,cls", [(401, AuthError), (403, AuthError), (500, TransientError),
                                        (503, TransientError)])
def test_statuses_map_onto_the_core_classes(status, cls):
    assert isinstance(error_from_parts(status, httpx.Headers({}), "<html>proxy</html>"), cls)


def test_a_body_that_is_not_json_becomes_the_message():
    error = error_from_parts(502, httpx.Headers({}), "Bad gateway")
    assert error.code == "502" and error.message == "Bad gateway"


# ----- retries ------------------------------------------------------------------------------------

def _client(answers: list[httpx.Response], calls: list[str]) -> EasClient:
    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        return answers.pop(0)

    config = ClientConfig(region="cn-shanghai", access_key_id="AK", access_key_secret="SK",
                          endpoint="http://127.0.0.1:1", retry_backoff_seconds=0)
    return EasClient(config, transport=httpx.MockTransport(answer))


def test_a_read_is_retried_after_server_errors_and_throttling():
    calls: list[str] = []
    ok = httpx.Response(200, json={"RequestId": "r", "ServiceName": "svc_a", "ServiceConfig": "{}"})
    client = _client([httpx.Response(503, json={"Code": "ServiceUnavailable"}),
                      httpx.Response(429, json={"Code": "Throttling"}, headers={"x-acs-retry-after": "1"}), ok],
                     calls)
    assert client.services.get("svc_a")["ServiceName"] == "svc_a"
    assert calls == ["GET", "GET", "GET"]


def test_a_create_is_not_repeated_after_a_server_error():
    calls: list[str] = []
    client = _client([httpx.Response(500, json={"Code": "InternalError"}), httpx.Response(200, json={})], calls)
    with pytest.raises(TransientError):
        client.services.create({"name": "svc_a"})
    assert calls == ["POST"]


def test_a_throttled_create_is_repeated():
    calls: list[str] = []
    client = _client([httpx.Response(429, json={"Code": "Throttling"}), httpx.Response(200, json={"ServiceName": "a"})],
                     calls)
    assert client.services.create({"name": "svc_a"})["ServiceName"] == "a"
    assert calls == ["POST", "POST"]


def test_a_client_error_is_not_retried():
    calls: list[str] = []
    client = _client([httpx.Response(400, json={"Code": "InvalidParameter", "Message": "no"})], calls)
    with pytest.raises(BadRequestError, match="InvalidParameter"):
        client.services.get("svc_a")
    assert calls == ["GET"]


# ----- decoding, config, settings ---------------------------------------------------------------------

def test_wire_quirks_are_decoded():
    calls: list[str] = []
    service = {"ServiceName": "svc_a", "ServiceConfig": '{"name":"svc_a","metadata":{"instance":2}}',
               "Labels": [{"LabelKey": "team", "LabelValue": "ml"}]}
    client = _client([httpx.Response(200, json=service),
                      httpx.Response(200, json={"Ratio": "20", "Target": "svc_b,svc_c"}),
                      httpx.Response(200, json={"MinReplica": 1, "MaxReplica": 3, "Behavior": {},
                                                "ScaleStrategies": [{"metricName": "QPS", "threshold": 5}]}),
                      httpx.Response(404, json={"Code": "InvalidCronScaler.NotFound"})], calls)
    live = client.services.get("svc_a")
    assert live["config"]["metadata"]["instance"] == 2 and live["labels"] == {"team": "ml"}
    assert client.services.mirror("svc_a") == {"ratio": 20, "targets": ["svc_b", "svc_c"]}
    scaler = client.scalers.autoscaler("svc_a")
    assert scaler["min"] == 1 and scaler["scaleStrategies"][0]["metricName"] == "qps"
    assert client.scalers.cronscaler("svc_a") is None


def test_the_endpoint_defaults_to_the_regions_host():
    assert endpoint_for_region("cn-wulanchabu") == "https://pai-eas.cn-wulanchabu.aliyuncs.com"
    config = ClientConfig(region="cn-shanghai", access_key_id="AK", access_key_secret="SK")
    assert config.resolved_endpoint() == "https://pai-eas.cn-shanghai.aliyuncs.com"
    assert ClientConfig(region="cn-shanghai", access_key_id="AK", access_key_secret="SK",
                        endpoint="127.0.0.1:8999").resolved_endpoint() == "https://127.0.0.1:8999"
    assert "SK" not in repr(config)


def test_settings_come_from_stack_config_then_the_environment():
    env = {"ALIBABA_CLOUD_REGION_ID": "cn-beijing", "ALIBABA_CLOUD_ACCESS_KEY_ID": "env-ak",
           "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-sk", "EAS_ENDPOINT": "http://127.0.0.1:1"}
    config = resolve(lambda key: {"eas:region": "cn-shanghai"}.get(key), env)
    assert (config.region, config.access_key_id, config.endpoint) == ("cn-shanghai", "env-ak", "http://127.0.0.1:1")
    assert EAS.config_keys() == ["eas:region", "eas:accessKeyId", "eas:accessKeySecret", "eas:endpoint"]
    with pytest.raises(SettingsError, match=r"eas:accessKeySecret \(or \$ALIBABA_CLOUD_ACCESS_KEY_SECRET\)"):
        resolve(lambda key: None, {"ALIBABA_CLOUD_REGION_ID": "cn-beijing", "ALIBABA_CLOUD_ACCESS_KEY_ID": "a"})
