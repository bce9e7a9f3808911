"""The emulator's own SDK-HMAC-SHA256 verifier against the official SDK's signer.

Requests are signed by `huaweicloudsdkcore.signer.Signer` exactly as the SDK
sends them; the verifier must accept them as received and refuse any change.
"""

from __future__ import annotations

import json

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from inference_iac.emulator.modelarts import signing

AK = "FIXEDACCESSKEY000000"
SK = "FIXEDSECRETKEY00000000000000000000000000"
DATE = "20261121T131111Z"
HOST = "127.0.0.1:8999"
PID = "0123456789abcdef0123456789abcdef"


def sdk_sign(method, path, query, body, extra_headers=None):
    """What the SDK puts on the wire: (raw path, raw query string, lower-cased headers, body)."""
    headers = {"Content-Type": "application/json;charset=utf-8", "X-Project-Id": PID,
               "User-Agent": "huaweicloud-usdk-python/3.0", "X-Sdk-Date": DATE,
               **(extra_headers or {})}
    request = SdkRequest(method=method, schema="http", host=HOST, resource_path=path,
                         query_params=list(query), header_params=headers, body=body)
    Signer(BasicCredentials(AK, SK)).sign(request)
    raw_path, _, query_string = request.uri.partition("?")
    received = {name.lower(): value for name, value in request.header_params.items()}
    return raw_path, query_string, received, body


def accepted(method, raw_path, query_string, headers, body, secret=SK):
    auth = signing.Authorization.parse(headers["authorization"])
    return auth is not None and signing.signature_matches(
        auth, secret, method, raw_path, query_string, headers, body)


CASES = [
    ("GET", f"/v2/{PID}/services", [], b""),
    ("GET", f"/v2/{PID}/services", [("limit", 10), ("offset", 0), ("tags", "team|ml")], b""),
    ("GET", f"/v2/{PID}/services/s1/deployments/d/instances/all/pods",
     [("status", ["RUNNING", "FAILED"])], b""),
    ("GET", f"/v2/{PID}/services", [("name", "a b+c/d~e"), ("with_user_scope", True)], b""),
    ("POST", f"/v2/{PID}/services", [], json.dumps({"name": "svc", "type": "REAL_TIME"}).encode()),
    ("PUT", f"/v2/{PID}/services/a%20b/deployments/x", [], b'{"count": 2}'),
    ("PUT", f"/v2/{PID}/services/a%2Fb/deployments/%E4%B8%AD", [], b'{"name": "\\u4e2d"}'),
    ("DELETE", f"/v2/{PID}/modelarts-service-v2/s1/tags/delete", [],
     b'{"tags": [{"key": "k"}]}'),
]


@pytest.mark.parametrize("method,path,query,body", CASES)
def test_requests_signed_by_the_official_sdk_verify(method, path, query, body):
    assert accepted(method, *sdk_sign(method, path, query, body))


@pytest.mark.parametrize("method,path,query,body", CASES)
def test_any_change_after_signing_is_refused(method, path, query, body):
    raw_path, query_string, headers, body = sdk_sign(method, path, query, body)
    other_method = "POST" if method != "POST" else "PUT"
    assert not accepted(other_method, raw_path, query_string, headers, body)
    assert not accepted(method, raw_path + "x", query_string, headers, body)
    assert not accepted(method, raw_path.replace(PID, "f" * 32), query_string, headers, body)
    assert not accepted(method, raw_path, query_string + "&extra=1", headers, body)
    assert not accepted(method, raw_path, query_string, headers, body + b" ")
    assert not accepted(method, raw_path, query_string, {**headers, "host": "evil:80"}, body)
    assert not accepted(method, raw_path, query_string,
                        {**headers, "x-sdk-date": "20261121T131112Z"}, body)
    assert not accepted(method, raw_path, query_string,
                        {**headers, "x-project-id": "f" * 32}, body)
    assert not accepted(method, raw_path, query_string, headers, body, secret=SK[:-1] + "1")


def test_canonical_request_matches_the_sdk_rules():
    canonical = signing.canonical_request(
        "get", "/v2/p/services/a%20b", "b=2&a=1&a=0", {"host": HOST, "x-sdk-date": DATE},
        ["host", "x-sdk-date"], b"")
    assert canonical.split("\n") == [
        "GET", "/v2/p/services/a%20b/", "a=0&a=1&b=2", f"host:{HOST}", f"x-sdk-date:{DATE}", "",
        "host;x-sdk-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]  # SHA-256 of b""


@pytest.mark.parametrize("header", [
    "Bearer abc",
    "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=XYZ",
    "SDK-HMAC-SHA256 Access=AK SignedHeaders=host Signature=abc",
    "",
])
def test_malformed_authorization_headers_do_not_parse(header):
    assert signing.Authorization.parse(header) is None
