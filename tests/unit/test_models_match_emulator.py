"""The models refuse at preview what the API refuses: each bad body below is refused both by the
model the provider checks with and by the emulator (the documented v2 API), and each good one
passes both.

A case changes one good input at a path; the same change is made to the request body the model
builds from the good input (model fields are the API's, so the paths are the same), and that
body is sent with this repo's client. The models are deliberately stricter in a few places the
API only fails at run time (blank image paths, ids and names, an empty rule list); those are
unit-tested in the model tests, not here.
"""

from __future__ import annotations

import copy
import itertools
import time
from typing import Any

import pytest
from pydantic import ValidationError

from inference_iac.core.errors import BadRequestError
from inference_iac.core.spec import describe_errors
from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec
from inference_iac.modelarts.models.scaling_rule import ScalingRuleSpec
from inference_iac.modelarts.models.service import ServiceSpec

POOL = "pool-dedicated-0001"
UNIT = {"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}
DELETE = object()
# Refusals of a request as invalid; not a taken name (4004) or a quota (4005).
VALIDATION_CODES = {"ModelArts.4000", "ModelArts.4001", "ModelArts.4002"}
_numbers = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_numbers)}"


def changed(data: dict[str, Any], changes: dict[tuple, Any]) -> dict[str, Any]:
    """`data` with each path set to its value (DELETE removes it); missing objects on the way are made."""
    data = copy.deepcopy(data)
    for path, value in changes.items():
        node = data
        for key in path[:-1]:
            node = node[key] if isinstance(node, list) else node.setdefault(key, {})
        if value is DELETE:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
    return data


