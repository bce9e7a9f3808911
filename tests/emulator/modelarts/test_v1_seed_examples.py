"""Every example request of the v1 seed documents, sent verbatim (string weights included).

Seed 000 (Deploying Services, POST /v1/{project_id}/services) has seven example
bodies, seed 001 (Updating Service Configurations, PUT .../services/{service_id})
one. The examples name fixed model ids, so the data dir is seeded with published
models of exactly those ids before the emulator starts (the API itself always
draws new ids); the bodies are then sent byte for byte as documented.
"""

from __future__ import annotations

import json
import re

import pytest

from inference_iac.emulator.testing import RunningEmulator
from modelarts_v1_helpers import V1Client, error_of, real_time, seed_models

ALL_TYPES = ["real-time", "batch", "edge"]
SEEDED = [
    {"id": "0e07b41b-173e-42db-8c16-8e1b44cc0d44", "name": "mnist", "version": "1.0.0",
     "install_type": ALL_TYPES},
    {"id": "xxxmodel-idxxx", "name": "mxnet-model", "version": "1.0.0", "install_type": ALL_TYPES},
    {"id": "xxxxxx", "name": "mxnet-model", "version": "1.0.1", "install_type": ALL_TYPES},
    {"id": "eb6a4a8c-5713-4a27-b8ed-c7e694499af5", "name": "custom-model", "version": "0.0.1",
     "install_type": ALL_TYPES},
    {"id": "598b913a-af3e-41ba-a1b5-bf065320f1e2", "name": "xgboost", "version": "0.0.1",
     "install_type": ["batch"]},
]

# ----- the examples, verbatim ----------------------------------------------------------------

REAL_TIME = """\
{
  "infer_type" : "real-time",
  "service_name" : "mnist",
  "description" : "mnist service",
  "config" : [ {
    "specification" : "modelarts.vm.cpu.2u",
    "weight" : 100,
    "model_id" : "0e07b41b-173e-42db-8c16-8e1b44cc0d44",
    "instance_count" : 1
  } ]
}"""

MULTI_VERSION = """\
{
  "service_name" : "mnist",
  "description" : "mnist service",
  "infer_type" : "real-time",
  "config" : [ {
    "model_id" : "xxxmodel-idxxx",
    "weight" : "70",
    "specification" : "modelarts.vm.cpu.2u",
    "instance_count" : 1,
    "envs" : {
      "model_name" : "mxnet-model-1",
      "load_epoch" : "0"
    }
  }, {
    "model_id" : "xxxxxx",
    "weight" : "30",
    "specification" : "modelarts.vm.cpu.2u",
    "instance_count" : 1
  } ]
}"""

CUSTOM_DEDICATED = """\
{
  "service_name" : "realtime-demo",
  "description" : "",
  "infer_type" : "real-time",
  "cluster_id" : "8abf68a969c3cb3a0169c4acb24b0000",
  "config" : [ {
    "model_id" : "eb6a4a8c-5713-4a27-b8ed-c7e694499af5",
    "weight" : "100",
    "cluster_id" : "8abf68a969c3cb3a0169c4acb24b0000",
    "specification" : "custom",
    "custom_spec" : {
      "cpu" : 1.5,
      "memory" : 7500
    },
    "instance_count" : 1
  } ]
}"""

AUTO_STOP = """\
{
  "service_name" : "service-demo",
  "description" : "demo",
  "infer_type" : "real-time",
  "config" : [ {
    "model_id" : "xxxmodel-idxxx",
    "weight" : "100",
    "specification" : "modelarts.vm.cpu.2u",
    "instance_count" : 1
  } ],
  "schedule" : [ {
    "type" : "stop",
    "time_unit" : "HOURS",
    "duration" : 1
  } ]
}"""

BATCH_FILE = """\
{
  "service_name" : "batchservicetest",
  "description" : "",
  "infer_type" : "batch",
  "cluster_id" : "8abf68a969c3cb3a0169c4acb24b****",
  "config" : [ {
    "model_id" : "598b913a-af3e-41ba-a1b5-bf065320f1e2",
    "specification" : "modelarts.vm.cpu.2u",
    "instance_count" : 1,
    "src_path" : "https://infers-data.obs.xxxxx.com/xgboosterdata/",
    "dest_path" : "https://infers-data.obs.xxxxx.com/output/",
    "req_uri" : "/",
    "mapping_type" : "file"
  } ]
}"""

