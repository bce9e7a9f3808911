"""The EAS verifier (ACS3-HMAC-SHA256) against the official SDK's signer: what the SDK signs
verifies; tampered, stale, unsigned or replayed requests do not (one test per rule)."""

from __future__ import annotations

import hashlib
import json
import random
import time
from types import SimpleNamespace

from urllib.parse import urlencode

import httpx
import pytest
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.utils import Utils

from eas_sdk_helpers import M, make_client, sdk_signed, send_signed, service_path
from inference_iac.emulator.eas import signing

LIST = "/api/v2/services"


def assert_refused(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"RequestId", "Code", "Message"} and body["RequestId"], body
    assert body["Code"] == code, body
    return body


def stale(minutes: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + minutes * 60))


# ----- the canonicalization, offline ----------------------------------------------------------

@pytest.mark.parametrize("seed", range(25))
def test_what_the_sdk_signer_signs_verifies_offline(seed):
    rng = random.Random(seed)
    alphabet = "aZ09 -_.~/%+&=?#中😀'\""
    word = lambda: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))  # noqa: E731
    segments = ["api", "v2", "services", "cn-shanghai", word() or "x"]
    path = "/" + "/".join(Utils.get_encode_param(s) for s in segments)
    # EAS query keys are alphanumeric (the SDK signs keys unencoded, values encoded).
    query = {f"Key{i}{rng.randint(0, 99)}": word() for i in range(rng.randint(0, 4))}
    body = json.dumps({"name": word()}).encode() if rng.random() < 0.5 else b""
    headers = {"host": "127.0.0.1:8999", "x-acs-date": "2026-11-21T13:08:30Z",
               "x-acs-content-sha256": hashlib.sha256(body).hexdigest(),
               "user-agent": f"  ua {word()} ", "x-acs-signature-nonce": "n" * 32}
    request = SimpleNamespace(method="PUT", pathname=path, query=query, headers=headers)
    authorization = Utils.get_authorization(request, "ACS3-HMAC-SHA256",
                                            headers["x-acs-content-sha256"], "AK", "SK")
    auth = signing.Authorization.parse(authorization)
    assert auth is not None
    assert signing.signature_matches(auth, "SK", "PUT", path, urlencode(query), headers, body)
    assert not signing.signature_matches(auth, "SK2", "PUT", path, urlencode(query), headers, body)


# ----- through the server ---------------------------------------------------------------------

def test_the_sdk_client_is_accepted(eas_emulator):
    response = make_client(eas_emulator).list_services(M.ListServicesRequest(page_size=5))
    assert response.status_code == 200 and response.body.request_id


def test_a_raw_request_signed_by_the_sdk_signer_is_accepted(eas_emulator):
    query = {"Filter": "a b+c", "Label": json.dumps({"env": "dev x"}, separators=(",", ":")),
             "PageSize": 5}
    response = send_signed(eas_emulator, "GET", LIST, query, action="ListServices")
    assert response.status_code == 200, response.text
    assert response.json()["TotalCount"] == 0


def test_a_path_with_encoded_slash_and_space_is_verified_on_the_raw_path(eas_emulator):
    response = send_signed(eas_emulator, "GET", service_path("a b/c"))
    body = assert_refused(response, 404, "InvalidService.NotFound")
    assert "[a b/c]" in body["Message"]


def test_an_unsigned_request_is_refused(eas_emulator):
    response = httpx.get(f"{eas_emulator.endpoint}{LIST}")
    assert_refused(response, 401, "MissingAuthorization")


def test_a_malformed_authorization_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, action="ListServices")
    headers["Authorization"] = headers["Authorization"].replace("Signature=", "Sig=")
    assert_refused(httpx.get(url, headers=headers), 401, "IncompleteSignature")


def test_a_tampered_body_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "POST", LIST, body=b'{"name": "aaa"}',
                              action="CreateService")
    response = httpx.post(url, headers=headers, content=b'{"name": "bbb"}')
    assert_refused(response, 401, "ContentSHA256Mismatch")


def test_a_tampered_body_with_its_hash_recomputed_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "POST", LIST, body=b'{"name": "aaa"}',
                              action="CreateService")
    headers["x-acs-content-sha256"] = hashlib.sha256(b'{"name": "bbb"}').hexdigest()
    response = httpx.post(url, headers=headers, content=b'{"name": "bbb"}')
    assert_refused(response, 401, "SignatureDoesNotMatch")


def test_a_tampered_query_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, {"PageSize": 5}, action="ListServices")
    response = httpx.get(url.replace("PageSize=5", "PageSize=6"), headers=headers)
    assert_refused(response, 401, "SignatureDoesNotMatch")


def test_a_tampered_path_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", service_path("one"))
    response = httpx.get(url.replace("/one", "/two"), headers=headers)
    assert_refused(response, 401, "SignatureDoesNotMatch")


def test_a_tampered_method_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", service_path("one"), action="DeleteService")
    assert_refused(httpx.delete(url, headers=headers), 401, "SignatureDoesNotMatch")


