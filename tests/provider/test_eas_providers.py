"""PAI-EAS provider methods (check/diff/create/read/update/delete) against a running emulator."""

from __future__ import annotations

import pytest
from eas_support import REGION, eas_client, eas_configured

from inference_iac.core.ids import IdFormatError
from inference_iac.eas.resources.api_key import ApiKeyProvider
from inference_iac.eas.resources.deployment import DeploymentProvider
from inference_iac.eas.resources.gateway import GatewayProvider
from inference_iac.eas.resources.intranet_connection import IntranetConnectionProvider
from inference_iac.eas.resources.scaling_rule import ScalingRuleProvider
from inference_iac.eas.resources.service import ServiceProvider
from inference_iac.eas.resources.traffic_shift import TrafficShiftProvider


def deployment_inputs(name: str, group: str, **overrides) -> dict:
    return {"name": name, "metadata": {"group": group, "instance": 1, "cpu": 1, "memory": 1000},
            "containers": [{"image": "registry.example/app:1", "port": 8000}], **overrides}


def create(provider, inputs: dict) -> tuple[str, dict]:
    checked = provider.check({}, inputs)
    assert checked.failures == [], checked.failures
    created = provider.create(checked.inputs)
    return created.id, {**checked.inputs, **created.outs}


@pytest.fixture(scope="module")
def api(live_emulator):
    with eas_client(live_emulator) as client:
        yield client


def test_check_names_the_field_and_the_rule_without_calling_the_api():
    result = DeploymentProvider().check({}, deployment_inputs("shop_main", "shop", metadata={"group": "shop", "cpu": 0}))
    assert [f.property for f in result.failures] == ["metadata"]
    assert "metadata.cpu" in result.failures[0].reason and "greater than or equal to 1" in result.failures[0].reason


def test_check_refuses_a_member_with_nothing_to_size_its_instances():
    result = DeploymentProvider().check({}, deployment_inputs("shop_main", "shop", metadata={"group": "shop"}))
    assert [f.property for f in result.failures] == ["metadata"]
    assert result.failures[0].reason.startswith("metadata.cpu: missing; an instance on public resources")


def test_check_tolerates_unknown_values_at_preview():
    from pulumi.runtime.rpc import UNKNOWN

    inputs = deployment_inputs("shop_main", "shop")
    inputs["metadata"]["group"] = UNKNOWN
    assert DeploymentProvider().check({}, inputs).failures == []
    unsized = deployment_inputs("shop_main", "shop", metadata={"group": "shop"}, cloud=UNKNOWN)
    assert DeploymentProvider().check({}, unsized).failures == []  # the instance type may come with it


def test_service_and_deployment_lifecycle(live_emulator, api):
    services = eas_configured(ServiceProvider(), live_emulator)
    service_id, service_outs = create(services, {"name": "prov_shop"})
    assert service_id == f"{REGION}/prov_shop" and service_outs["internet_endpoint"] == ""

    deployments = eas_configured(DeploymentProvider(), live_emulator)
    dep_id, outs = create(deployments, deployment_inputs("prov_shop_main", "prov_shop", labels={"team": "ml"}))
    assert dep_id == f"{REGION}/prov_shop_main" and outs["status"] == "Running" and outs["version"] == 1
    assert outs["internet_endpoint"].endswith("/api/predict/prov_shop_main")
    assert deployments.diff(dep_id, outs, outs).changes is False

    # The group now exists: the Service records its endpoint and token on the next update.
    diff = services.diff(service_id, service_outs, service_outs)
    assert diff.changes is True and not diff.replaces
    service_outs = {**service_outs, **services.update(service_id, service_outs, service_outs).outs}
    assert service_outs["internet_endpoint"].endswith("/api/predict/prov_shop") and service_outs["access_token"]

    upgraded = {**outs, "containers": [{"image": "registry.example/app:2", "port": 8000}]}
    diff = deployments.diff(dep_id, outs, upgraded)
    assert diff.changes is True and not diff.replaces
    outs = {**upgraded, **deployments.update(dep_id, outs, upgraded).outs}
    assert outs["version"] == 2

    read = deployments.read(dep_id, outs)
    assert read.outs["containers"][0]["image"] == "registry.example/app:2" and read.outs["labels"] == {"team": "ml"}
    assert deployments.diff(dep_id, read.outs, upgraded).changes is False

    renamed = {**upgraded, "name": "prov_shop_other"}
    assert deployments.diff(dep_id, outs, renamed).replaces == ["name"]
    with pytest.raises(Exception, match="allow_replace is false"):
        deployments.diff(dep_id, outs, {**renamed, "allow_replace": False})

    imported = deployments.read(dep_id, {})
    assert imported.outs["name"] == "prov_shop_main" and imported.outs["metadata"]["group"] == "prov_shop"

    deployments.delete(dep_id, outs)
    assert api.services.find("prov_shop_main") is None
    services.delete(service_id, service_outs)


def test_an_id_of_another_region_is_refused(live_emulator):
    provider = eas_configured(DeploymentProvider(), live_emulator)
    with pytest.raises(IdFormatError, match="configured for cn-shanghai"):
        provider.read("cn-beijing/prov_x", {})


