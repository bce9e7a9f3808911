"""Record v1 services as the API shows them (writes testdata/<scenario>.json) for the migration tests.

    .venv/bin/python tests/unit/migration/record_v1_services.py [scenario ...]

Each scenario creates its models and one v1 service in a fresh emulator with
this repo's v1 client, waits until the service settles, and keeps what
`inference-migrate` reads: the service details, the details of every model
its config names, and the v2 flavors and pools of the region. Run it again
after a change to the emulator's v1 answers.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from inference_iac.emulator.testing import RunningEmulator
from inference_iac.modelarts.client import ClientConfig, ModelArtsClient
from inference_iac.modelarts.v1.client import ModelArtsV1Client

TESTDATA = Path(__file__).parent / "testdata"
POOL = "pool-dedicated-0001"
CPU = "modelarts.vm.cpu.2u"
HEALTH = {"protocol": "http", "port": 8080,
          "health": {"check_method": "HTTP", "url": "/health", "initial_delay_seconds": 12,
                     "timeout_seconds": 5, "period_seconds": 10, "failure_threshold": 3}}


def image_model(v1: ModelArtsV1Client, name: str, version: str, image: str,
                config: dict | None = None, **extra: Any) -> str:
    body = {"model_name": name, "model_version": version, "model_type": "Image", "source_location": image, **extra}
    if config is not None:
        body["initial_config"] = json.dumps(config)
    return v1.models.create(body)["model_id"]


def two_weighted(v1: ModelArtsV1Client) -> dict:
    """The common case: two versions of one image model sharing the traffic 70/30 on a dedicated pool."""
    stable = image_model(v1, "shop-model", "1.0.0", "swr.example.com/shop/model:1.0.0", HEALTH)
    canary = image_model(v1, "shop-model", "1.1.0", "swr.example.com/shop/model:1.1.0", HEALTH)
    return {"service_name": "shop", "description": "shop recommendations", "infer_type": "real-time",
            "pool_name": POOL,
            "config": [
                {"model_id": stable, "weight": "70", "specification": CPU, "instance_count": 2,
                 "envs": {"MODEL_NAME": "shop", "LOG_LEVEL": "info"},
                 "additional_properties": {"max_surge": 0.5, "max_unavailable": 1}},
                {"model_id": canary, "weight": 30, "specification": "custom", "instance_count": 1,
                 "custom_spec": {"cpu": 1.5, "memory": 4096, "gpu_p4": 0.5}},
            ]}


def everything(v1: ModelArtsV1Client) -> dict:
    """Every setting v2 (or the generated program) cannot carry, on an old-version cluster."""
    exec_probe = {"protocol": "https", "port": 8443,
                  "health": {"check_method": "EXEC", "command": "cat /tmp/ready", "period_seconds": 5,
                             "failure_threshold": 3}}
    model = image_model(v1, "legacy-model", "2.0.0", "swr.example.com/legacy/model:2.0.0", exec_probe)
    config = {"model_id": model, "weight": 100, "specification": "modelarts.vm.gpu.pnt004", "instance_count": 1,
              "deploy_timeout_in_seconds": 600, "cluster_id": "cluster-old-0001",
              "additional_properties": {
                  "termination_grace_period_seconds": 30,
                  "log_volume": [{"host_path": "/var/log/host", "mount_path": "/var/log/app"}],
                  "persistent_volumes": [{"name": "weights", "mount_path": "/data", "storage_type": "sfs_turbo",
                                          "source_address": "sfs-0001"}]}}
    return {"service_name": "legacy", "infer_type": "real-time", "workspace_id": "ws-analytics",
            "cluster_id": "cluster-old-0001", "vpc_id": "vpc-0001", "subnet_network_id": "subnet-0001",
            "security_group_id": "sg-0001", "load_balancer_policy": "LEAST_CONNECTIONS", "priority": 2,
            "service_secrets": [{"secretId": "secret-0001", "mouthPath": "/etc/secret"}],
            "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 8}],
            "additional_properties": {
                "smn_notification": {"topic_urn": "urn:smn:cn-north-4:0000:alerts", "events": [1, 7]},
                "log_report_channels": [{"type": "LTS", "configuration": {"log_group_id": "group-0001",
                                                                          "log_stream_id": "stream-0001"}}],
                "websocket_upgrade": True},
            "config": [config]}


def obs_model(v1: ModelArtsV1Client) -> dict:
    """A model that is not a container image (an OBS meta model with a TensorFlow engine) beside an image one."""
    tf = v1.models.create({"model_name": "mnist", "model_version": "1.0.0", "model_type": "TensorFlow",
                           "source_location": "https://models.obs.example.com/mnist", "runtime": "python3.6"})
    image = image_model(v1, "mnist-image", "1.0.0", "swr.example.com/ml/mnist:1.0.0")
    return {"service_name": "mnist", "infer_type": "real-time", "pool_name": POOL,
            "config": [{"model_id": tf["model_id"], "weight": 50, "specification": CPU, "instance_count": 1},
                       {"model_id": image, "weight": 50, "specification": CPU, "instance_count": 1}]}


def batch(v1: ModelArtsV1Client) -> dict:
    """A batch service: a job, not a real-time endpoint."""
    model = image_model(v1, "scorer", "1.0.0", "swr.example.com/ml/scorer:1.0.0")
    return {"service_name": "nightly-scoring", "infer_type": "batch",
            "config": [{"model_id": model, "specification": CPU, "instance_count": 1,
                        "src_path": "https://data.obs.example.com/in/", "dest_path": "https://data.obs.example.com/out/",
                        "req_uri": "/", "mapping_type": "file"}]}


SCENARIOS: dict[str, Callable[[ModelArtsV1Client], dict]] = {
    "two_weighted": two_weighted, "everything": everything, "obs_model": obs_model, "batch": batch}


def settle(v1: ModelArtsV1Client, service_id: str, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        service = v1.services.get(service_id)
        if service["status"] not in ("deploying", "stopping") or time.monotonic() > deadline:
            return service
        time.sleep(0.2)


def record(emulator: RunningEmulator, name: str) -> None:
    config = ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key,
                          secret_key=emulator.secret_key, project_id=emulator.project_id)
    with ModelArtsV1Client(config) as v1, ModelArtsClient(config) as v2:
        body = SCENARIOS[name](v1)
        for model_id in {entry["model_id"] for entry in body["config"]}:
            deadline = time.monotonic() + 30
            while v1.models.get(model_id)["model_status"] != "published" and time.monotonic() < deadline:
                time.sleep(0.2)
        service = settle(v1, v1.services.create(body)["service_id"])
        models = {entry["model_id"]: v1.models.get(entry["model_id"]) for entry in service["config"]}
        recording = {"service": service, "models": models, "flavors": v2.catalog.flavors(),
                     "pools": v2.catalog.pools()}
    (TESTDATA / f"{name}.json").write_text(json.dumps(recording, indent=1, sort_keys=True) + "\n")
    print(f"{name}: {service['status']}, {len(models)} model(s)")


def main(names: list[str]) -> None:
    TESTDATA.mkdir(exist_ok=True)
    for name in names or SCENARIOS:
        with tempfile.TemporaryDirectory() as scratch, RunningEmulator(Path(scratch), ready_delay=0.2) as emulator:
            record(emulator, name)


if __name__ == "__main__":
    main(sys.argv[1:])
