"""The client's signer must produce exactly what huaweicloudsdkcore produces."""

import json

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from inference_iac.modelarts.client import signer

AK = "FIXEDACCESSKEY000000"
SK = "FIXEDSECRETKEY00000000000000000000000000"
DATE = "20261121T131111Z"
HOST = "127.0.0.1:8999"


def sdk_authorization(method, path, query, body):
    headers = {
        "Content-Type": "application/json;charset=utf-8",
        "X-Project-Id": "0123456789abcdef0123456789abcdef",
        "User-Agent": "huaweicloud-usdk-python/3.0",
        "X-Sdk-Date": DATE,
    }
    request = SdkRequest(
        method=method, schema="http", host=HOST, resource_path=path,
        query_params=[(k, v) for k, v in query], header_params=headers, body=body,
    )
    Signer(BasicCredentials(AK, SK)).sign(request)
    return request.header_params["Authorization"]


def ours(method, path, query, body):
    headers = {
        "Content-Type": "application/json;charset=utf-8",
        "X-Project-Id": "0123456789abcdef0123456789abcdef",
        "User-Agent": "huaweicloud-usdk-python/3.0",
        "X-Sdk-Date": DATE,
        "Host": HOST,
    }
    return signer.sign(method, path, query, headers, body, AK, SK)["Authorization"]


CASES = [
    ("GET", "/v2/pid/services", [], b""),
    ("GET", "/v2/pid/services", [("limit", "10"), ("offset", "0"), ("tags", "team|ml")], b""),
    ("GET", "/v2/pid/services/s1/deployments/d/instances/all/pods", [("status", "RUNNING"), ("status", "FAILED")], b""),
    ("POST", "/v2/pid/services", [], json.dumps({"name": "svc", "type": "REAL_TIME"}).encode()),
    ("PUT", "/v2/pid/services/a%20b/deployments/x", [], b'{"count": 2}'),
]


@pytest.mark.parametrize("method,path,query,body", CASES)
def test_authorization_header_matches_official_sdk(method, path, query, body):
    assert ours(method, path, query, body) == sdk_authorization(method, path, list(query), body)


def test_verify_accepts_own_signature_and_rejects_tampering():
    headers = {"Host": HOST, "Content-Type": "application/json", "X-Sdk-Date": DATE}
    signed = signer.sign("POST", "/v2/p/services", [], headers, b'{"a":1}', AK, SK)
    auth = signer.Authorization.parse(signed["Authorization"])
    assert signer.verify(auth, SK, "POST", "/v2/p/services", [], signed, b'{"a":1}')
    assert not signer.verify(auth, SK, "POST", "/v2/p/services", [], signed, b'{"a":2}')
    assert not signer.verify(auth, "wrong", "POST", "/v2/p/services", [], signed, b'{"a":1}')


def test_parse_rejects_garbage():
    assert signer.Authorization.parse("Bearer abc") is None
