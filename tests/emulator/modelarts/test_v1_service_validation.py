"""Every documented v1 service rule, one refused request each: 400, the field path and the rule.

Own emulator with a long ready delay: models are published once for the module,
and a freshly created model stays `publishing` long enough to be refused.
"""

from __future__ import annotations

import copy

import pytest

from inference_iac.emulator.testing import RunningEmulator
from modelarts_v1_helpers import POOL, V1Client, batch, edge, error_of, real_time

READY_DELAY = 2.0
ALL = ["real-time", "batch", "edge"]


@pytest.fixture(scope="module")
def module_v1(tmp_path_factory):
    with RunningEmulator(tmp_path_factory.mktemp("v1-validation"),
                         ready_delay=READY_DELAY) as emu:
        client = V1Client(emu)
        models = {"m1": client.create_model("val-model", "1.0.0", ALL, wait=False),
                  "m2": client.create_model("val-model", "1.0.1", ALL, wait=False),
                  "batch_only": client.create_model("val-batch", "1.0.0", ["batch"],
                                                    wait=False)}
        for model_id in models.values():
            client.wait_model(model_id, "published")
        yield client, models


@pytest.fixture
def v1(module_v1):
    client, models = module_v1
    yield client, models
    client.clean(models=False)


def body_with(models: dict, change) -> dict:
    body = {"service_name": "valid", "infer_type": "real-time",
            "config": [real_time(models["m1"])]}
    change(body, models)
    return body


def set_(**fields):
    def change(body, models):
        body.update(fields)
    return change


def entry(**fields):
    """Change config[0]; a None value removes the field."""
    def change(body, models):
        for key, value in fields.items():
            if value is None:
                body["config"][0].pop(key, None)
            else:
                body["config"][0][key] = copy.deepcopy(value)
    return change


def configs(*builders):
    def change(body, models):
        body["config"] = [build(models) for build in builders]
    return change


def batch_body(**fields):
    def change(body, models):
        body["infer_type"] = "batch"
        body["config"] = [{k: v for k, v in {**batch(models["m1"]), **fields}.items()
                           if v is not None}]
    return change


def edge_body(*entries):
    def change(body, models):
        body["infer_type"] = "edge"
        body["config"] = [edge(models["m1"], **e) for e in entries] or [edge(models["m1"])]
    return change


CUSTOM = {"cpu": 1.5, "memory": 7500}

