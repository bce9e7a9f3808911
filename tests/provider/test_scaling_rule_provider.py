"""ScalingRule provider methods against a running emulator."""

from __future__ import annotations

import pytest
from support import configured

from inference_iac.modelarts.models.scaling_rule import LivePolicy
from inference_iac.modelarts.planner.ownership import owned_fields
from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.ids import SCALING_RULE_ID
from inference_iac.modelarts.resources.scaling_rule import ScalingRuleProvider
from inference_iac.modelarts.resources.service import ServiceProvider




def service_inputs(name):
    return {"name": name, "description": "scaling rule provider test"}


def deployment_inputs(service_id):
    return {"service_id": service_id, "name": "main", "count": 1, "pool_id": "pool-dedicated-0001",
            "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}]}


RULES = [{"name": "morning", "schedule": "0 8 * * *", "target_replicas": 3},
         {"name": "evening", "schedule": "0 20 * * *", "target_replicas": 1}]


@pytest.fixture
def deployment(live_emulator, request):
    """(service id, deployment id) of a RUNNING dedicated-pool deployment, removed afterwards."""
    services = configured(ServiceProvider(), live_emulator)
    svc_inputs = services.check({}, service_inputs(f"svc-hpa-{request.node.name[5:30]}".replace("_", "-"))).inputs
    svc = services.create(svc_inputs)
    deployments = configured(DeploymentProvider(), live_emulator)
    dep = deployments.create(deployments.check({}, deployment_inputs(svc.id)).inputs)
    yield svc.id, dep.id
    services.delete(svc.id, {**svc_inputs, **svc.outs})


@pytest.fixture
def provider(live_emulator):
    return configured(ScalingRuleProvider(), live_emulator)


def inputs(provider, ids, **overrides):
    checked = provider.check({}, {"service_id": ids[0], "deployment_id": ids[1], "rules": RULES, **overrides})
    assert checked.failures == []
    return checked.inputs


def test_check_names_the_broken_rule(provider):
    result = provider.check({}, {"service_id": "s", "deployment_id": "d",
                                 "rules": [{"name": "morning", "schedule": "0 0 8 * * *", "target_replicas": 3}]})
    assert [f.property for f in result.failures] == ["rules"]
    assert "rules[0].schedule" in result.failures[0].reason and "5 fields" in result.failures[0].reason


def test_id_format():
    assert SCALING_RULE_ID.split("svc/dep") == ("svc", "dep")
    for bad in ("svc", "svc/", "/dep", "a/b/c"):
        with pytest.raises(ValueError, match="<service_id>/<deployment_id>"):
            SCALING_RULE_ID.split(bad)


def test_lifecycle(provider, deployment):
    ids = deployment
    news = inputs(provider, ids)
    created = provider.create(news)
    assert created.id == f"{ids[0]}/{ids[1]}"
    outs = created.outs
    assert outs["status"] == "ACTIVE" and outs["policy_id"] and outs["enabled"] is True
    assert [r["name"] for r in outs["rules"]] == ["evening", "morning"]
    assert provider.diff(created.id, outs, news).changes is False

    # The helper the Deployment glue uses: an enabled policy owns the replica count.
    client = provider.client()
    assert owned_fields(LivePolicy.from_api(client.scaling_rules.get(*ids))) == {"count"}

    # In place: change one rule, then switch every rule off.
    changed = inputs(provider, ids, rules=[{**RULES[0], "target_replicas": 5}, RULES[1]])
    diff = provider.diff(created.id, outs, changed)
    assert diff.changes is True and not diff.replaces
    outs = provider.update(created.id, outs, changed).outs
    live = client.scaling_rules.get(*ids)
    assert live["id"] == created.outs["policy_id"]  # the same policy, edited
    assert {r["name"]: r["target_replicas"] for r in live["hpa_rules"]} == {"morning": 5, "evening": 1}

    off = {**changed, "enabled": False}
    outs = provider.update(created.id, outs, off).outs
    assert outs["status"] == "INACTIVE"
    assert owned_fields(LivePolicy.from_api(client.scaling_rules.get(*ids))) == set()

    # read reflects the live policy, including an out-of-band edit.
    client.scaling_rules.update(ids[0], ids[1], {"id": ids[1], "hpa_rules": [
        {"name": "morning", "type": "CRON_HPA", "schedule": "0 7 * * *", "target_replicas": 5, "disable": True,
         "operate": "UPDATE"}]})
    read = provider.read(created.id, outs)
    assert {r["name"]: r["schedule"] for r in read.outs["rules"]}["morning"] == "0 7 * * *"
    assert provider.diff(created.id, read.outs, off).changes is True

    provider.delete(created.id, outs)
    assert client.scaling_rules.get(*ids) is None
    assert provider.read(created.id, outs).id is None
    provider.delete(created.id, outs)  # already gone: still fine


def test_read_with_only_the_id_serves_import(provider, deployment):
    ids = deployment
    provider.client().scaling_rules.create(ids[0], ids[1], {
        "type": "CRON_HPA", "target_resource_id": ids[1], "target_resource_type": "GROUP",
        "hpa_rules": [{"name": "morning", "type": "CRON_HPA", "schedule": "0 8 * * *", "target_replicas": 3,
                       "disable": False}]})
    read = provider.read(f"{ids[0]}/{ids[1]}", {})
    assert read.inputs["service_id"] == ids[0] and read.inputs["deployment_id"] == ids[1]
    assert read.inputs["enabled"] is True and read.inputs["rules"] == [
        {"name": "morning", "type": "CRON_HPA", "schedule": "0 8 * * *", "target_replicas": 3}]
    assert read.outs["status"] == "ACTIVE"
    # Checked inputs from that read plan nothing.
    assert provider.diff(read.id, read.outs, provider.check({}, read.inputs).inputs).changes is False


def test_create_adopts_an_existing_policy(provider, deployment):
    ids = deployment
    client = provider.client()
    leftover = client.scaling_rules.create(ids[0], ids[1], {
        "type": "CRON_HPA", "target_resource_id": ids[1], "target_resource_type": "GROUP",
        "hpa_rules": [{"name": "stale-rule", "type": "CRON_HPA", "schedule": "0 1 * * *", "target_replicas": 2}]})
    created = provider.create(inputs(provider, ids))
    live = client.scaling_rules.get(*ids)
    assert live["id"] == leftover["id"] == created.outs["policy_id"]
    assert sorted(r["name"] for r in live["hpa_rules"]) == ["evening", "morning"]


def test_moving_to_another_deployment_replaces_or_refuses(provider, deployment):
    ids = deployment
    news = inputs(provider, ids)
    created = provider.create(news)
    moved = {**news, "deployment_id": "other-deployment"}
    assert provider.diff(created.id, created.outs, moved).replaces == ["deployment_id"]
    with pytest.raises(Exception, match="allow_replace is false"):
        provider.diff(created.id, created.outs, {**moved, "allow_replace": False})


def test_policy_deleted_out_of_band_is_created_again(provider, deployment):
    ids = deployment
    news = inputs(provider, ids)
    created = provider.create(news)
    provider.client().scaling_rules.delete(*ids)
    diff = provider.diff(created.id, created.outs, news)
    assert diff.changes is True and diff.delete_before_replace is True
    provider.update(created.id, created.outs, news)
    assert provider.client().scaling_rules.get(*ids)["status"] == "ACTIVE"