def model_refusal(model, inputs: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        model.model_validate(inputs)
    except ValidationError as error:
        return describe_errors(error)
    return []


def api_refusal(send) -> str | None:
    try:
        send()
    except BadRequestError as error:
        assert error.code in VALIDATION_CODES, (error.code, error.message)
        return error.message
    return None


def agree(model, good: dict[str, Any], body: dict[str, Any], changes: dict[tuple, Any], refused: bool,
          send, body_path=lambda path: path):
    inputs = changed(good, changes)
    sent = changed(body, {body_path(path): value for path, value in changes.items()})
    by_model, by_api = model_refusal(model, inputs), api_refusal(lambda: send(sent))
    assert bool(by_model) == refused, f"model: {by_model or 'accepted'}"
    assert (by_api is not None) == refused, f"emulator: {by_api or 'accepted'} (body {sent})"


def wait_running(api, service_id: str, deployment_id: str) -> None:
    deadline = time.monotonic() + 60
    while api.deployments.get(service_id, deployment_id)["status"] != "RUNNING":
        assert time.monotonic() < deadline, "the deployment did not come up"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def client(live_emulator):
    from support import api_client

    with api_client(live_emulator) as made:
        yield made


@pytest.fixture(scope="module")
def running(client):
    """A running service with a deployment on a dedicated pool: what connections and scaling rules need."""
    service = client.services.create(ServiceSpec(name=unique("agree-host")).create_body())
    spec = DeploymentSpec.model_validate({"service_id": service["id"], "name": "main", "pool_id": POOL,
                                          "unit_configs": [UNIT]})
    deployment = client.deployments.create(service["id"], spec.create_body())
    wait_running(client, service["id"], deployment["id"])
    return {"service_id": service["id"], "deployment_id": deployment["id"]}


@pytest.fixture(scope="module")
def host(client):
    """A service the deployment cases add to (not `running`: new deployments keep a service DEPLOYING)."""
    return client.services.create(ServiceSpec(name=unique("agree-deployments")).create_body())["id"]


# ----- services ----------------------------------------------------------------------------------------

INVOKE, LIMIT = ("runtime_config", "service_invoke"), ("runtime_config", "service_limit")

SERVICE_CASES = [
    ({("name",): "bad name!"}, True),
    ({("name",): "s" * 65}, True),
    ({("description",): "<b>bold</b>"}, True),
    ({("description",): "d" * 513}, True),
    ({("type",): "BATCH"}, True),
    ({("deploy_type",): "DIST"}, True),
    ({("workload_type",): "STATEFULSET"}, True),
    ({("workspace_id",): ""}, True),
    ({("workspace_id",): "w" * 65}, True),
    ({INVOKE + ("port",): 0}, True),
    ({INVOKE + ("port",): 65536}, True),
    ({INVOKE + ("protocol",): "FTP"}, True),
    ({INVOKE + ("auth_type",): "IAM"}, True),
    ({("type",): "ASYNC_REAL_TIME", ("runtime_config", "server_task_limit"): {"max_task": 10},
      INVOKE + ("protocol",): "WSS"}, True),
    ({LIMIT + ("rate_limit", "num"): 10001}, True),
    ({LIMIT + ("rate_limit", "unit"): "HOURS"}, True),
    ({LIMIT + ("request_size_limit",): 51}, True),
    ({LIMIT + ("request_timeout",): 7201}, True),
    ({("tags",): [{"key": "_sys_owner", "value": "x"}]}, True),
    ({("tags",): [{"key": "k" * 129, "value": "x"}]}, True),
    ({("tags",): [{"key": "team", "value": "v" * 257}]}, True),
    ({("tags",): [{"key": f"k{i}", "value": ""} for i in range(21)]}, True),
    ({("schedule",): [{"type": "STOP", "time_unit": "WEEKS", "duration": 1}]}, True),
    ({("schedule",): [{"type": "STOP", "time_unit": "HOURS", "duration": 1}] * 2}, True),
    ({("log_configs",): [{"type": "STDOUT", "status": "ON"}] * 4}, True),
    ({("log_configs",): [{"type": "AUDIT", "status": "ON"}]}, True),
    ({("upgrade_config",): {"type": "ROLLING", "rolling_update": {"max_surge": "150%", "max_unavailable": "1%"}}},
     True),
    ({("lts_strategy",): "NONE"}, True),
    ({("deploy_timeout_minutes",): 301}, True),
    ({("task_type",): "CHAT"}, True),
    ({("custom_metrics_path",): "h" * 256}, True),
    # good ones pass both
    ({}, False),
    ({("name",): "推理服务-1"}, False),
    ({("tags",): [{"key": "team", "value": ""}], ("schedule",): [{"type": "STOP", "time_unit": "DAYS",
                                                                   "duration": 7}]}, False),
]


@pytest.mark.parametrize("changes,refused", SERVICE_CASES)
def test_service_bodies(client, changes, refused):
    good = {"name": unique("agree-svc")}
    created = []

    def send(body):
        created.append(client.http.request("POST", "/services", body=body))

    agree(ServiceSpec, good, ServiceSpec.model_validate(good).create_body(), changes, refused, send)
    for service in created:
        client.services.delete(service["id"])


# ----- deployments ---------------------------------------------------------------------------------------

U = ("unit_configs", 0)
ROLLING = ("advanced_config", "upgrade_config", "rolling_update")

DEPLOYMENT_CASES = [
    ({("pool_id",): DELETE}, True),  # the public pool takes no deployment of its own
    ({("pool_id",): "p" * 129}, True),
    ({("name",): "main deployment"}, True),
    ({("name",): "main.v1"}, True),
    ({("name",): "d" * 129}, True),
    ({("count",): 0}, True),
    ({("count",): 129}, True),
    ({("weight",): 101}, True),
    ({("priority",): 4}, True),
    ({("description",): "<script>"}, True),
    ({("framework",): "TGI"}, True),
    ({("deploy_type",): "DIST"}, True),
    ({("workload_type",): "STATEFULSET"}, True),
    ({("schedule_strategy",): "SPREAD"}, True),
    ({("mirror_traffic_weight",): 101}, True),
    ({("unit_configs",): []}, True),
    ({U + ("image", "swr_path"): "s" * 1025}, True),
    ({U + ("image", "source"): "DOCKER"}, True),
    ({U + ("image", "category"): "TPU"}, True),
    ({U + ("image", "id"): "i" * 65}, True),
    ({U + ("name",): "Prefill"}, True),
    ({U + ("name",): "p" * 17}, True),
    ({U + ("count",): 129}, True),
    ({U + ("group_count",): 101}, True),
    ({U + ("port",): 65536}, True),
    ({U + ("recovery",): "Node"}, True),
    ({U + ("cmd",): "c" * 4097}, True),
    ({U + ("flavor",): "custom"}, True),  # without a custom_spec
    ({U + ("flavor",): "custom", U + ("custom_spec",): {"cpu": 1, "memory": 3}}, True),
    ({U + ("flavor",): "custom", U + ("custom_spec",): {"cpu": 0.001, "memory": 4096}}, True),
    ({U + ("flavor",): "custom", U + ("custom_spec",): {"cpu": 1, "memory": 4096, "arch": "riscv"}}, True),
    ({U + ("envs",): {"9LIVES": "x"}}, True),
    ({U + ("envs",): {"MY VAR": "x"}}, True),
    ({U + ("envs",): {"PAGE": "<p>hello</p>"}}, True),
    ({U + ("readiness_health",): {"url": "/health", "initial_delay_seconds": 0}}, True),
    ({U + ("readiness_health",): {"url": "/health", "period_seconds": 2**31}}, True),
    ({U + ("readiness_health",): {"url": "/health?full=1"}}, True),
    ({U + ("readiness_health",): {"url": "health"}}, True),
    ({U + ("liveness_health",): {"check_method": "HTTP"}}, True),  # no url
    ({U + ("startup_health",): {"check_method": "EXEC"}}, True),  # no cmd
    ({U + ("startup_health",): {"check_method": "EXEC", "cmd": "cat /tmp/ready | grep ok"}}, True),
    ({U + ("startup_health",): {"check_method": "EXEC", "cmd": "c" * 1025}}, True),
    ({U + ("readiness_health",): {"url": "/health", "protocol": "GRPC"}}, True),
    ({U + ("termination_grace",): {"pre_stop_cmd": "s" * 256}}, True),
    ({U + ("termination_grace",): {"termination_grace_period_seconds": 3601}}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": f"/d{i}/"} for i in range(16)]}, True),
    ({U + ("models",): [{"source": "OBS", "mount_path": f"/m{i}/"} for i in range(16)]}, True),
    ({U + ("dumps",): [{"source": "OBSFS", "mount_path": f"/o{i}/"} for i in range(11)]}, True),
    ({U + ("files",): [{"source": "NFS", "mount_path": "/d/"}]}, True),
    ({U + ("dumps",): [{"source": "EFS", "mount_path": "/d/"}]}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/data"}]}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/my data/"}]}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/" + "d" * 254 + "/"}]}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/d/", "address": "obs://" + "b" * 1020}]}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/d/", "os_warm_up": True}]}, True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/d/", "os_warm_up": True, "source_name": "n" * 65}]},
     True),
    ({U + ("files",): [{"source": "OBS", "mount_path": "/data/"}],
      U + ("dumps",): [{"source": "OBS", "mount_path": "/data/"}]}, True),
    ({ROLLING + ("max_surge",): "150%"}, True),
    ({ROLLING + ("max_surge",): "0%", ROLLING + ("max_unavailable",): "0%"}, True),
    ({ROLLING + ("max_surge",): "0%", ROLLING + ("max_unavailable",): "1%"}, True),  # 1% of 1 replica is 0
    ({("count",): 3, ROLLING + ("max_surge",): "0%", ROLLING + ("max_unavailable",): "25%"}, True),
    ({("advanced_config", "port"): 0}, True),
    ({("advanced_config", "protocol"): "UDP"}, True),
    ({("advanced_config", "deploy_timeout_minutes"): 301}, True),
    ({("advanced_config", "upgrade_config", "type"): "RECREATE"}, True),
    # good ones pass both
    ({}, False),
    ({("name",): "d" * 128}, False),
    ({("name",): "main_v1-2", ("count",): 128, ("weight",): 0, ("priority",): 3}, False),
    ({U + ("envs",): {"REGEX": "^v[0-9]+$", "_X.Y-Z": ""}}, False),
    ({U + ("readiness_health",): {"url": "/v1/health:ready", "initial_delay_seconds": 1,
                                  "period_seconds": 2**31 - 1},
      U + ("startup_health",): {"check_method": "EXEC", "cmd": "sh /home/ma-user/health.sh"}}, False),
    ({U + ("files",): [{"source": "obs", "mount_path": f"/d{i}/"} for i in range(15)],
      U + ("dumps",): [{"source": "obsfs", "mount_path": f"/o{i}/"} for i in range(10)]}, False),
    ({U + ("flavor",): "custom", U + ("custom_spec",): {"cpu": 0.01, "memory": 4}}, False),
    ({("count",): 4, ROLLING + ("max_surge",): "0%", ROLLING + ("max_unavailable",): "25%"}, False),
    ({U + ("termination_grace",): {"pre_stop_cmd": "sleep 5", "termination_grace_period_seconds": 3600}}, False),
]