def test_api_key_value_is_the_token_and_a_second_key_is_refused_at_preview(live_emulator, api):
    deployments = eas_configured(DeploymentProvider(), live_emulator)
    dep_id, dep_outs = create(deployments, deployment_inputs("prov_keyed", "prov_keys"))
    keys = eas_configured(ApiKeyProvider(), live_emulator)
    key_id, outs = create(keys, {"name": "first-key", "deployment_name": "prov_keyed"})
    assert key_id == f"{REGION}/prov_keyed" and outs["api_key"] == api.services.get("prov_keyed")["AccessToken"]

    second = keys.check({}, {"name": "second-key", "deployment_name": "prov_keyed"})
    assert [f.property for f in second.failures] == ["deployment_name"]
    assert "one token per service" in second.failures[0].reason

    # The Deployment's update keeps the key's token; the token is never part of its diff.
    upgraded = {**dep_outs, "containers": [{"image": "registry.example/app:2", "port": 8000}]}
    deployments.update(dep_id, dep_outs, upgraded)
    assert api.services.get("prov_keyed")["AccessToken"] == outs["api_key"]

    assert keys.diff(key_id, outs, {**outs, "rotation": "2"}).replaces == ["rotation"]
    assert keys.read(key_id, outs).outs["api_key"] == outs["api_key"]
    keys.delete(key_id, outs)
    assert api.services.get("prov_keyed")["AccessToken"] != outs["api_key"]
    deployments.delete(dep_id, upgraded)


def test_a_scaling_rule_owns_the_instance_count(live_emulator):
    deployments = eas_configured(DeploymentProvider(), live_emulator)
    dep_id, dep_outs = create(deployments, deployment_inputs("prov_scaled", "prov_scaling"))
    rules = eas_configured(ScalingRuleProvider(), live_emulator)
    rule_id, outs = create(rules, {"deployment_name": "prov_scaled", "autoscaler": {
        "min": 2, "max": 4, "scale_strategies": [{"metric_name": "qps", "threshold": 20}]},
        "cron": {"scale_jobs": [{"name": "night", "schedule": "0 22 * * *", "target_size": 2}]}})
    assert rule_id == f"{REGION}/prov_scaled" and outs["has_cron"] and outs["has_autoscaler"]
    assert rules.diff(rule_id, outs, outs).changes is False
    # The autoscaler moved the count to its minimum: that is no drift of the Deployment.
    assert deployments.diff(dep_id, dep_outs, {**dep_outs, "metadata": {**dep_outs["metadata"], "instance": 3}}
                            ).changes is False
    rules.delete(rule_id, outs)
    deployments.delete(dep_id, dep_outs)


def test_gateway_and_intranet_connection(live_emulator, api):
    gateways = eas_configured(GatewayProvider(), live_emulator)
    gateway_id, outs = create(gateways, {"name": "prov-gw", "instance_type": "2c4g", "replicas": 2})
    assert outs["status"] == "Running" and gateway_id == f"{REGION}/{outs['gateway_id']}"
    resized = {**outs, "instance_type": "4c8g"}
    assert gateways.diff(gateway_id, outs, resized).changes is True
    outs = {**resized, **gateways.update(gateway_id, outs, resized).outs}
    assert api.gateways.get(outs["gateway_id"])["InstanceType"] == "4c8g"

    connections = eas_configured(IntranetConnectionProvider(), live_emulator)
    link_id, link = create(connections, {"gateway_id": outs["gateway_id"], "vpc_id": "vpc-prov1",
                                         "vswitch_id": "vsw-prov1"})
    assert link["status"] == "Running" and link["ip"]
    assert connections.diff(link_id, link, {**link, "vswitch_id": "vsw-prov2"}).replaces == ["vswitch_id"]
    assert connections.read(link_id, {}).outs["vpc_id"] == "vpc-prov1"
    connections.delete(link_id, link)
    gateways.delete(gateway_id, outs)
    assert api.gateways.find(outs["gateway_id"]) is None


def test_traffic_shift(live_emulator, api, monkeypatch):
    from inference_iac.eas.reconcilers import traffic_shift

    monkeypatch.setattr(traffic_shift, "bake", lambda seconds: None)
    deployments = eas_configured(DeploymentProvider(), live_emulator)
    stable_id, stable = create(deployments, deployment_inputs("prov_stable", "prov_release", initial_weight=100))
    canary_id, canary = create(deployments, deployment_inputs("prov_canary", "prov_release", initial_weight=0))
    shifts = eas_configured(TrafficShiftProvider(), live_emulator)
    shift_id, outs = create(shifts, {"service_name": "prov_release", "stable_deployment_name": "prov_stable",
                                     "canary_deployment_name": "prov_canary", "steps": [25, 100]})
    assert (outs["canary_weight"], outs["stable_weight"], outs["status"]) == (100, 0, "promoted")
    assert api.services.get("prov_canary")["Weight"] == 100 and api.services.get("prov_stable")["Weight"] == 0
    assert shifts.diff(shift_id, outs, outs).changes is False
    assert shifts.read(shift_id, outs).outs["current_step"] == 2
    shifts.delete(shift_id, outs)
    deployments.delete(canary_id, canary)
    deployments.delete(stable_id, stable)
