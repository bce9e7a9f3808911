"""Helpers for the EAS emulator tests: the official SDK client, requests signed by the SDK's
own signer, service JSON builders and waits."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import httpx
import pytest
from alibabacloud_eas20210701 import models as eas_models
from alibabacloud_eas20210701.client import Client
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.utils import Utils

REGION = "cn-shanghai"
API_VERSION = "2021-07-01"
M = eas_models


def make_client(emulator, secret_key: str | None = None, access_key: str | None = None,
                region_id: str = REGION, **config) -> Client:
    """The official SDK client, unchanged, pointed at the emulator (endpoint host:port, http)."""
    return Client(open_api_models.Config(
        access_key_id=access_key or emulator.access_key,
        access_key_secret=secret_key or emulator.secret_key,
        endpoint=f"{emulator.host}:{emulator.port}", protocol="http", region_id=region_id,
        **config))


def refused(call, status: int = 400, code: str | None = None) -> ClientException:
    """The SDK's error for a refused `call`: with this status (and code), and a request id."""
    with pytest.raises(ClientException) as raised:
        call()
    assert raised.value.status_code == status, raised.value.message
    if code:
        assert raised.value.code == code, raised.value.message
    assert raised.value.request_id
    return raised.value


def service_json(name: str, instance: int = 1, image: str = "registry.example/echo:v1",
                 **extra) -> dict:
    """A minimal valid custom-image service on public resources."""
    metadata = {"instance": instance, "cpu": 1, "memory": 1000}
    metadata.update(extra.pop("metadata", {}))
    body = {"name": name, "metadata": metadata,
            "containers": [{"image": image, "script": "python app.py", "port": 8000}]}
    body.update(extra)
    return body


def create(client: Client, name: str, labels: dict | None = None, **kwargs):
    request = M.CreateServiceRequest(body=json.dumps(service_json(name, **kwargs)), labels=labels)
    return client.create_service(request).body


def update(client: Client, name: str, patch: dict, update_type: str | None = None):
    request = M.UpdateServiceRequest(body=json.dumps(patch), update_type=update_type)
    return client.update_service(REGION, name, request).body


def describe(client: Client, name: str):
    return client.describe_service(REGION, name).body


def wait_for(client: Client, name: str, predicate, timeout: float = 10.0, what: str = ""):
    """Poll DescribeService until predicate(service) holds; return the service."""
    deadline = time.monotonic() + timeout
    while True:
        service = describe(client, name)
        if predicate(service):
            return service
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: {what or 'condition'} not reached; last status "
                                 f"{service.status}, {service.running_instance}/"
                                 f"{service.total_instance} ready")
        time.sleep(0.05)


def wait_status(client: Client, name: str, status: str, timeout: float = 10.0):
    return wait_for(client, name, lambda s: s.status == status, timeout, f"status {status}")


def instances(client: Client, name: str, **filters) -> list:
    request = M.ListServiceInstancesRequest(**filters)
    return client.list_service_instances(REGION, name, request).body.instances or []


def events(client: Client, name: str, **filters) -> list:
    request = M.DescribeServiceEventRequest(**filters)
    return client.describe_service_event(REGION, name, request).body.events or []


def unique(prefix: str = "svc") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


# ----- raw requests signed by the SDK's own signer ----------------------------------------------

def sdk_signed(emulator, method: str, path: str, query=None, body: bytes = b"",
               action: str = "DescribeService", headers: dict | None = None,
               secret_key: str | None = None, access_key: str | None = None,
               date: str | None = None, nonce: str | None = None) -> tuple[str, dict]:
    """(url, headers) of a request signed exactly as the SDK signs (`Utils.get_authorization`).

    `path` is the pathname as sent (already percent-encoded); `query` a mapping or a list of
    pairs, sent with urlencode (spaces as '+') as the SDK does.
    """
    pairs = list(query.items()) if isinstance(query, dict) else list(query or [])
    signed_headers = {
        "host": f"{emulator.host}:{emulator.port}",
        "x-acs-version": API_VERSION,
        "x-acs-action": action,
        "user-agent": "AlibabaCloud (Linux; x86_64) Python/3.11 Core/0.4.6 TeaDSL/2",
        "x-acs-date": date or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "x-acs-signature-nonce": nonce or uuid.uuid4().hex,
        "accept": "application/json",
    }
    if body:
        signed_headers["content-type"] = "application/json; charset=utf-8"
    signed_headers["x-acs-content-sha256"] = hashlib.sha256(body).hexdigest()
    signed_headers["x-acs-credentials-provider"] = "static_ak"
    signed_headers.update(headers or {})
    request = SimpleNamespace(method=method, pathname=path,
                              query={k: str(v) for k, v in pairs}, headers=signed_headers)
    signed_headers["Authorization"] = Utils.get_authorization(
        request, "ACS3-HMAC-SHA256", signed_headers["x-acs-content-sha256"],
        access_key or emulator.access_key, secret_key or emulator.secret_key)
    url = f"{emulator.endpoint}{path}"
    if pairs:
        url += "?" + urlencode([(k, str(v)) for k, v in pairs])
    return url, signed_headers


def send_signed(emulator, method: str, path: str, query=None, body: bytes = b"",
                action: str = "DescribeService", **kwargs) -> httpx.Response:
    url, headers = sdk_signed(emulator, method, path, query, body, action, **kwargs)
    return httpx.request(method, url, headers=headers, content=body, timeout=10.0)


def service_path(name: str, sub: str = "", region: str = REGION) -> str:
    path = f"/api/v2/services/{quote(region, safe='~')}/{quote(name, safe='~')}"
    return path + (f"/{sub}" if sub else "")
