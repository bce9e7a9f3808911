"""Helpers for the v1 API tests (services and models under /v1/{project_id}).

The official SDK (huaweicloudsdkmodelarts 3.1.219) has no v1 service or model
operations, so requests are signed with the SDK's own signer
(huaweicloudsdkcore, via `modelarts_sdk_helpers.sdk_signed`) and sent with httpx.
"""

from __future__ import annotations

import json
import time
from functools import partial
from pathlib import Path

import httpx

from inference_iac.emulator.core.store import Store
from inference_iac.emulator.modelarts.state import v1_model as model_state
from inference_iac.emulator.modelarts.state.v1_model import V1Model
from modelarts_sdk_helpers import sdk_signed
from modelarts_sdk_helpers import unique_name as unique
from modelarts_sdk_helpers import wait_for as wait_every

# v1 timers are short here (a platform minute can last 0.05 s): poll often enough to see
# statuses that last a moment.
wait_for = partial(wait_every, interval=0.05)

CPU = "modelarts.vm.cpu.2u"
POOL = "pool-dedicated-0001"


class V1Client:
    """Signed calls to the v1 API of one emulator."""

    def __init__(self, emulator, http: httpx.Client | None = None):
        self.emu = emulator
        self.http = http or httpx.Client(timeout=10.0)

    def path(self, path: str) -> str:
        return f"/v1/{self.emu.project_id}{path}"

    def send(self, method: str, path: str, body=None, query=(), raw: bytes | None = None,
             **sign_options) -> httpx.Response:
        """`body` is JSON-encoded; `raw` is sent byte for byte (the documented examples)."""
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        url, headers = sdk_signed(self.emu, method, self.path(path), list(query), data,
                                  **sign_options)
        return self.http.request(method, url, headers=headers, content=data)

    def ok(self, method: str, path: str, body=None, query=(), raw: bytes | None = None) -> dict:
        response = self.send(method, path, body, query, raw)
        assert response.status_code == 200, (response.status_code, response.text)
        return response.json()

    # ----- models -----------------------------------------------------------------------

    def create_model(self, name: str | None = None, version: str = "1.0.0",
                     install_type: list[str] | None = None, wait: bool = True, **extra) -> str:
        body = {"model_name": name or unique("model"), "model_version": version,
                "model_type": "Image", "source_location": "swr.example.com/org/app:1", **extra}
        if install_type is not None:
            body["install_type"] = install_type
        model_id = self.ok("POST", "/models", body)["model_id"]
        if wait:
            self.wait_model(model_id, "published")
        return model_id

    def wait_model(self, model_id: str, status: str, timeout: float = 10.0) -> dict:
        return wait_for(lambda: _if(self.ok("GET", f"/models/{model_id}"),
                                    lambda m: m["model_status"] == status), timeout)

    # ----- services ---------------------------------------------------------------------

    def create_service(self, config: list[dict], name: str | None = None,
                       infer_type: str = "real-time", **extra) -> str:
        body = {"service_name": name or unique("svc"), "infer_type": infer_type,
                "config": config, **extra}
        return self.ok("POST", "/services", body)["service_id"]

    def show(self, service_id: str) -> dict:
        return self.ok("GET", f"/services/{service_id}")

    def wait_status(self, service_id: str, status: str, timeout: float = 10.0) -> dict:
        return wait_for(lambda: _if(self.show(service_id), lambda s: s["status"] == status),
                        timeout)

    def events(self, service_id: str) -> list[str]:
        body = self.ok("GET", f"/services/{service_id}/events", query=[("order", "asc")])
        return [event["event_info"] for event in body["events"]]

    def clean(self, models: bool = True) -> None:
        """Delete every v1 service, then (unless told not to) every v1 model of the project."""
        services = self.ok("GET", "/services")["services"]
        if services:
            self.ok("DELETE", "/services/" + ",".join(s["service_id"] for s in services))
        for model in self.ok("GET", "/models")["models"] if models else []:
            self.send("DELETE", f"/models/{model['model_id']}")


def real_time(model_id: str, weight=100, count: int = 1, **extra) -> dict:
    return {"model_id": model_id, "weight": weight, "specification": CPU,
            "instance_count": count, **extra}


def batch(model_id: str, **extra) -> dict:
    return {"model_id": model_id, "specification": CPU, "instance_count": 1,
            "src_path": "https://infers-data.obs.example.com/in/",
            "dest_path": "https://infers-data.obs.example.com/out/", "req_uri": "/",
            "mapping_type": "file", **extra}


def edge(model_id: str, **extra) -> dict:
    return {"model_id": model_id, "specification": CPU, "instance_count": 1,
            "nodes": ["node-1"], **extra}


def error_of(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    assert set(body) == {"error_code", "error_msg"}, body
    assert response.headers.get("x-request-id")
    return response.status_code, body["error_code"], body["error_msg"]


def _if(value, condition):
    return value if condition(value) else None


def seed_models(data_dir: Path, project_id: str, models: list[dict]) -> None:
    """Write published v1 models with given ids into a data dir before an emulator serves it
    (the documented examples name fixed model ids; the API always draws new ones)."""
    store = Store(data_dir)
    try:
        with store.transaction():
            for spec in models:
                model = V1Model.create(spec["name"], spec["version"], "Image",
                                       {"source_location": "swr.example.com/org/app:1",
                                        "install_type": spec["install_type"],
                                        "source_copy": "true", "workspace_id": "0"},
                                       time.time(), 0.0, model_id=spec["id"])
                model.advance(time.time() + 1)
                store.put(model_state.KIND, project_id, model.model_id, model.to_doc())
    finally:
        store.close()