BATCH_CSV = """\
{
  "service_name" : "batchservicetest",
  "description" : "",
  "infer_type" : "batch",
  "config" : [ {
    "model_id" : "598b913a-af3e-41ba-a1b5-bf065320f1e2",
    "specification" : "modelarts.vm.cpu.2u",
    "instance_count" : 1,
    "src_path" : "https://infers-data.obs.xxxxx.com/xgboosterdata/",
    "dest_path" : "https://infers-data.obs.xxxxx.com/output/",
    "req_uri" : "/",
    "mapping_type" : "csv",
    "mapping_rule" : {
      "type" : "object",
      "properties" : {
        "data" : {
          "type" : "object",
          "properties" : {
            "req_data" : {
              "type" : "array",
              "items" : [ {
                "type" : "object",
                "properties" : {
                  "input5" : {
                    "type" : "number",
                    "index" : 0
                  },
                  "input4" : {
                    "type" : "number",
                    "index" : 1
                  },
                  "input3" : {
                    "type" : "number",
                    "index" : 2
                  },
                  "input2" : {
                    "type" : "number",
                    "index" : 3
                  },
                  "input1" : {
                    "type" : "number",
                    "index" : 4
                  }
                }
              } ]
            }
          }
        }
      }
    }
  } ]
}"""

EDGE = """\
{
  "service_name" : "service-edge-demo",
  "description" : "",
  "infer_type" : "edge",
  "config" : [ {
    "model_id" : "eb6a4a8c-5713-4a27-b8ed-c7e694499af5",
    "specification" : "custom",
    "instance_count" : 1,
    "custom_spec" : {
      "cpu" : 1.5,
      "memory" : 7500
    },
    "envs" : { },
    "nodes" : [ "2r8c4fb9-t497-40u3-89yf-skui77db0472" ]
  } ]
}"""

UPDATE = """\
{
  "description" : "",
  "status" : "running",
  "config" : [ {
    "model_id" : "xxxx",
    "weight" : "100",
    "specification" : "modelarts.vm.cpu.2u",
    "instance_count" : 1
  } ]
}"""

READY_DELAY = 0.2
RESOURCE_ID = re.compile(r"INF-[0-9a-f]{16}@\d{13}")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("v1-seed-examples")
    with RunningEmulator(data_dir, ready_delay=READY_DELAY) as probe:
        project_id = probe.project_id
    seed_models(data_dir, project_id, SEEDED)
    with RunningEmulator(data_dir, ready_delay=READY_DELAY) as emu:
        yield emu


@pytest.fixture
def v1(seeded):
    client = V1Client(seeded)
    yield client
    client.clean(models=False)


def create_verbatim(v1: V1Client, example: str, resources: int = 1) -> str:
    response = v1.send("POST", "/services", raw=example.encode())
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"service_id", "resource_ids"}
    assert len(body["resource_ids"]) == resources
    assert all(RESOURCE_ID.fullmatch(r) for r in body["resource_ids"]), body
    return body["service_id"]


def check_common(shown: dict, example: str) -> None:
    sent = json.loads(example)
    assert shown["service_name"] == sent["service_name"]
    assert shown["infer_type"] == sent["infer_type"]
    assert shown["description"] == sent["description"]
    assert shown["workspace_id"] == "0"
    for key in ("publish_at", "transition_at", "update_time", "operation_time"):
        assert isinstance(shown[key], int)
    assert [c["model_id"] for c in shown["config"]] == [c["model_id"] for c in sent["config"]]
    for given, echoed in zip(sent["config"], shown["config"]):
        assert echoed["specification"] == given["specification"]
        assert echoed["instance_count"] == given["instance_count"]
        assert echoed["envs"] == given.get("envs", {})
        if "weight" in given:
            assert echoed["weight"] == int(given["weight"])  # an integer, as documented


def test_real_time_service(v1):
    service_id = create_verbatim(v1, REAL_TIME)
    shown = v1.show(service_id)
    assert shown["status"] == "deploying" and 0 <= shown["progress"] < 100
    check_common(shown, REAL_TIME)
    running = v1.wait_status(service_id, "running")
    assert running["progress"] == 100
    assert running["access_address"].endswith(f"/v1/infers/{service_id}")
    assert running["config"][0] | {"model_name": "mnist", "model_version": "1.0.0",
                                    "status": "running"} == running["config"][0]
    assert "error_msg" not in running and "schedule" not in running


def test_real_time_service_with_multi_version_traffic(v1):
    service_id = create_verbatim(v1, MULTI_VERSION, resources=2)
    shown = v1.wait_status(service_id, "running")
    check_common(shown, MULTI_VERSION)
    assert [(c["model_version"], c["weight"]) for c in shown["config"]] == [("1.0.0", 70),
                                                                           ("1.0.1", 30)]
    assert shown["config"][0]["envs"] == {"model_name": "mxnet-model-1", "load_epoch": "0"}


