"""The PAI-EAS models: every documented limit refused at `check`, naming the field and the rule."""

from __future__ import annotations

import copy

import pytest

from inference_iac.core.unknowns import known_problems
from inference_iac.eas.models.api_key import ApiKeySpec
from inference_iac.eas.models.common import CRON, with_seconds, without_seconds
from inference_iac.eas.models.deployment import DeploymentSpec
from inference_iac.eas.models.gateway import GatewaySpec
from inference_iac.eas.models.intranet_connection import IntranetConnectionSpec
from inference_iac.eas.models.scaling_rule import ScalingRuleSpec
from inference_iac.eas.models.service import ServiceSpec
from inference_iac.eas.models.traffic_shift import TrafficShiftSpec

DEPLOYMENT = {"name": "shop_main", "metadata": {"group": "shop", "instance": 2, "cpu": 2, "memory": 4000},
              "containers": [{"image": "registry.example/app:1", "port": 8000}]}
RULE = {"deployment_name": "shop_main",
        "cron": {"scale_jobs": [{"name": "morning", "schedule": "0 8 * * *", "target_size": 3}]},
        "autoscaler": {"min": 1, "max": 4, "scale_strategies": [{"metric_name": "qps", "threshold": 10}]}}
SHIFT = {"service_name": "shop", "stable_deployment_name": "shop_main", "canary_deployment_name": "shop_canary",
         "steps": [10, 50, 100]}
GATEWAY = {"name": "gw-shop", "instance_type": "2c4g"}
CONNECTION = {"gateway_id": "gw-abc", "vpc_id": "vpc-1", "vswitch_id": "vsw-1"}


def patched(base: dict, path: str, value) -> dict:
    data = copy.deepcopy(base)
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if value is DELETE:
        del node[parts[-1]]
    else:
        node[parts[-1]] = value
    return data


DELETE = object()

