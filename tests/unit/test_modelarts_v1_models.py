"""The v1 models: every documented rule refused with its field and the rule, good bodies passed."""

from __future__ import annotations

import pytest

from inference_iac.core.actions import Action
from inference_iac.core.spec import replace_reasons
from inference_iac.core.unknowns import known_problems
from inference_iac.modelarts.v1.models.model import ModelSpec
from inference_iac.modelarts.v1.models.service import ServiceSpec, update_problems

CPU = "modelarts.vm.cpu.2u"


def entry(model_id="m1", **extra):
    return {"model_id": model_id, "specification": CPU, "instance_count": 1, **extra}


def real_time(*entries, **extra):
    return {"service_name": "shop", "config": list(entries) or [entry(weight=100)], **extra}


def batch(**extra_entry):
    fields = {"src_path": "obs://in/", "dest_path": "obs://out/", "req_uri": "/", "mapping_type": "file",
              **extra_entry}
    return {"service_name": "job", "infer_type": "batch",
            "config": [entry(**{k: v for k, v in fields.items() if v is not None})]}


def problems(inputs):
    return known_problems(ServiceSpec, inputs)


@pytest.mark.parametrize("inputs", [
    real_time(),
    real_time(entry("a", weight="70"), entry("b", weight="30")),  # the seed's string weights
    real_time(entry(weight=100, specification="custom", custom_spec={"cpu": 1.5, "memory": 7500}),
              cluster_id="8abf68a969c3cb3a0169c4acb24b0000"),
    real_time(schedule=[{"type": "stop", "time_unit": "HOURS", "duration": 24}]),
    real_time(vpc_id="vpc", subnet_network_id="net", security_group_id="sg"),
    real_time(load_balancer_policy="SOURCE_IP", priority=3, service_secrets=[{"secretId": "s", "mouthPath": "/s"}],
              additional_properties={"smn_notification": {"topic_urn": "urn:smn:t", "events": [1, 3, 7, 11]},
                                     "log_report_channels": [{"type": "LTS", "configuration": {
                                         "log_group_id": "g", "log_stream_id": "s"}}],
                                     "websocket_upgrade": True}),
    batch(),
    batch(mapping_type="csv", mapping_rule={"type": "object"}),
    batch(src_type="ManifestFile", src_path="obs://in/list.manifest"),
    {"service_name": "edge", "infer_type": "edge",
     "config": [entry(specification="custom", custom_spec={"cpu": 1.5, "memory": 7500}, nodes=["n1"])]},
    real_time(entry(weight=100, pool_name="pool-dedicated-0001", deploy_timeout_in_seconds=180,
                    additional_properties={"log_volume": [{"host_path": "/h", "mount_path": "/logs"}],
                                           "max_surge": 0.5, "max_unavailable": 0,
                                           "termination_grace_period_seconds": 30,
                                           "persistent_volumes": [{"mount_path": "/data", "storage_type": "sfs_turbo",
                                                                   "source_address": "sfs-1"}]},
                    affinity={"node_affinity": {"mode": "required", "pool_infos": [
                        {"pool_name": "pool-dedicated-0001", "nodes": [{"name": "192.168.0.1"}]}]}}),
              pool_name="pool-dedicated-0001"),
])
def test_good_services_pass(inputs):
    assert problems(inputs) == []