@pytest.mark.parametrize("changes,refused", DEPLOYMENT_CASES)
def test_deployment_bodies(client, host, changes, refused):
    service_id = host
    good = {"service_id": service_id, "name": unique("agree-dep"), "pool_id": POOL, "unit_configs": [UNIT]}
    body = DeploymentSpec.model_validate(good).create_body()
    agree(DeploymentSpec, good, body, changes, refused,
          lambda sent: client.http.request("POST", f"/services/{service_id}/deployments", body=sent))


# ----- API keys --------------------------------------------------------------------------------------------

KEY_CASES = [
    ({("name",): "bad name!"}, True),
    ({("name",): "k" * 65}, True),
    ({("description",): "tom & jerry"}, True),
    ({("description",): "say \"hi\""}, True),
    ({("description",): "d" * 257}, True),
    ({("scope",): "ALL"}, True),
    ({}, False),
    ({("name",): "密钥-1", ("description",): "nightly jobs", ("scope",): "USER"}, False),
]


@pytest.mark.parametrize("changes,refused", KEY_CASES)
def test_api_key_bodies(client, changes, refused):
    good = {"name": unique("agree-key")}
    names = []

    def send(body):
        client.http.request("POST", "/services/api-keys", body=body)
        names.append(body["name"])

    agree(ApiKeySpec, good, ApiKeySpec.model_validate(good).create_body(), changes, refused, send)
    for name in names:
        client.api_keys.delete(client.api_keys.find_by_name(name)["key_id"])