CREATE_CASES = [
    # traffic weights (real-time)
    (configs(lambda m: real_time(m["m1"], 60), lambda m: real_time(m["m2"], "30")),
     "config[].weight", "must sum to 100"),
    (entry(weight="abc"), "config[0].weight", "integer from 0 to 100"),
    (entry(weight=101), "config[0].weight", "between 0 and 100"),
    (entry(weight=True), "config[0].weight", "integer from 0 to 100"),
    (entry(weight=None), "config[0].weight", "Missing required"),
    # one model for batch/edge, configs
    (batch_body(), None, None),  # sanity: the batch body itself is valid
    (lambda b, m: (batch_body()(b, m), b["config"].append(b["config"][0])), "config",
     "exactly one model"),
    (lambda b, m: (edge_body()(b, m), b["config"].append(b["config"][0])), "config",
     "exactly one model"),
    (set_(config=[]), "config", "at least one"),
    (set_(config={"model_id": "x"}), "config", "JSON array"),
    (set_(config=None), "config", "Missing required"),
    # specification and custom_spec
    (entry(specification="custom", pool_name=None), "config[0].custom_spec",
     "required when specification is custom"),
    (entry(specification="custom", custom_spec=CUSTOM), "config[0].specification",
     "dedicated resource pool"),
    (entry(custom_spec=CUSTOM), "config[0].custom_spec", "only when specification is custom"),
    (lambda b, m: (set_(pool_name=POOL)(b, m), entry(specification="custom", custom_spec={
        "cpu": 0.001, "memory": 100})(b, m)), "config[0].custom_spec.cpu", "at least 0.01"),
    (lambda b, m: (set_(pool_name=POOL)(b, m), entry(specification="custom", custom_spec={
        "cpu": 1, "memory": 1.5})(b, m)), "config[0].custom_spec.memory", "integer"),
    (lambda b, m: (set_(pool_name=POOL)(b, m), entry(specification="custom", custom_spec={
        "cpu": 1, "memory": 100, "gpu_p4": 1, "ascend_a310": 1})(b, m)),
     "config[0].custom_spec.ascend_a310", "either gpu_p4 or ascend_a310"),
    (entry(specification="modelarts vm"), "config[0].specification", "flavor id"),
    (entry(specification="modelarts.vm.cpu.64u"), "config[0].specification",
     "not a flavor this region offers"),
    (entry(specification="modelarts.vm.gpu.v100"), None, None),  # from the v2 catalogue
    # counts
    (entry(instance_count=0), "config[0].instance_count", "between 1 and 128"),
    (entry(instance_count=129), "config[0].instance_count", "between 1 and 128"),
    (entry(instance_count="1"), "config[0].instance_count", "must be an integer"),
    (entry(instance_count=None), "config[0].instance_count", "Missing required"),
    (entry(deploy_timeout_in_seconds=60), "config[0].deploy_timeout_in_seconds",
     "between 180 and 7200"),
    # names, description, infer_type
    (set_(service_name="bad name"), "service_name", "letters, digits"),
    (set_(service_name="x" * 65), "service_name", "1 to 64"),
    (set_(service_name=None), "service_name", "Missing required"),
    (set_(description="a <b>"), "description", "must not contain"),
    (set_(description="x" * 101), "description", "0 to 100"),
    (set_(infer_type="online"), "infer_type", "real-time, batch, edge"),
    (set_(infer_type=None), "infer_type", "Missing required"),
    # network
    (set_(vpc_id="vpc-1", subnet_network_id="subnet-1"), "security_group_id",
     "required when vpc_id"),
    (set_(vpc_id="vpc-1", security_group_id="sg-1"), "subnet_network_id", "required when vpc_id"),
    (set_(pool_name="pool-nowhere"), "pool_name", "no such dedicated resource pool"),
    (set_(pool_name="pool-public"), "pool_name", "omitting"),
    (entry(cluster_id="c-1"), "config[0].cluster_id", "service-level cluster_id"),
    (entry(pool_name=POOL), "config[0].pool_name", "service-level cluster_id or pool_name"),
    # schedule (auto stop)
    (set_(schedule=[{"type": "STOP", "time_unit": "HOURS", "duration": 1}]),
     "schedule[0].type", "must be one of stop"),
    (set_(schedule=[{"type": "stop", "time_unit": "WEEKS", "duration": 1}]),
     "schedule[0].time_unit", "DAYS, HOURS, MINUTES"),
    (set_(schedule=[{"type": "stop", "time_unit": "HOURS", "duration": 0}]),
     "schedule[0].duration", "at least 1"),
    (set_(schedule=[{"type": "stop", "time_unit": "HOURS", "duration": 25}]),
     "schedule[0].duration", "at most 24 hours"),
    (set_(schedule=[{"type": "stop", "time_unit": "DAYS", "duration": 1}] * 2),
     "schedule", "at most 1"),
    (lambda b, m: (batch_body()(b, m), b.update(schedule=[
        {"type": "stop", "time_unit": "HOURS", "duration": 1}])), "schedule",
     "only for real-time"),
    # additional properties
    (set_(additional_properties={"smn": {}}), "additional_properties.smn",
     "not a field of this request"),
    (set_(additional_properties={"smn_notification": {"topic_urn": "urn:smn:x", "events": [2]}}),
     "additional_properties.smn_notification.events[0]", "1 (failed)"),
    (set_(additional_properties={"smn_notification": {"events": [1]}}),
     "additional_properties.smn_notification.topic_urn", "Missing required"),
    (set_(additional_properties={"log_report_channels": [{"type": "OBS"}]}),
     "additional_properties.log_report_channels[0].type", "must be one of LTS"),
    (set_(additional_properties={"websocket_upgrade": "yes"}),
     "additional_properties.websocket_upgrade", "true or false"),
    (entry(additional_properties={"max_surge": 0}), "config[0].additional_properties.max_surge",
     "greater than 0"),
    (entry(additional_properties={"log_volume": [{"host_path": "/a", "mount_path": "/b"}]}),
     "config[0].additional_properties.log_volume", "dedicated resource pool"),
    (entry(additional_properties={"persistent_volumes": [{"mount_path": "/var/run"}]}),
     "config[0].additional_properties.persistent_volumes[0].mount_path", "system directory"),
    (entry(additional_properties={"persistent_volumes": [{"name": "v"}]}),
     "config[0].additional_properties.persistent_volumes[0].mount_path", "Missing required"),
    # unknown fields
    (set_(replicas=2), "replicas", "not a field of this request"),
    (entry(count=2), "config[0].count", "not a field of this request"),
    (entry(envs={"A": 1}), "config[0].envs.A", "must be a string"),
    # infer-type specific fields
    (entry(nodes=["n1"]), "config[0].nodes", "only to edge"),
    (entry(src_path="obs://in/"), "config[0].src_path", "only to batch"),
    (batch_body(src_path=None), "config[0].src_path", "Missing required"),
    (batch_body(dest_path=None), "config[0].dest_path", "Missing required"),
    (batch_body(req_uri="predict"), "config[0].req_uri", "starting with /"),
    (batch_body(mapping_type="json"), "config[0].mapping_type", "file, csv"),
    (batch_body(mapping_type="csv"), "config[0].mapping_rule", "required when mapping_type is csv"),
    (batch_body(src_type="ManifestFile"), "config[0].src_path", ".manifest"),
    (edge_body({"nodes": ["n1", "n1"]}), "config[0].nodes", "twice"),
    # service-level options
    (lambda b, m: (batch_body()(b, m), b.update(load_balancer_policy="ROUND_ROBIN")),
     "load_balancer_policy", "only for real-time"),
    (set_(load_balancer_policy="RANDOM"), "load_balancer_policy", "ROUND_ROBIN"),
    (set_(priority=4), "priority", "between 1 and 3"),
    (lambda b, m: (edge_body()(b, m), b.update(priority=1)), "priority",
     "only for real-time and batch"),
    (set_(service_secrets=[{"secretId": "s-1"}]), "service_secrets[0].mouthPath",
     "Missing required"),
    (lambda b, m: (set_(pool_name=POOL)(b, m), entry(affinity={"node_affinity": {
        "mode": "required", "pool_infos": [{"pool_name": "elsewhere", "nodes": [
            {"name": "10.0.0.1"}]}]}})(b, m)),
     "config[0].affinity.node_affinity.pool_infos[0].pool_name", "pool_name the service"),
    (entry(affinity={"node_affinity": {"mode": "strong"}}), "config[0].affinity.node_affinity.mode",
     "required, preferred"),
    # models
    (entry(model_id="no-such-model"), "config[0].model_id", "must name a model of this project"),
    (lambda b, m: entry(model_id=m["batch_only"])(b, m), "config[0].model_id",
     "deployed only as batch services"),
]