@pytest.mark.parametrize("inputs, path, rule", [
    (real_time(service_name="a b"), "service_name", "1 to 64 letters"),
    (real_time(service_name="x" * 65), "service_name", "1 to 64 letters"),
    (real_time(infer_type="offline"), "infer_type", "'real-time', 'batch' or 'edge'"),
    (real_time(description="x" * 101), "description", "at most 100 characters"),
    (real_time(description="a & b"), "description", "must not contain any of !<>+&\"'"),
    (real_time(entry(weight=70)), "config[0].weight", "weights of a real-time service must sum to 100, got 70"),
    (real_time(entry("a", weight=70), entry("b", weight=20)), "config[1].weight", "got 70 + 20 = 90"),
    (real_time(entry()), "config[0].weight", "required for real-time services"),
    (real_time(entry(weight=101)), "config[0].weight", "less than or equal to 100"),
    (real_time(entry(weight="seventy")), "config[0].weight", "valid integer"),
    (real_time(entry("a", weight=50), entry("a", weight=50)), "config[1].model_id", "once in a service"),
    (real_time(config=[]), "config", "at least 1 item"),
    (real_time(entry(weight=100, instance_count=129)), "config[0].instance_count", "less than or equal to 128"),
    (real_time(entry(weight=100, instance_count=0)), "config[0].instance_count", "greater than or equal to 1"),
    (real_time(entry(weight=100, specification="bad flavor")), "config[0].specification", "a flavor id"),
    (real_time(entry(weight=100, specification="custom")), "config[0].custom_spec", "required when specification is custom"),
    (real_time(entry(weight=100, custom_spec={"cpu": 1, "memory": 1})), "config[0].custom_spec",
     "applies only when specification is custom"),
    (real_time(entry(weight=100, specification="custom", custom_spec={"cpu": 1, "memory": 1})),
     "config[0].specification", "custom is available only on a dedicated resource pool"),
    (real_time(entry(weight=100, specification="custom", custom_spec={"cpu": 0.001, "memory": 1}), pool_name="p"),
     "config[0].custom_spec.cpu", "greater than or equal to 0.01"),
    (real_time(entry(weight=100, specification="custom", custom_spec={"cpu": 1, "memory": 1, "gpu_p4": 1,
                                                                      "ascend_a310": 1}), pool_name="p"),
     "config[0].custom_spec.ascend_a310", "either gpu_p4 or ascend_a310"),
    (real_time(entry(weight=100, specification="custom", custom_spec={"cpu": 1, "memory": 1, "gpu_p4": -1}),
               pool_name="p"), "config[0].custom_spec.gpu_p4", "greater than or equal to 0"),
    (real_time(entry(weight=100, cluster_id="c")), "config[0].cluster_id", "needs the service-level cluster_id"),
    (real_time(entry(weight=100, pool_name="p")), "config[0].pool_name", "needs the service-level cluster_id"),
    (real_time(entry(weight=100, deploy_timeout_in_seconds=179)), "config[0].deploy_timeout_in_seconds",
     "greater than or equal to 180"),
    (real_time(entry(weight=100, deploy_timeout_in_seconds=7201)), "config[0].deploy_timeout_in_seconds",
     "less than or equal to 7200"),
    (real_time(vpc_id="vpc", security_group_id="sg"), "subnet_network_id", "required when vpc_id is set"),
    (real_time(vpc_id="vpc", subnet_network_id="net"), "security_group_id", "required when vpc_id is set"),
    (real_time(schedule=[{"time_unit": "HOURS", "duration": 25}]), "schedule[0].duration", "at most 24 hours"),
    (real_time(schedule=[{"time_unit": "DAYS", "duration": 1}, {"time_unit": "HOURS", "duration": 1}]),
     "schedule", "at most 1 item"),
    (real_time(schedule=[{"type": "start", "time_unit": "HOURS", "duration": 1}]), "schedule[0].type", "'stop'"),
    (real_time(schedule=[{"time_unit": "WEEKS", "duration": 1}]), "schedule[0].time_unit", "'DAYS'"),
    ({**batch(), "schedule": [{"time_unit": "HOURS", "duration": 1}]}, "schedule", "only for real-time services"),
    ({**batch(), "load_balancer_policy": "ROUND_ROBIN"}, "load_balancer_policy", "only for real-time services"),
    (real_time(load_balancer_policy="RANDOM"), "load_balancer_policy", "'ROUND_ROBIN'"),
    (real_time(priority=4), "priority", "less than or equal to 3"),
    (real_time(priority=0), "priority", "greater than or equal to 1"),
    ({"service_name": "e", "infer_type": "edge", "priority": 1, "config": [entry(nodes=["n"])]}, "priority",
     "only for real-time and batch services"),
    ({"service_name": "e", "infer_type": "edge", "state": "stopped", "config": [entry()]}, "state",
     "edge services cannot be started or stopped"),
    ({"service_name": "e", "infer_type": "edge", "cluster_id": "c", "config": [entry(pool_name="p")]},
     "config[0].pool_name", "does not apply to edge services"),
    ({**batch(), "config": batch()["config"] * 2}, "config", "a batch service deploys exactly one model"),
    ({"service_name": "e", "infer_type": "edge", "config": [entry("a"), entry("b")]}, "config",
     "an edge service deploys exactly one model"),
    (batch(src_path=None), "config[0].src_path", "required for batch services"),
    ({**batch(), "config": [{**batch()["config"][0], "src_path": None}]}, "config[0].src_path", "required for batch"),
    ({**batch(), "config": [{**batch()["config"][0], "mapping_type": None}]}, "config[0].mapping_type",
     "required for batch"),
    ({**batch(), "config": [{**batch()["config"][0], "mapping_type": "csv"}]}, "config[0].mapping_rule",
     "required when mapping_type is csv"),
    ({**batch(), "config": [{**batch()["config"][0], "src_type": "ManifestFile"}]}, "config[0].src_path",
     "must be the path of a .manifest file"),
    ({**batch(), "config": [{**batch()["config"][0], "req_uri": "predict"}]}, "config[0].req_uri", "match pattern"),
    (real_time(entry(weight=100, src_path="obs://in/")), "config[0].src_path", "applies only to batch services"),
    (real_time(entry(weight=100, nodes=["n"])), "config[0].nodes", "applies only to edge services"),
    ({"service_name": "e", "infer_type": "edge", "config": [entry(nodes=["n", "n"])]}, "config[0].nodes",
     "must not name a node twice"),
    (real_time(entry(weight=100, additional_properties={"log_volume": [{"host_path": "/h", "mount_path": "/l"}]})),
     "config[0].additional_properties.log_volume", "only on a dedicated resource pool"),
    (real_time(entry(weight=100, additional_properties={"max_surge": 0})),
     "config[0].additional_properties.max_surge", "greater than 0"),
    (real_time(entry(weight=100, additional_properties={"max_unavailable": -1})),
     "config[0].additional_properties.max_unavailable", "greater than or equal to 0"),
    (real_time(entry(weight=100, additional_properties={"persistent_volumes": [{"mount_path": "/var/run"}]})),
     "config[0].additional_properties.persistent_volumes[0].mount_path", "must not be a system directory"),
    (real_time(entry(weight=100, additional_properties={"persistent_volumes": [{"mount_path": "data"}]})),
     "config[0].additional_properties.persistent_volumes[0].mount_path", "must be an absolute path"),
    (real_time(entry(weight=100, additional_properties={"persistent_volumes": [{"mount_path": "/d",
                                                                                "storage_type": "nfs"}]})),
     "config[0].additional_properties.persistent_volumes[0].storage_type", "'sfs_turbo'"),
    (real_time(entry(weight=100, affinity={"node_affinity": {"mode": "required", "pool_infos": [
        {"pool_name": "other", "nodes": [{"name": "n"}]}]}}), pool_name="pool-dedicated-0001"),
     "config[0].affinity.node_affinity.pool_infos[0].pool_name", "must be the pool_name the model is deployed in"),
    (real_time(entry(weight=100, affinity={"node_affinity": {"mode": "sometimes"}})),
     "config[0].affinity.node_affinity.mode", "'required' or 'preferred'"),
    (real_time(additional_properties={"smn_notification": {"topic_urn": "urn", "events": [2]}}),
     "additional_properties.smn_notification.events", "must each be one of 1 (failed)"),
    (real_time(additional_properties={"smn_notification": {"topic_urn": "urn", "events": []}}),
     "additional_properties.smn_notification.events", "at least 1 item"),
    (real_time(additional_properties={"log_report_channels": [{"type": "OBS"}]}),
     "additional_properties.log_report_channels[0].type", "'LTS'"),
    (real_time(additional_properties={"log_report_channels": [{"configuration": {"log_group_id": "g"}}]}),
     "additional_properties.log_report_channels[0].configuration.log_stream_id", "Field required"),
    (real_time(service_secrets=[{"secretId": "s", "mouthPath": "relative"}]), "service_secrets[0].mouthPath",
     "match pattern"),
    (real_time(pool_name=" "), "pool_name", "must not be blank"),
    (real_time(colour="blue"), "colour", "Extra inputs are not permitted"),
])
def test_each_rule_names_its_field(inputs, path, rule):
    found = problems(inputs)
    assert any(p == path and rule in r for p, r in found), found


