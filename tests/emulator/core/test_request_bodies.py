"""Malformed and oversized request bodies: 400 / 413, never a 500, nothing stored."""

from __future__ import annotations

import json
import re
import socket
import uuid

import httpx
import pytest
from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

from emulators import own_emulator
from inference_iac.emulator.core import body as body_parsing
from inference_iac.emulator.core.errors import ApiError
from modelarts_sdk_helpers import make_client, sdk_signed

SMALL_LIMIT = 4096


def service_json(name: str, extra: str = "") -> str:
    """A valid create-service body with `extra` spliced into its runtime_config."""
    return ('{"name": "%s", "type": "REAL_TIME", "deploy_type": "SINGLE", "group_configs": [], '
            '"runtime_config": {"service_invoke": {"port": 8080, "protocol": "HTTP", '
            '"auth_type": "NONE"%s}, "service_limit": {"rate_limit": {"num": 1, "unit": "SECONDS"}, '
            '"request_size_limit": 1, "request_timeout": 1}}}') % (name, extra)


def post_signed(emulator, path: str, body: bytes) -> httpx.Response:
    url, headers = sdk_signed(emulator, "POST", path, body=body)
    return httpx.post(url, headers=headers, content=body)


def exists(emulator, name: str) -> bool:
    return make_client(emulator).list_infer_services(ListInferServicesRequest(name=name)).total > 0


VALUES = {
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-Infinity": "-Infinity",
    "1e999 (overflows to inf)": "1e999",
    "-1e999": "-1e999",
    "integer beyond 64 bits": "1" + "0" * 30,
    "integer of 5000 digits": "9" * 5000,
    "lone high surrogate": '"\\ud800"',
    "lone low surrogate": '"x\\udfffy"',
    "nested 65 deep": "[" * 65 + "]" * 65,
    "nested 100000 deep": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("case", list(VALUES), ids=list(VALUES))
def test_unacceptable_json_values_are_400_and_nothing_is_stored(emulator, case):
    name = f"body-{uuid.uuid4().hex[:8]}"
    body = service_json(name, f', "extra": {VALUES[case]}').encode()
    response = post_signed(emulator, f"/v2/{emulator.project_id}/services", body)
    assert response.status_code == 400, response.text
    assert response.json()["error_code"] == "ModelArts.4000"
    assert not exists(emulator, name)


def test_a_surrogate_in_a_key_and_invalid_utf8_are_400(emulator):
    path = f"/v2/{emulator.project_id}/services"
    name = f"body-{uuid.uuid4().hex[:8]}"
    assert post_signed(emulator, path, service_json(name, ', "\\ud83d": 1').encode()).status_code == 400
    assert post_signed(emulator, path, service_json(name).encode() + b"\xff").status_code == 400
    assert post_signed(emulator, path, b'{"name": "\xc3\x28"}').status_code == 400
    assert not exists(emulator, name)


def test_the_same_body_without_the_bad_value_is_accepted(emulator):
    """Control: the bodies above fail only because of the value spliced in."""
    name = f"body-{uuid.uuid4().hex[:8]}"
    nested = "[" * 60 + "]" * 60
    body = service_json(name, f', "extra": {nested}, "big": {2**63 - 1}, "u": "\\ud83d\\ude00"')
    response = post_signed(emulator, f"/v2/{emulator.project_id}/services", body.encode())
    assert response.status_code == 200, response.text
    assert exists(emulator, name)


def test_the_fault_plane_parses_bodies_the_same_way(emulator):
    response = httpx.post(f"{emulator.endpoint}/-/faults",
                          content=b'{"kind": "slow", "match": "*", "seconds": NaN}')
    assert response.status_code == 400 and emulator.faults() == []


@pytest.mark.parametrize("text,fails", [
    ("{}", False), ('{"a": [1, 2.5, "x", null, true]}', False), ("", False), ("  ", False),
    ("NaN", True), ("[Infinity]", True), ('{"a": -Infinity}', True), ("1e400", True),
    ('"\\udc00"', True), ("[" * 2000 + "]" * 2000, True), ("9" * 20, True), ("-9" * 10, True),
    ("{", True), ('{"a": 1,}', True),
])
def test_parse_json(text, fails):
    if fails:
        with pytest.raises(ApiError) as raised:
            body_parsing.parse_json(text.encode())
        assert raised.value.status == 400
    else:
        body_parsing.parse_json(text.encode())


# ----- size limit ---------------------------------------------------------------------------


small = own_emulator("small", extra_args=["--max-body-bytes", str(SMALL_LIMIT)])


def raw_exchange(emulator, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """Send a hand-made HTTP/1.1 request on a socket; (status, response bytes)."""
    host, port = emulator.endpoint.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.encode() + b"\r\n" + body)
        data = b""
        while not _complete(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def _complete(data: bytes) -> bool:
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        return False
    length = re.search(rb"(?i)content-length: *(\d+)", head)
    return length is None or len(body) >= int(length.group(1))


def test_a_declared_oversized_body_is_413_before_it_is_sent(small):
    # Only the headers go out: the answer comes without the server waiting for the body.
    status, data = raw_exchange(small, (
        f"POST /v2/{small.project_id}/services HTTP/1.1\r\nHost: x\r\n"
        f"Content-Type: application/json\r\nContent-Length: {50 * 1024 * 1024}\r\n"))
    assert status == 413 and b"ModelArts.4130" in data and b"x-request-id" in data.lower()


def test_a_streamed_oversized_body_is_413(small):
    chunk = b"x" * 1000
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(8)) + b"0\r\n\r\n"
    status, data = raw_exchange(small, (
        f"POST /v2/{small.project_id}/services HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"), body)
    assert status == 413 and b"--max-body-bytes" in data


def test_a_body_within_the_limit_is_read(small):
    name = f"body-{uuid.uuid4().hex[:8]}"
    response = post_signed(small, f"/v2/{small.project_id}/services", service_json(name).encode())
    assert response.status_code == 200 and exists(small, name)
    padded = json.dumps({"name": "x" * SMALL_LIMIT}).encode()
    assert post_signed(small, f"/v2/{small.project_id}/services", padded).status_code == 413


def test_the_default_limit_is_one_mebibyte(emulator):
    status, _ = raw_exchange(emulator, (
        f"POST /v2/{emulator.project_id}/services HTTP/1.1\r\nHost: x\r\n"
        f"Content-Length: {1024 * 1024 + 1}\r\n"))
    assert status == 413
    name = f"body-{uuid.uuid4().hex[:8]}"
    body = service_json(name, f', "pad": "{"x" * (1024 * 1024 - 2000)}"').encode()
    assert len(body) < 1024 * 1024
    assert post_signed(emulator, f"/v2/{emulator.project_id}/services", body).status_code == 200