BAD = [
    # (model, base, path to patch, value, reported path, words of the rule)
    (DeploymentSpec, DEPLOYMENT, "name", "Shop-Main", "name", "should match pattern"),
    (DeploymentSpec, DEPLOYMENT, "name", "ab", "name", "should match pattern"),
    (DeploymentSpec, DEPLOYMENT, "metadata.group", "Bad Group", "metadata.group", "should match pattern"),
    (DeploymentSpec, DEPLOYMENT, "metadata.instance", 0, "metadata.instance", "greater than or equal to 1"),
    (DeploymentSpec, DEPLOYMENT, "metadata.cpu", 0, "metadata.cpu", "greater than or equal to 1"),
    (DeploymentSpec, DEPLOYMENT, "metadata.memory", 0, "metadata.memory", "greater than or equal to 1"),
    (DeploymentSpec, DEPLOYMENT, "metadata.gpu", -1, "metadata.gpu", "greater than or equal to 0"),
    (DeploymentSpec, DEPLOYMENT, "metadata.cpu", DELETE, "metadata.cpu", "sized by metadata.cpu and metadata.memory"),
    (DeploymentSpec, DEPLOYMENT, "metadata.memory", DELETE, "metadata.memory", "sized by metadata.cpu and metadata.memory"),
    (DeploymentSpec, DEPLOYMENT, "metadata.rpc_worker_threads", 0, "metadata.rpc_worker_threads", "greater than or equal to 1"),
    (DeploymentSpec, DEPLOYMENT, "metadata.rpc_rate_limit", -1, "metadata.rpc_rate_limit", "greater than or equal to 0"),
    (DeploymentSpec, DEPLOYMENT, "metadata.rolling_strategy", {"max_surge": "150%"},
     "metadata.rolling_strategy.max_surge", "percentage from '0%' to '100%'"),
    (DeploymentSpec, DEPLOYMENT, "metadata.rolling_strategy", {"max_unavailable": -1},
     "metadata.rolling_strategy.max_unavailable", "must not be negative"),
    (DeploymentSpec, DEPLOYMENT, "metadata.rolling_strategy", {"max_surge": 0, "max_unavailable": "0%"},
     "metadata.rolling_strategy.max_surge", "could ever be replaced"),
    (DeploymentSpec, DEPLOYMENT, "containers", [], "containers", "at least 1 item"),
    (DeploymentSpec, DEPLOYMENT, "containers", DELETE, "containers", "runs containers"),
    (DeploymentSpec, DEPLOYMENT, "containers.0.port", 70000, "containers[0].port", "less than or equal to 65535"),
    (DeploymentSpec, DEPLOYMENT, "containers.0.image", "", "containers[0].image", "at least 1 character"),
    (DeploymentSpec, DEPLOYMENT, "processor_type", "Python", "processor_type", "processor_path and processor_type"),
    (DeploymentSpec, {**DEPLOYMENT, "processor_path": "http://x/p.tar.gz"}, "processor_type", "java",
     "processor_mainclass", "required when processor_type is Java"),
    (DeploymentSpec, {**DEPLOYMENT, "processor_path": "http://x/p.tar.gz"}, "processor_type", "cpp",
     "processor_entry", "required when processor_type is C++"),
    (DeploymentSpec, {**DEPLOYMENT, "processor_path": "http://x/p.tar.gz"}, "processor_type", "Go",
     "processor_type", "'C', 'C++', 'Java' or 'Python'"),
    (DeploymentSpec, DEPLOYMENT, "model_path", "oss://bucket/model/", "oss_endpoint", "required when model_path"),
    (DeploymentSpec, DEPLOYMENT, "storage", [{"mount_path": "data"}], "storage[0].mount_path", "should match pattern"),
    (DeploymentSpec, DEPLOYMENT, "storage", [{"mount_path": "/d", "oss": {"path": "s3://b/"}}],
     "storage[0].oss.path", "should match pattern"),
    (DeploymentSpec, DEPLOYMENT, "storage", [{"mount_path": "/d"}, {"mount_path": "/d"}], "storage",
     "share a mount_path"),
    (DeploymentSpec, DEPLOYMENT, "cloud", {"networking": {"vpc_id": "vpc-1"}}, "cloud.networking.vpc_id",
     "given together"),
    (DeploymentSpec, DEPLOYMENT, "weight", 1001, "weight", "less than or equal to 1000"),
    (DeploymentSpec, DEPLOYMENT, "weight", -1, "weight", "greater than or equal to 0"),
    (DeploymentSpec, DEPLOYMENT, "initial_weight", 2000, "initial_weight", "less than or equal to 1000"),
    (DeploymentSpec, DEPLOYMENT, "labels", {"aliyun.x": "1"}, "labels", "reserved by the platform"),
    (DeploymentSpec, DEPLOYMENT, "labels", {"inference-iac.api-key": "k"}, "labels", "the provider's own"),
    (DeploymentSpec, DEPLOYMENT, "labels", {"k" * 129: "v"}, "labels", "1 to 128 characters"),
    (DeploymentSpec, DEPLOYMENT, "safety_lock", "some", "safety_lock", "'all', 'dangerous' or 'none'"),
    (DeploymentSpec, DEPLOYMENT, "mirror", {"ratio": 101, "targets": ["shop_shadow"]}, "mirror.ratio",
     "less than or equal to 100"),
    (DeploymentSpec, DEPLOYMENT, "mirror", {"ratio": 10, "targets": ["shop_main"]}, "mirror", "to itself"),
    (DeploymentSpec, DEPLOYMENT, "mirror", {"ratio": 10, "targets": []}, "mirror.targets", "at least 1 item"),
    (DeploymentSpec, DEPLOYMENT, "token", "secret", "token", "ApiKey"),
    (DeploymentSpec, DEPLOYMENT, "metadata.disk", "10G", "metadata.disk", "Extra inputs are not permitted"),
    (ServiceSpec, {"name": "shop"}, "name", "Shop", "name", "should match pattern"),
    (ApiKeySpec, {"name": "key", "deployment_name": "shop_main"}, "deployment_name", "shop-main", "deployment_name",
     "should match pattern"),
    (ApiKeySpec, {"name": "key", "deployment_name": "shop_main"}, "name", "a key", "name", "should match pattern"),
    (ScalingRuleSpec, RULE, "cron", DELETE, "cron", None),  # (autoscaler alone is fine: checked below)
    (ScalingRuleSpec, RULE, "cron.scale_jobs.0.schedule", "0 0 8 * * *", "cron.scale_jobs[0].schedule",
     "must have 5 fields"),
    (ScalingRuleSpec, RULE, "cron.scale_jobs.0.schedule", "0 8 * * 7", "cron.scale_jobs[0].schedule",
     "day of week field"),
    (ScalingRuleSpec, RULE, "cron.scale_jobs.0.schedule", "61 8 * * *", "cron.scale_jobs[0].schedule",
     "minute field"),
    (ScalingRuleSpec, RULE, "cron.scale_jobs.0.target_size", -1, "cron.scale_jobs[0].target_size",
     "greater than or equal to 0"),
    (ScalingRuleSpec, RULE, "cron.scale_jobs", [], "cron.scale_jobs", "at least 1 item"),
    (ScalingRuleSpec, RULE, "cron.scale_jobs", [{"name": "a", "schedule": "0 8 * * *", "target_size": 1},
                                                {"name": "a", "schedule": "0 9 * * *", "target_size": 1}],
     "cron.scale_jobs", "must be unique"),
    (ScalingRuleSpec, RULE, "cron.exclude_dates", ["* * * *"], "cron.exclude_dates", "must have 5 fields"),
    (ScalingRuleSpec, RULE, "autoscaler.min", 0, "autoscaler.min", "greater than or equal to 1"),
    (ScalingRuleSpec, RULE, "autoscaler.max", 1, "autoscaler.max", "greater than min"),
    (ScalingRuleSpec, RULE, "autoscaler.scale_strategies", [], "autoscaler.scale_strategies", "at least 1 item"),
    (ScalingRuleSpec, RULE, "autoscaler.scale_strategies.0.metric_name", "memory",
     "autoscaler.scale_strategies[0].metric_name", "'qps', 'cpu' or 'gpu'"),
    (ScalingRuleSpec, RULE, "autoscaler.scale_strategies.0.threshold", 0,
     "autoscaler.scale_strategies[0].threshold", "greater than 0"),
    (ScalingRuleSpec, RULE, "autoscaler.scale_strategies", [{"metric_name": "cpu", "threshold": 120}],
     "autoscaler.scale_strategies[0].threshold", "at most 100"),
    (ScalingRuleSpec, RULE, "autoscaler.scale_strategies", [{"metric_name": "cpu", "threshold": 50},
                                                            {"metric_name": "cpu", "threshold": 60}],
     "autoscaler.scale_strategies", "given twice"),
    (ScalingRuleSpec, RULE, "autoscaler.behavior", {"on_zero": {"scale_up_activation_replicas": 0}},
     "autoscaler.behavior.on_zero.scale_up_activation_replicas", "greater than or equal to 1"),
    (ScalingRuleSpec, RULE, "autoscaler.behavior", {"scale_down": {"stabilization_window_seconds": -5}},
     "autoscaler.behavior.scale_down.stabilization_window_seconds", "greater than or equal to 0"),
    (TrafficShiftSpec, SHIFT, "steps", [50, 10], "steps", "strictly increasing"),
    (TrafficShiftSpec, SHIFT, "steps", [101], "steps[0]", "less than or equal to 100"),
    (TrafficShiftSpec, SHIFT, "steps", [], "steps", "at least 1 item"),
    (TrafficShiftSpec, SHIFT, "canary_deployment_name", "shop_main", "canary_deployment_name", "must differ"),
    (TrafficShiftSpec, SHIFT, "bake_seconds", -1, "bake_seconds", "greater than or equal to 0"),
    (GatewaySpec, GATEWAY, "instance_type", "1c2g", "instance_type", "'2c4g', '4c8g', '8c16g' or '16c32g'"),
    (GatewaySpec, GATEWAY, "replicas", 0, "replicas", "greater than or equal to 1"),
    (GatewaySpec, GATEWAY, "charge_type", "Monthly", "charge_type", "'PrePaid' or 'PostPaid'"),
    (IntranetConnectionSpec, CONNECTION, "vpc_id", "my-vpc", "vpc_id", "should match pattern"),
    (IntranetConnectionSpec, CONNECTION, "vswitch_id", "subnet-1", "vswitch_id", "should match pattern"),
    (IntranetConnectionSpec, CONNECTION, "gateway_id", "gateway", "gateway_id", "should match pattern"),
]