# ----- intranet connections ---------------------------------------------------------------------------------

CONNECTION_CASES = [
    ({("vpc_id",): DELETE}, True),
    ({("subnet_id",): DELETE}, True),
    ({("pool_id",): POOL}, True),  # not in the VPC scene
    ({("scene",): "POOL"}, True),  # with vpc_id and subnet_id, and no pool_id
    ({("scene",): "VPN"}, True),
    ({("type",): "PROJECT"}, True),
    ({("vpc_id",): "vpc 1"}, True),
    ({("subnet_id",): "s" * 65}, True),
    ({("dispatcher_group_id",): "group#1"}, True),
    ({("custom_urls",): [f"https://h{i}.example.com/" for i in range(11)]}, True),
    ({("custom_urls",): ["ftp://files.example.com/"]}, True),
    ({("custom_urls",): ["http://10.1.2.3/predict"]}, True),  # an IP needs a port
    ({("custom_urls",): ["https://api.example.c0m/"]}, True),
    ({("custom_urls",): ["https://a.example.com/", "https://a.example.com/"]}, True),
    ({}, False),
    ({("custom_urls",): ["https://api.example.com/v1", "http://10.1.2.3:8080/predict"]}, False),
]


@pytest.mark.parametrize("changes,refused", CONNECTION_CASES)
def test_intranet_connection_bodies(client, running, changes, refused):
    good = {"service_id": running["service_id"], "vpc_id": unique("vpc"), "subnet_id": "subnet-1"}
    body = IntranetConnectionSpec.model_validate(good).create_body()
    agree(IntranetConnectionSpec, good, body, changes, refused,
          lambda sent: client.http.request("POST", "/intranet-connection", body=sent))


# ----- scaling rules (HPA policies) ---------------------------------------------------------------------------


def cron(index: int, **fields) -> dict[str, Any]:
    return {"name": f"rule-{index:02d}", "type": "CRON_HPA", "schedule": f"{index} 8 * * *", "target_replicas": 2,
            **fields}


R = ("rules", 0)

SCALING_CASES = [
    ({R + ("name",): "Bad_Name"}, True),
    ({R + ("name",): "abc"}, True),
    ({R + ("name",): "ends-"}, True),
    ({R + ("type",): "HRA"}, True),
    ({R + ("schedule",): "0 0 8 * * *"}, True),  # no seconds field
    ({R + ("schedule",): "0 24 * * *"}, True),
    ({R + ("schedule",): "0 8 * * FUN"}, True),
    ({R + ("target_replicas",): 0}, True),
    ({R + ("target_replicas",): 129}, True),
    ({("rules",): [cron(i) for i in range(11)]}, True),
    ({("rules",): [cron(1), cron(2, name="rule-01")]}, True),
    ({("rules",): [cron(1), cron(1, name="rule-other")]}, True),
    ({("rules",): [cron(1, type="METRIC_HPA"), cron(2, type="METRIC_HPA")]}, True),
    ({("workspace_id",): ""}, True),
    ({("workspace_id",): "w" * 65}, True),
    ({}, False),
    ({("rules",): [cron(i) for i in range(10)], ("workspace_id",): "0"}, False),
    ({R + ("schedule",): "*/15 8-18/2 1,15 JAN,jul MON-FRI", R + ("target_replicas",): 128}, False),
]


@pytest.mark.parametrize("changes,refused", SCALING_CASES)
def test_scaling_rule_bodies(client, running, changes, refused):
    service_id, deployment_id = running["service_id"], running["deployment_id"]
    good = {"service_id": service_id, "deployment_id": deployment_id, "rules": [cron(1)]}
    path = f"/services/{service_id}/deployments/{deployment_id}/hpa"
    sent = []

    def send(body):
        client.http.request("POST", path, body=body)
        sent.append(body)

    # Inputs say `rules`, the request `hpa_rules` (rules sorted by name, `disable` added).
    agree(ScalingRuleSpec, good, ScalingRuleSpec.model_validate(good).create_body(), changes, refused, send,
          body_path=lambda p: ("hpa_rules", *p[1:]) if p[0] == "rules" else p)
    if sent:
        client.scaling_rules.delete(service_id, deployment_id)