@pytest.mark.parametrize("change, field, rule", CREATE_CASES)
def test_create_refuses_with_the_field_and_the_rule(v1, change, field, rule):
    client, models = v1
    response = client.send("POST", "/services", body_with(models, change))
    if field is None:
        assert response.status_code == 200, response.text
        return
    status, code, message = error_of(response)
    assert status == 400 and code in ("ModelArts.4001", "ModelArts.4002"), (code, message)
    assert f"'{field}'" in message and rule in message, message


def test_two_configs_of_the_same_model_version_are_refused(v1):
    client, models = v1
    body = body_with(models, configs(lambda m: real_time(m["m1"], 50),
                                     lambda m: real_time(m["m1"], "50")))
    status, code, message = error_of(client.send("POST", "/services", body))
    assert (status, code) == (400, "ModelArts.3516")
    assert "config[0] and config[1]" in message and "val-model" in message


def test_a_model_still_publishing_cannot_be_deployed(v1):
    client, models = v1
    fresh = client.create_model("val-fresh", "1.0.0", wait=False)
    status, code, message = error_of(client.send(
        "POST", "/services", body_with(models, entry(model_id=fresh))))
    assert (status, code) == (400, "ModelArts.3515") and "still being published" in message
    client.send("DELETE", f"/models/{fresh}")