def test_weights_given_as_strings_are_sent_as_integers():
    spec = ServiceSpec.model_validate(real_time(entry("a", weight="70"), entry("b", weight="30")))
    assert [c["weight"] for c in spec.create_body()["config"]] == [70, 30]


def test_cpu_is_kept_to_the_two_decimals_the_platform_keeps():
    spec = ServiceSpec.model_validate(real_time(entry(weight=100, specification="custom",
                                                      custom_spec={"cpu": 1.556, "memory": 8}), pool_name="p"))
    assert spec.config[0].custom_spec.cpu == 1.56


def test_only_the_update_table_fields_go_into_an_update():
    spec = ServiceSpec.model_validate(real_time(description="d", pool_name="p", priority=2,
                                                schedule=[{"time_unit": "HOURS", "duration": 1}], state="running"))
    assert set(spec.update_body({"description", "config", "schedule", "pool_name", "priority", "state"})) == \
        {"description", "config", "schedule"}


def test_replace_only_fields_say_why():
    reasons = replace_reasons(ServiceSpec)
    assert set(reasons) == {"service_name", "infer_type", "workspace_id", "cluster_id", "pool_name", "vpc_id",
                            "subnet_network_id", "security_group_id", "load_balancer_policy", "service_secrets",
                            "priority"}
    assert all("update API" in why for why in reasons.values())