@pytest.mark.parametrize("model,base,path,value,reported,rule", [b for b in BAD if b[5]],
                         ids=[f"{b[0].__name__}:{b[2]}={b[3]!r}"[:80] for b in BAD if b[5]])
def test_a_broken_limit_names_the_field_and_the_rule(model, base, path, value, reported, rule):
    problems = known_problems(model, patched(base, path, value))
    assert problems, "accepted"
    assert any(p == reported and rule in r for p, r in problems), problems


@pytest.mark.parametrize("model,base", [(DeploymentSpec, DEPLOYMENT), (ScalingRuleSpec, RULE),
                                        (TrafficShiftSpec, SHIFT), (GatewaySpec, GATEWAY),
                                        (IntranetConnectionSpec, CONNECTION), (ServiceSpec, {"name": "shop"}),
                                        (ApiKeySpec, {"name": "key", "deployment_name": "shop_main"})])
def test_the_examples_are_valid(model, base):
    assert known_problems(model, base) == []


def test_a_scaling_rule_needs_a_scaler():
    assert known_problems(ScalingRuleSpec, {"deployment_name": "shop_main"}) == [
        ("cron", "give a cron scaler, an autoscaler, or both")]
    assert known_problems(ScalingRuleSpec, {**RULE, "cron": None}) == []


