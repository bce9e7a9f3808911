"""Provider methods (check/diff/create/read/update/delete) against a running emulator."""

from __future__ import annotations

import pytest
from support import configured

from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.resources.service import ServiceProvider




def service_inputs(name, **overrides):
    return {"name": name, "description": "provider test", **overrides}


def deployment_inputs(service_id, **overrides):
    return {"service_id": service_id, "name": "main", "count": 1, "pool_id": "pool-dedicated-0001",
            "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
            **overrides}


@pytest.fixture
def service(live_emulator, request):
    provider = configured(ServiceProvider(), live_emulator)
    inputs = provider.check({}, service_inputs(f"svc-{request.node.name[:40]}".replace("[", "-").replace("]", ""))).inputs
    created = provider.create(inputs)
    yield provider, created.id, {**inputs, **created.outs}
    provider.delete(created.id, {**inputs, **created.outs})


def test_check_rejects_bad_input_without_calling_the_api():
    result = ServiceProvider().check({}, {"name": "ok", "runtime_config": {"service_limit": {"request_timeout": 0}}})
    assert [f.property for f in result.failures] == ["runtime_config"]
    assert "request_timeout" in result.failures[0].reason


def test_check_tolerates_unknown_values_at_preview():
    from pulumi.runtime.rpc import UNKNOWN

    result = DeploymentProvider().check({}, deployment_inputs(UNKNOWN))
    assert result.failures == []


def test_service_lifecycle(service):
    provider, service_id, outs = service
    assert outs["service_id"] == service_id
    assert provider.diff(service_id, outs, outs).changes is False

    changed = {**outs, "description": "changed"}
    diff = provider.diff(service_id, outs, changed)
    assert diff.changes is True and not diff.replaces
    updated = provider.update(service_id, outs, changed)
    assert updated.outs["description"] == "changed"

    read = provider.read(service_id, updated.outs)
    assert read.outs["description"] == "changed"
    assert provider.diff(service_id, read.outs, changed).changes is False


def test_immutable_service_field_plans_replace_or_refuses(service):
    provider, service_id, outs = service
    to_async = {**outs, "type": "ASYNC_REAL_TIME",
                "runtime_config": {"service_invoke": {"protocol": "HTTP"}, "server_task_limit": {"max_task": 5}}}
    assert provider.diff(service_id, outs, to_async).replaces == ["type"]
    with pytest.raises(Exception, match="allow_replace is false"):
        provider.diff(service_id, outs, {**to_async, "allow_replace": False})


def test_deployment_create_scale_upgrade_delete(service, live_emulator):
    _, service_id, _ = service
    provider = configured(DeploymentProvider(), live_emulator)
    inputs = provider.check({}, deployment_inputs(service_id)).inputs
    created = provider.create(inputs)
    outs = {**inputs, **created.outs}
    assert outs["status"] == "RUNNING"

    scaled = {**outs, "count": 2}
    assert provider.diff(created.id, outs, scaled).changes
    after_scale = provider.update(created.id, outs, scaled).outs
    assert after_scale["version"] == outs["version"], "scaling must not create a version"

    upgraded = {**after_scale, "unit_configs": [{"image": {"swr_path": "swr.example/org/app:2"}, "flavor": "modelarts.vm.cpu.2u"}]}
    after_upgrade = provider.update(created.id, after_scale, upgraded).outs
    assert after_upgrade["version"] != outs["version"]
    assert after_upgrade["status"] == "RUNNING"
    provider.delete(created.id, after_upgrade)
    assert provider.read(created.id, after_upgrade).id is None


def test_create_adopts_what_an_interrupted_create_left_behind(service, live_emulator):
    _, service_id, _ = service
    provider = configured(DeploymentProvider(), live_emulator)
    inputs = provider.check({}, deployment_inputs(service_id, name="orphan")).inputs
    # The API accepted a create, then the provider died before recording it.
    body = DeploymentSpec.model_validate({k: v for k, v in inputs.items()
                                          if k not in ("timeout_seconds", "allow_replace")}).create_body()
    provider.client().deployments.create(service_id, body)
    created = provider.create(inputs)
    names = [d["name"] for d in provider.client().deployments.list_all(service_id)]
    assert names.count("orphan") == 1
    provider.delete(created.id, {**inputs, **created.outs})


@pytest.fixture(scope="module")
def faulty_emulator(tmp_path_factory):
    from inference_iac.emulator.testing import RunningEmulator

    with RunningEmulator(tmp_path_factory.mktemp("faulty"), ready_delay=0.3, fail_deployments="broken-*") as emulator:
        yield emulator


def test_failed_deployment_fails_create_with_the_platform_message(faulty_emulator):
    services = configured(ServiceProvider(), faulty_emulator)
    svc_inputs = services.check({}, service_inputs("svc-faulty")).inputs
    svc = services.create(svc_inputs)
    deployments = configured(DeploymentProvider(), faulty_emulator)
    inputs = deployments.check({}, deployment_inputs(svc.id, name="broken-main")).inputs
    with pytest.raises(Exception) as failure:
        deployments.create(inputs)
    message = str(failure.value)
    assert "broken-main is FAILED" in message
    assert "failed their startup probe" in message  # the platform's own reason

    # Recoverable: the next attempt replaces the failed leftover instead of adding one.
    [first] = deployments.client().deployments.list_all(svc.id)
    with pytest.raises(Exception, match="FAILED"):
        deployments.create(inputs)
    [second] = deployments.client().deployments.list_all(svc.id)
    assert second["name"] == "broken-main" and second["id"] != first["id"]
    services.delete(svc.id, {**svc_inputs, **svc.outs})


def test_count_owned_by_an_enabled_scaling_rule_is_not_drift(service, live_emulator):
    _, service_id, _ = service
    provider = configured(DeploymentProvider(), live_emulator)
    inputs = provider.check({}, deployment_inputs(service_id, name="autoscaled")).inputs
    created = provider.create(inputs)
    outs = {**inputs, **created.outs}
    client = provider.client()
    client.scaling_rules.create(service_id, created.id, {
        "type": "CRON_HPA", "target_resource_id": created.id, "target_resource_type": "GROUP",
        "hpa_rules": [{"name": "morning", "disable": False, "type": "CRON_HPA",
                       "schedule": "0 8 * * *", "target_replicas": 3}]})
    # The rule scaled the deployment (here by hand, as the emulator runs no cron).
    client.deployments.scale(service_id, "autoscaled", 3)
    assert provider.diff(created.id, outs, outs).changes is False
    assert provider.read(created.id, outs).outs["count"] == 1
    # An upgrade keeps the rule's count.
    upgraded = {**outs, "description": "x", "unit_configs": [{"image": {"swr_path": "swr.example/org/app:2"},
                                                              "flavor": "modelarts.vm.cpu.2u"}]}
    provider.update(created.id, outs, upgraded)
    assert client.deployments.get(service_id, created.id)["count"] == 3
    client.scaling_rules.delete(service_id, created.id)
    assert provider.diff(created.id, outs, outs).changes is True  # now the count is ours again
    provider.delete(created.id, outs)