def test_an_edge_config_update_needs_its_nodes():
    old = {"service_name": "e", "infer_type": "edge", "config": [entry()]}
    new = ServiceSpec.model_validate({**old, "config": [entry(instance_count=2)]})
    assert update_problems(new, ServiceSpec.model_validate(old).body()) == [
        ("config[0].nodes", "required for edge services when their config is updated (seed 001)")]
    assert update_problems(ServiceSpec.model_validate(old), ServiceSpec.model_validate(old).body()) == []


def test_the_live_service_projects_onto_the_inputs():
    live = {"service_id": "s1", "service_name": "shop", "infer_type": "edge", "workspace_id": "0", "status": "stopped",
            "description": "", "progress": 100, "additional_properties": {}, "schedule": None,
            "config": [{"model_id": "m1", "specification": CPU, "instance_count": 1, "weight": 100,
                        "model_name": "m", "model_version": "1.0.0", "status": "stopped", "envs": {},
                        "nodes": [{"id": "n1", "name": "n1", "state": "RUNNING"}]}]}
    spec = ServiceSpec.from_api(live, {})
    assert spec.config[0].nodes == ["n1"] and spec.schedule == []
    assert spec.state is None, "an edge service has no run state"
    shown = {**live, "infer_type": "real-time", "priority": 1, "config": [{**live["config"][0], "nodes": None}]}
    real_time = ServiceSpec.from_api(shown, {"priority": 2})
    assert real_time.state == "stopped"
    assert real_time.priority == 2, "not documented in the response: the applied value is compared"


# ----- models ------------------------------------------------------------------------------------------

IMAGE = {"model_name": "shop-model", "model_version": "1.0.0", "model_type": "Image",
         "source_location": "swr.example.com/org/app:1"}


