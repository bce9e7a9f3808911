"""The v1 routes are as strict as v2 (same verifier: 401 naming the rule, 403 for another
project), count in /-/stats, show in `ls` and on the status page, and survive a restart."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import sdk_signed
from modelarts_v1_helpers import V1Client, real_time, unique

OTHER_PROJECT = "f" * 32


def sdk_date(delta: timedelta) -> str:
    return (datetime.now(timezone.utc) + delta).strftime("%Y%m%dT%H%M%SZ")


def model_body(name: str) -> bytes:
    return json.dumps({"model_name": name, "model_version": "1.0.0", "model_type": "Image",
                       "source_location": "swr.example.com/org/app:1"}).encode()


def forged(emu, case: str, body: bytes):
    path = f"/v1/{emu.project_id}/models"
    if case == "unsigned":
        return emu.endpoint + path, {"Content-Type": "application/json"}, body
    if case == "stale date":
        url, headers = sdk_signed(emu, "POST", path, body=body,
                                  headers={"X-Sdk-Date": sdk_date(timedelta(minutes=-20))})
        return url, headers, body
    if case == "wrong secret":
        url, headers = sdk_signed(emu, "POST", path, body=body, secret_key="S" * 40)
        return url, headers, body
    if case == "tampered body":
        url, headers = sdk_signed(emu, "POST", path, body=body)
        return url, headers, body.replace(b"1.0.0", b"1.0.1")
    if case == "unsigned payload":
        url, headers = sdk_signed(emu, "POST", path, body=body,
                                  headers={"X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"})
        return url, headers, body
    raise AssertionError(case)


@pytest.mark.parametrize("case, rule", [
    ("unsigned", "Missing Authorization header"),
    ("stale date", "20 minutes away from the server clock"),
    ("wrong secret", "signature does not match"),
    ("tampered body", "signature does not match"),
    ("unsigned payload", "Unsigned payloads"),
])
def test_a_forged_v1_request_is_401_naming_the_rule_and_changes_nothing(v1, emulator, case,
                                                                         rule):
    name = unique("forged")
    url, headers, body = forged(emulator, case, model_body(name))
    response = httpx.post(url, headers=headers, content=body)
    assert response.status_code == 401 and response.headers["x-request-id"]
    assert response.json()["error_code"] == "ModelArts.0401"
    assert rule in response.json()["error_msg"]
    assert v1.ok("GET", "/models", query=[("model_name", name)])["total_count"] == 0


def test_another_project_is_403(v1, emulator):
    url, headers = sdk_signed(emulator, "GET", f"/v1/{OTHER_PROJECT}/services",
                              headers={"X-Project-Id": OTHER_PROJECT})
    response = httpx.get(url, headers=headers)
    assert response.status_code == 403 and response.json()["error_code"] == "ModelArts.0403"
    response = v1.send("GET", "/services", headers={"X-Project-Id": OTHER_PROJECT})
    assert response.status_code == 403 and "X-Project-Id" in response.json()["error_msg"]


def test_v1_requests_count_in_stats(v1, emulator):
    before = emulator.stats()["by_api"]["modelarts"]["by_method"]
    v1.send("GET", "/services")
    v1.send("GET", "/models/unknown")
    v1.send("POST", "/models", {"model_name": "bad name"})
    after = emulator.stats()["by_api"]["modelarts"]["by_method"]
    assert after.get("GET", 0) - before.get("GET", 0) == 2
    assert after.get("POST", 0) - before.get("POST", 0) == 1


def test_status_page_and_ls_show_v1_services_and_models(v1, emulator):
    model_id = v1.create_model("overview-model", "2.1.0")
    service_id = v1.create_service([real_time(model_id, count=2)], name="overview-svc")
    v1.wait_status(service_id, "running")
    page = httpx.get(f"{emulator.endpoint}/?format=text").text
    assert f"v1 service overview-svc  running  real-time  [{service_id}]" in page
    assert "model overview-model  running  version 2.1.0  weight 100, 2 instances" in page
    assert "v1 model overview-model  published  version 2.1.0" in page
    listed = subprocess.run([sys.executable, "-m", "inference_iac.emulator", "ls",
                             "--data-dir", str(emulator.data_dir)],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "v1 service overview-svc" in listed.stdout and "v1 model overview-model" in listed.stdout


def test_v1_state_survives_a_restart(tmp_path):
    with RunningEmulator(tmp_path / "data", ready_delay=0.5, stop_delay=0.5) as emu:
        v1 = V1Client(emu)
        model_id = v1.create_model("durable", "1.0.0", wait=False)
        assert v1.ok("GET", f"/models/{model_id}")["model_status"] == "publishing"
        emu.restart()
        v1 = V1Client(emu)
        v1.wait_model(model_id, "published")  # the due time was persisted
        other = v1.create_service([real_time(model_id)], name="durable-stop")
        v1.wait_status(other, "running")
        v1.ok("PUT", f"/services/{other}", {"status": "stopped"})
        service_id = v1.create_service([real_time(model_id, weight="100")], name="durable-svc",
                                       schedule=[{"type": "stop", "time_unit": "DAYS",
                                                  "duration": 1}])
        assert v1.show(service_id)["status"] == "deploying"
        assert v1.show(other)["status"] == "stopping"
        emu.restart()
        v1 = V1Client(emu)
        running = v1.wait_status(service_id, "running")
        assert running["config"][0]["weight"] == 100
        assert running["due_time"] - running["transition_at"] == 24 * 3600 * 1000
        assert v1.wait_status(other, "stopped")["service_name"] == "durable-stop"
        events = v1.events(other)
        assert events[-2:] == ["The service is being stopped.", "The service has been stopped."]
    assert (Path(tmp_path) / "data" / "emulator.sqlite3").exists()