def test_a_wrong_secret_is_refused_through_the_sdk(eas_emulator):
    client = make_client(eas_emulator, secret_key="X" * 40)
    with pytest.raises(ClientException) as raised:
        client.list_services(M.ListServicesRequest())
    assert raised.value.status_code == 401 and raised.value.code == "SignatureDoesNotMatch"
    assert raised.value.request_id


def test_an_unknown_access_key_is_forbidden(eas_emulator):
    client = make_client(eas_emulator, access_key="LTAI5tSOMEONEELSE0000")
    with pytest.raises(ClientException) as raised:
        client.list_services(M.ListServicesRequest())
    assert raised.value.status_code == 403 and raised.value.code == "InvalidAccessKeyId.NotFound"


def test_a_stale_date_is_refused(eas_emulator):
    response = send_signed(eas_emulator, "GET", LIST, action="ListServices", date=stale(-16))
    body = assert_refused(response, 401, "InvalidTimeStamp.Expired")
    assert "behind" in body["Message"] and "15 minute" in body["Message"]


def test_a_date_from_the_future_is_refused(eas_emulator):
    response = send_signed(eas_emulator, "GET", LIST, action="ListServices", date=stale(16))
    assert "ahead of" in assert_refused(response, 401, "InvalidTimeStamp.Expired")["Message"]


def test_a_date_within_the_window_is_accepted(eas_emulator):
    response = send_signed(eas_emulator, "GET", LIST, action="ListServices", date=stale(-14))
    assert response.status_code == 200


def test_a_malformed_date_is_refused(eas_emulator):
    response = send_signed(eas_emulator, "GET", LIST, action="ListServices",
                           date="20261121T130830Z")
    assert_refused(response, 401, "InvalidTimeStamp.Format")


def _unsigned_header(emulator, name: str) -> httpx.Response:
    url, headers = sdk_signed(emulator, "GET", LIST, action="ListServices")
    value = headers[name]
    request = SimpleNamespace(method="GET", pathname=LIST, query={},
                              headers={k: v for k, v in headers.items()
                                       if k not in (name, "Authorization")})
    headers["Authorization"] = Utils.get_authorization(
        request, "ACS3-HMAC-SHA256", headers["x-acs-content-sha256"], emulator.access_key,
        emulator.secret_key)
    headers[name] = value
    return httpx.get(url, headers=headers)


# The host, the date, the body hash and every other x-acs-* header (x-acs-action here).
@pytest.mark.parametrize("header", ["host", "x-acs-date", "x-acs-content-sha256", "x-acs-action"])
def test_a_header_that_must_be_signed_is_refused_unsigned(eas_emulator, header):
    body = assert_refused(_unsigned_header(eas_emulator, header), 401, "IncompleteSignature")
    assert header in body["Message"]


def test_another_host_than_the_signed_one_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, action="ListServices")
    headers["host"] = "pai-eas.cn-shanghai.aliyuncs.com"
    assert_refused(httpx.get(url, headers=headers), 401, "SignatureDoesNotMatch")


def test_a_missing_date_header_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, action="ListServices")
    del headers["x-acs-date"]
    assert_refused(httpx.get(url, headers=headers), 401, "IncompleteSignature")


def test_a_replayed_request_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, action="ListServices")
    assert httpx.get(url, headers=headers).status_code == 200
    body = assert_refused(httpx.get(url, headers=headers), 403, "SignatureNonceUsed")
    assert headers["x-acs-signature-nonce"] in body["Message"]


def test_a_refused_request_does_not_use_up_its_nonce(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, action="ListServices")
    good = dict(headers)
    headers["x-acs-content-sha256"] = "0" * 64
    assert httpx.get(url, headers=headers).status_code == 401
    assert httpx.get(url, headers=good).status_code == 200


def test_the_legacy_roa_signature_is_refused(eas_emulator):
    client = make_client(eas_emulator, signature_algorithm="v2")
    with pytest.raises(ClientException) as raised:
        client.list_services(M.ListServicesRequest())
    assert raised.value.status_code == 401 and raised.value.code == "UnsupportedSignatureVersion"


def test_sts_credentials_are_refused(eas_emulator):
    client = make_client(eas_emulator, security_token="sts-token")
    with pytest.raises(ClientException) as raised:
        client.list_services(M.ListServicesRequest())
    assert raised.value.status_code == 403 and raised.value.code == "InvalidSecurityToken"


def test_a_duplicated_signed_header_is_refused(eas_emulator):
    url, headers = sdk_signed(eas_emulator, "GET", LIST, action="ListServices")
    pairs = list(headers.items()) + [("x-acs-version", "2021-07-01")]
    assert_refused(httpx.get(url, headers=pairs), 401, "IncompleteSignature")


def test_the_action_must_match_the_operation(eas_emulator):
    response = send_signed(eas_emulator, "GET", LIST, action="DeleteService")
    body = assert_refused(response, 400, "InvalidAction.Mismatch")
    assert "ListServices" in body["Message"]


def test_the_api_version_must_be_2021_07_01(eas_emulator):
    response = send_signed(eas_emulator, "GET", LIST, action="ListServices",
                           headers={"x-acs-version": "2019-01-01"})
    assert_refused(response, 400, "InvalidVersion")