@pytest.mark.parametrize("inputs", [
    IMAGE,
    {**IMAGE, "model_version": "99.0.10", "source_copy": "false", "install_type": ["real-time", "batch", "edge"],
     "description": "an image", "initial_config": '{"protocol": "https", "port": 8080}'},
    {"model_name": "tmpl", "model_version": "0.0.1", "model_type": "Template",
     "template": {"template_id": "t1", "template_inputs": [{"input_id": "i", "input": "obs://m/"}]}},
    {**IMAGE, "model_type": "TensorFlow", "runtime": "python3.6", "model_docs": [{"doc_url": "u"}] * 3},
])
def test_good_models_pass(inputs):
    assert known_problems(ModelSpec, inputs) == []


@pytest.mark.parametrize("inputs, path, rule", [
    ({**IMAGE, "model_name": "shop model"}, "model_name", "1 to 64 letters"),
    ({**IMAGE, "model_version": "01.01.01"}, "model_version", "without a leading zero"),
    ({**IMAGE, "model_version": "1.0"}, "model_version", "Digit.Digit.Digit"),
    ({**IMAGE, "model_version": "100.0.0"}, "model_version", "from 0 to 99"),
    ({**IMAGE, "model_type": "Onnx"}, "model_type", "'Image'"),
    ({k: v for k, v in IMAGE.items() if k != "source_location"}, "source_location", "required unless model_type"),
    ({**IMAGE, "model_type": "Template", "source_location": None}, "template", "required when model_type is Template"),
    ({**IMAGE, "model_type": "PyTorch", "source_copy": "true"}, "source_copy", "only to models of model_type Image"),
    ({**IMAGE, "source_copy": "yes"}, "source_copy", "'true' or 'false'"),
    ({**IMAGE, "install_type": []}, "install_type", "at least 1 item"),
    ({**IMAGE, "install_type": ["batch", "batch"]}, "install_type", "must not name a deployment type twice"),
    ({**IMAGE, "install_type": ["online"]}, "install_type[0]", "'real-time'"),
    ({**IMAGE, "description": "x" * 101}, "description", "at most 100 characters"),
    ({**IMAGE, "description": ""}, "description", "at least 1 character"),
    ({**IMAGE, "description": "a=b"}, "description", "must not contain any of &!'\"<>="),
    ({**IMAGE, "initial_config": "{not json"}, "initial_config", "as an object or a JSON string"),
    ({**IMAGE, "initial_config": "[1]"}, "initial_config", "as an object"),
    ({**IMAGE, "model_docs": [{}] * 4}, "model_docs", "at most 3 items"),
    ({**IMAGE, "source_type": "manual"}, "source_type", "'auto'"),
])
def test_each_model_rule_names_its_field(inputs, path, rule):
    found = known_problems(ModelSpec, inputs)
    assert any(p == path and rule in r for p, r in found), found


def test_every_model_field_is_replace_only():
    reasons = replace_reasons(ModelSpec)
    assert set(reasons) == set(ModelSpec.model_fields)
    assert ModelSpec.unlisted_change is Action.REPLACE


def test_the_configuration_file_is_sent_as_a_json_string_and_read_back_as_an_object():
    spec = ModelSpec.model_validate({**IMAGE, "initial_config": {"port": 8080}})
    assert spec.create_body()["initial_config"] == '{"port": 8080}'
    live = ModelSpec.from_api({**IMAGE, "model_id": "id", "config": '{"port": 8080}', "description": "",
                               "install_type": ["real-time", "batch"], "model_status": "published"})
    assert live.initial_config == {"port": 8080} and live.description is None


# ----- the seeds' example requests -------------------------------------------------------------------