def test_the_service_json_uses_the_apis_key_names():
    spec = DeploymentSpec.model_validate(patched(patched(patched(DEPLOYMENT, "metadata.rpc_keepalive", 5000),
                                                         "storage", [{"mount_path": "/data", "oss": {
                                                             "path": "oss://b/d/", "read_only": True}}]),
                                                 "model_settings", {"threads": 2}))
    body = spec.service_json(token="t")
    assert body["metadata"]["rpc.keepalive"] == 5000 and body["storage"][0]["oss"]["readOnly"] is True
    assert body["model_config"] == {"threads": 2} and body["token"] == "t"
    assert "weight" not in body and "labels" not in body
    assert spec.body()["metadata"]["rpc_keepalive"] == 5000  # the state keeps the input names


def test_the_live_json_projects_onto_the_inputs_without_its_token_or_own_labels():
    live = {"ServiceName": "shop_main", "TrafficState": "grouping", "Weight": 40, "SafetyLock": "none",
            "labels": {"team": "ml", "inference-iac.api-key": "key"},
            "config": {**DEPLOYMENT, "token": "secret", "metadata": {**DEPLOYMENT["metadata"], "rpc.keepalive": 5000},
                       "unknown_key": 1}}
    spec = DeploymentSpec.from_api(live)
    assert spec.weight == 40 and spec.labels == {"team": "ml"} and spec.metadata.rpc_keepalive == 5000
    assert "token" not in spec.service_json()
    assert DeploymentSpec.from_api({**live, "TrafficState": "standalone"}).weight == 0