def test_real_time_service_in_dedicated_pool_with_custom_specification(v1):
    service_id = create_verbatim(v1, CUSTOM_DEDICATED)
    shown = v1.wait_status(service_id, "running")
    check_common(shown, CUSTOM_DEDICATED)
    assert shown["cluster_id"] == "8abf68a969c3cb3a0169c4acb24b0000"
    entry = shown["config"][0]
    assert entry["cluster_id"] == "8abf68a969c3cb3a0169c4acb24b0000"
    assert entry["custom_spec"] == {"cpu": 1.5, "memory": 7500}


def test_real_time_service_that_stops_automatically(v1):
    service_id = create_verbatim(v1, AUTO_STOP)
    assert "due_time" not in v1.show(service_id)  # the timer starts when it runs
    shown = v1.wait_status(service_id, "running")
    check_common(shown, AUTO_STOP)
    assert shown["schedule"] == [{"type": "stop", "time_unit": "HOURS", "duration": 1}]
    assert shown["due_time"] - shown["transition_at"] == 3600 * 1000
    listed = v1.ok("GET", "/services", query=[("service_id", service_id)])["services"]
    assert listed[0]["due_time"] == shown["due_time"]


def test_batch_service_with_file_mapping(v1):
    service_id = create_verbatim(v1, BATCH_FILE)
    running = v1.wait_status(service_id, "running")
    check_common(running, BATCH_FILE)
    entry = running["config"][0]
    assert (entry["src_path"], entry["dest_path"], entry["req_uri"], entry["mapping_type"]) == (
        "https://infers-data.obs.xxxxx.com/xgboosterdata/",
        "https://infers-data.obs.xxxxx.com/output/", "/", "file")
    assert running["cluster_id"] == "8abf68a969c3cb3a0169c4acb24b****"
    assert "weight" not in entry and "access_address" not in running
    finished = v1.wait_status(service_id, "finished")
    assert finished["finished_time"] >= finished["start_time"] > 0


def test_batch_service_with_csv_mapping(v1):
    service_id = create_verbatim(v1, BATCH_CSV)
    shown = v1.wait_status(service_id, "running")
    check_common(shown, BATCH_CSV)
    assert shown["config"][0]["mapping_rule"] == json.loads(BATCH_CSV)["config"][0]["mapping_rule"]
    v1.wait_status(service_id, "finished")


def test_edge_service(v1):
    service_id = create_verbatim(v1, EDGE)
    shown = v1.wait_status(service_id, "running")
    check_common(shown, EDGE)
    entry = shown["config"][0]
    assert entry["custom_spec"] == {"cpu": 1.5, "memory": 7500}
    assert [n["id"] for n in entry["nodes"]] == ["2r8c4fb9-t497-40u3-89yf-skui77db0472"]
    assert entry["nodes"][0]["instance_status"] == "running"
    # Edge services cannot be stopped (seed 003 2.7.3).
    status, code, message = error_of(v1.send("PUT", f"/services/{service_id}",
                                              {"status": "stopped"}))
    assert (status, code) == (400, "ModelArts.4001") and "edge" in message


def test_update_example_starts_a_stopped_service_and_ignores_its_config(v1):
    """Seed 001's example sends status and config: only the status is modified."""
    service_id = v1.create_service([real_time("0e07b41b-173e-42db-8c16-8e1b44cc0d44")],
                                   name="update-demo", description="before")
    v1.wait_status(service_id, "running")
    assert v1.ok("PUT", f"/services/{service_id}", {"status": "stopped"}) == {}
    v1.wait_status(service_id, "stopped")
    response = v1.send("PUT", f"/services/{service_id}", raw=UPDATE.encode())
    assert response.status_code == 200 and response.json() == {}
    shown = v1.show(service_id)
    assert shown["status"] == "deploying" and shown["description"] == ""
    running = v1.wait_status(service_id, "running")
    # The example's config (model "xxxx", which does not exist) was ignored, not applied.
    assert [c["model_id"] for c in running["config"]] == ["0e07b41b-173e-42db-8c16-8e1b44cc0d44"]
    assert any("ignored" in e for e in v1.events(service_id))


def test_update_example_on_a_running_service_leaves_it_running(v1):
    service_id = v1.create_service([real_time("0e07b41b-173e-42db-8c16-8e1b44cc0d44")])
    before = v1.wait_status(service_id, "running")
    assert v1.ok("PUT", f"/services/{service_id}", raw=UPDATE.encode()) == {}
    after = v1.show(service_id)
    assert after["status"] == "running" and after["transition_at"] == before["transition_at"]
    assert after["config"] == before["config"]