SEED_000_EXAMPLES = [
    {"infer_type": "real-time", "service_name": "mnist", "description": "mnist service",
     "config": [{"specification": "modelarts.vm.cpu.2u", "weight": 100, "model_id": "0e07b41b", "instance_count": 1}]},
    {"service_name": "mnist", "description": "mnist service", "infer_type": "real-time",
     "config": [{"model_id": "xxxmodel-idxxx", "weight": "70", "specification": "modelarts.vm.cpu.2u",
                 "instance_count": 1, "envs": {"model_name": "mxnet-model-1", "load_epoch": "0"}},
                {"model_id": "xxxxxx", "weight": "30", "specification": "modelarts.vm.cpu.2u", "instance_count": 1}]},
    {"service_name": "realtime-demo", "description": "", "infer_type": "real-time",
     "cluster_id": "8abf68a969c3cb3a0169c4acb24b0000",
     "config": [{"model_id": "eb6a4a8c", "weight": "100", "cluster_id": "8abf68a969c3cb3a0169c4acb24b0000",
                 "specification": "custom", "custom_spec": {"cpu": 1.5, "memory": 7500}, "instance_count": 1}]},
    {"service_name": "service-demo", "description": "demo", "infer_type": "real-time",
     "config": [{"model_id": "xxxmodel-idxxx", "weight": "100", "specification": "modelarts.vm.cpu.2u",
                 "instance_count": 1}],
     "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 1}]},
    {"service_name": "batchservicetest", "description": "", "infer_type": "batch",
     "cluster_id": "8abf68a969c3cb3a0169c4acb24b****",
     "config": [{"model_id": "598b913a", "specification": "modelarts.vm.cpu.2u", "instance_count": 1,
                 "src_path": "https://infers-data.obs.xxxxx.com/xgboosterdata/",
                 "dest_path": "https://infers-data.obs.xxxxx.com/output/", "req_uri": "/", "mapping_type": "file"}]},
    {"service_name": "batchservicetest", "description": "", "infer_type": "batch",
     "config": [{"model_id": "598b913a", "specification": "modelarts.vm.cpu.2u", "instance_count": 1,
                 "src_path": "https://infers-data.obs.xxxxx.com/xgboosterdata/",
                 "dest_path": "https://infers-data.obs.xxxxx.com/output/", "req_uri": "/", "mapping_type": "csv",
                 "mapping_rule": {"type": "object", "properties": {"data": {"type": "object"}}}}]},
    {"service_name": "service-edge-demo", "description": "", "infer_type": "edge",
     "config": [{"model_id": "eb6a4a8c", "specification": "custom", "instance_count": 1,
                 "custom_spec": {"cpu": 1.5, "memory": 7500}, "envs": {},
                 "nodes": ["2r8c4fb9-t497-40u3-89yf-skui77db0472"]}]},
]


@pytest.mark.parametrize("body", SEED_000_EXAMPLES, ids=[b["service_name"] + "-" + str(i)
                                                         for i, b in enumerate(SEED_000_EXAMPLES)])
def test_the_create_examples_of_seed_000_pass_and_dump_back(body):
    assert problems(body) == []
    sent = ServiceSpec.model_validate(body).create_body()
    assert {k: v for k, v in sent.items() if k not in ("workspace_id",)} == {
        **body, "config": [{**e, **({"weight": int(e["weight"])} if "weight" in e else {})} for e in body["config"]]}


def test_the_update_example_of_seed_001_is_a_config_then_a_status():
    from inference_iac.modelarts.v1.planner.service import PutSettings, SetStatus, plan_service

    live = ServiceSpec.model_validate({"service_name": "svc", "state": "stopped", "description": "old",
                                       "config": [entry("xxxx", weight=100)]})
    desired = ServiceSpec.model_validate({"service_name": "svc", "description": "", "state": "running",
                                          "config": [entry("xxxx", weight="100", instance_count=2)]})
    steps = plan_service(desired, live).steps
    assert [type(s) for s in steps] == [PutSettings, SetStatus]
    assert desired.update_body(steps[0].fields) == {"description": "", "config": [entry("xxxx", weight=100,
                                                                                        instance_count=2)]}