@pytest.mark.parametrize("placement", [{"cloud": {"computing": {"instance_type": "ecs.c6.large"}}},
                                       {"cloud": {"computing": {"instances": [{"type": "ecs.c6.large"}]}}},
                                       {"metadata": {"group": "shop", "resource": "eas-r-abc"}}])
def test_an_instance_type_or_a_resource_group_sizes_an_instance_without_cpu_and_memory(placement):
    unsized = patched(patched(DEPLOYMENT, "metadata.cpu", DELETE), "metadata.memory", DELETE)
    assert known_problems(DeploymentSpec, {**unsized, **placement}) == []


def test_a_live_service_reported_without_cpu_or_memory_still_reads():
    live = {"ServiceName": "shop_main", "config": {**DEPLOYMENT, "metadata": {"group": "shop", "instance": 1}}}
    assert DeploymentSpec.from_api(live).metadata.cpu is None


def test_processor_types_are_read_in_any_case():
    spec = DeploymentSpec.model_validate({**DEPLOYMENT, "processor_path": "http://x/p.zip", "processor_type": "python",
                                          "processor_entry": "app.py"})
    assert spec.processor_type == "Python"


def test_cron_expressions_gain_and_lose_the_seconds_field():
    assert CRON.error("0 8 ? * MON-FRI") is None and CRON.error("*/15 0-6 1,15 JAN-MAR *") is None
    assert with_seconds("0 8 * * *", "0") == "0 0 8 * * *"
    assert without_seconds("0 0 8 * * *", "0") == "0 8 * * *"
    assert without_seconds("30 0 8 * * *", "0") == "30 0 8 * * *"  # another second: drift, never hidden
    rule = ScalingRuleSpec.model_validate({**RULE, "cron": {**RULE["cron"], "exclude_dates": ["* * * * 0,6"]}})
    assert rule.cron.request_body() == {"ScaleJobs": [{"Name": "morning", "Schedule": "0 0 8 * * *", "TargetSize": 3}],
                                        "ExcludeDates": ["* * * * * 0,6"]}


def test_the_autoscaler_body_is_lower_camel_with_the_apis_metric_names():
    rule = ScalingRuleSpec.model_validate(patched(RULE, "autoscaler.scale_strategies",
                                                  [{"metric_name": "gpu", "threshold": 70}]))
    rule = ScalingRuleSpec.model_validate({**rule.body(), "autoscaler": {**rule.body()["autoscaler"], "behavior": {
        "on_zero": {"scale_down_grace_period_seconds": 600}, "scale_up": {"stabilization_window_seconds": 0}}}})
    assert rule.autoscaler.request_body() == {
        "min": 1, "max": 4, "scaleStrategies": [{"metricName": "gpu[util]", "threshold": 70.0}],
        "behavior": {"onZero": {"scaleDownGracePeriodSeconds": 600}, "scaleUp": {"stabilizationWindowSeconds": 0}}}


def test_gateway_bodies_use_the_wire_names():
    spec = GatewaySpec.model_validate({**GATEWAY, "replicas": 2, "enable_internet": True, "is_default": True})
    assert spec.create_body() == {"Name": "gw-shop", "InstanceType": "2c4g", "Replicas": 2, "EnableInternet": True}
    assert spec.update_body({"is_default", "replicas"}) == {"Replicas": 2, "IsDefault": True}


def test_the_gateway_billing_method_is_the_list_item_s_or_the_last_applied_one():
    # DescribeGateway does not answer with ChargeType; a ListGateway item does.
    described = {"GatewayName": "gw-shop", "InstanceType": "2c4g", "Replicas": 2}
    assert GatewaySpec.from_api(described).charge_type is None
    assert GatewaySpec.from_api(described, {"charge_type": "PrePaid"}).charge_type == "PrePaid"
    listed = {**described, "ChargeType": "PostPaid"}
    assert GatewaySpec.from_api(listed, {"charge_type": "PrePaid"}).charge_type == "PostPaid"