def test_a_refused_create_leaves_nothing_behind(v1):
    client, models = v1
    client.send("POST", "/services", body_with(models, entry(instance_count=0)))
    assert client.ok("GET", "/services")["total_count"] == 0


# ----- update --------------------------------------------------------------------------------

@pytest.fixture
def stopped(v1):
    """A stopped real-time and a stopped edge service (config updates apply without a rollout)."""
    client, models = v1
    ids = {"rt": client.create_service([real_time(models["m1"])]),
           "edge": client.create_service([edge(models["m1"])], infer_type="edge")}
    client.ok("PUT", f"/services/{ids['rt']}", {"status": "stopped"})
    client.wait_status(ids["rt"], "stopped")
    return client, models, ids


UPDATE_CASES = [
    ("rt", lambda m: {"config": [real_time(m["m1"], count=129)]}, "config[0].instance_count",
     "between 1 and 128"),
    ("rt", lambda m: {"config": [real_time(m["m1"], 50), real_time(m["m2"], 40)]},
     "config[].weight", "must sum to 100"),
    ("rt", lambda m: {"config": [real_time(m["m1"], src_path="obs://x/")]}, "config[0].src_path",
     "only to batch"),
    ("rt", lambda m: {"schedule": [{"type": "stop", "time_unit": "DAYS", "duration": 2}]},
     "schedule[0].duration", "at most 24 hours"),
    ("rt", lambda m: {"description": "x" * 101}, "description", "0 to 100"),
    ("rt", lambda m: {"replicas": 3}, "replicas", "not a field of this request"),
    ("rt", lambda m: {"service_name": "renamed"}, "service_name", "cannot be changed"),
    ("rt", lambda m: {"status": "restart"}, "status", "running, stopped"),
    ("edge", lambda m: {"config": [{"model_id": m["m1"], "specification": "modelarts.vm.cpu.2u",
                                    "instance_count": 1}]},
     "config[0].nodes", "required for edge services when updating"),
    ("edge", lambda m: {"schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 1}]},
     "schedule", "only for real-time"),
]


@pytest.mark.parametrize("which, build, field, rule", UPDATE_CASES)
def test_update_refuses_with_the_field_and_the_rule(stopped, which, build, field, rule):
    client, models, ids = stopped
    response = client.send("PUT", f"/services/{ids[which]}", build(models))
    status, code, message = error_of(response)
    assert status == 400 and f"'{field}'" in message and rule in message, message


def test_update_refuses_to_change_lts_channels_once_enabled(stopped):
    client, models, ids = stopped
    lts = {"log_report_channels": [{"type": "LTS"}]}
    client.ok("PUT", f"/services/{ids['rt']}", {"additional_properties": lts})
    # Naming another key keeps the channels ("the value set last time").
    client.ok("PUT", f"/services/{ids['rt']}",
              {"additional_properties": {"websocket_upgrade": False}})
    assert client.show(ids["rt"])["additional_properties"] == {**lts, "websocket_upgrade": False}
    status, _, message = error_of(client.send("PUT", f"/services/{ids['rt']}", {
        "additional_properties": {"log_report_channels": []}}))
    assert status == 400 and "cannot be changed once LTS" in message
