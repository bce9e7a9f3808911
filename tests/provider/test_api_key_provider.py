"""ApiKeyProvider methods against a running emulator."""

from __future__ import annotations

import pytest
from support import configured

from inference_iac.modelarts.resources.api_key import ApiKey, ApiKeyProvider
from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.resources.service import ServiceProvider
from inference_iac.core.poll import WaitFailed




def service_inputs(name, auth_type):
    return {"name": name, "runtime_config": {"service_invoke": {"auth_type": auth_type}}}


def deployment_inputs(service_id):
    return {"service_id": service_id, "name": "main", "count": 1, "pool_id": "pool-dedicated-0001",
            "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}]}


def make_service(live_emulator, name, auth_type="API_KEY", deploy=True):
    """A service (RUNNING when deployed); returns its id and a cleanup function."""
    services = configured(ServiceProvider(), live_emulator)
    inputs = services.check({}, service_inputs(name, auth_type)).inputs
    svc = services.create(inputs)
    if deploy:
        deployments = configured(DeploymentProvider(), live_emulator)
        deployments.create(deployments.check({}, deployment_inputs(svc.id)).inputs)
    return svc.id, lambda: services.delete(svc.id, {**inputs, **svc.outs})


@pytest.fixture(scope="module")
def two_services(live_emulator):
    first, drop_first = make_service(live_emulator, "apikey-svc-a")
    second, drop_second = make_service(live_emulator, "apikey-svc-b")
    yield first, second
    drop_first()
    drop_second()


@pytest.fixture
def provider(live_emulator):
    return configured(ApiKeyProvider(), live_emulator)


def key_inputs(provider, name, **overrides):
    result = provider.check({}, {"name": name, "description": "provider test", **overrides})
    assert result.failures == []
    return result.inputs


def bound_ids(provider, key_id):
    return sorted(s["id"] for s in provider.client().api_keys.get(key_id)["services"])


def test_check_rejects_bad_input_without_calling_the_api():
    result = ApiKeyProvider().check({}, {"name": "k", "scope": "USER", "service_ids": ["s"], "description": "a=b"})
    reasons = " ".join(f.reason for f in result.failures)
    assert {f.property for f in result.failures} >= {"description"} and "must not contain" in reasons


def test_lifecycle_binds_in_place_and_keeps_the_value(provider, two_services):
    first, second = two_services
    inputs = key_inputs(provider, "prov-life", service_ids=[first])
    created = provider.create(inputs)
    outs = {**inputs, **created.outs}
    secret = outs["api_key"]
    assert outs["key_id"] == created.id and len(secret) >= 32
    assert bound_ids(provider, created.id) == [first]
    assert provider.diff(created.id, outs, outs).changes is False

    rebind = {**outs, "service_ids": [second]}
    diff = provider.diff(created.id, outs, rebind)
    assert diff.changes is True and diff.replaces == []
    updated = provider.update(created.id, outs, rebind).outs
    assert bound_ids(provider, created.id) == [second]
    assert updated["api_key"] == secret and updated["key_id"] == created.id

    # Refresh: the API cannot give the value back, the previous outputs can.
    read = provider.read(created.id, updated)
    assert read.outs["api_key"] == secret and read.outs["service_ids"] == [second]
    assert "api_key" not in read.inputs and "key_id" not in read.inputs

    provider.delete(created.id, updated)  # unbinds first: a bound key cannot be deleted
    assert provider.client().api_keys.find(created.id) is None
    assert provider.read(created.id, updated).id is None


def test_attribute_change_plans_replace_or_refuses(provider):
    inputs = key_inputs(provider, "prov-replace")
    created = provider.create(inputs)
    outs = {**inputs, **created.outs}
    changed = {**outs, "description": "other"}
    diff = provider.diff(created.id, outs, changed)
    assert diff.replaces == ["description"] and diff.delete_before_replace is True
    with pytest.raises(Exception, match="allow_replace is false") as refused:
        provider.diff(created.id, outs, {**changed, "allow_replace": False})
    assert outs["api_key"] not in str(refused.value)
    provider.delete(created.id, outs)


def test_import_read_has_no_value(provider, two_services):
    first, _ = two_services
    made = provider.client().api_keys.create("prov-import", "SERVICE", "imported")
    provider.client().api_keys.bind(first, made.key_id)
    read = provider.read(made.key_id, {})
    assert read.outs["api_key"] == "" and read.outs["key_id"] == made.key_id
    assert read.inputs == {"name": "prov-import", "description": "imported", "scope": "SERVICE",
                           "service_ids": [first], "timeout_seconds": 1200, "allow_replace": True}
    provider.delete(made.key_id, read.outs)


def test_create_replaces_a_leftover_with_the_same_name(provider):
    # A create reached the API, then the process died: the value is lost.
    leftover = provider.client().api_keys.create("prov-leftover", "SERVICE")
    inputs = key_inputs(provider, "prov-leftover")
    created = provider.create(inputs)
    named = provider.client().api_keys.list_all(name="prov-leftover")
    assert [k["key_id"] for k in named] == [created.id] and created.id != leftover.key_id
    assert created.outs["api_key"] and created.outs["api_key"] != leftover.api_key
    provider.delete(created.id, {**inputs, **created.outs})


def test_binding_to_a_service_without_api_key_auth_fails_and_leaves_nothing(provider, live_emulator):
    service_id, drop = make_service(live_emulator, "apikey-svc-token", auth_type="TOKEN", deploy=False)
    inputs = key_inputs(provider, "prov-badbind", service_ids=[service_id], timeout_seconds=5)
    with pytest.raises(WaitFailed, match="auth_type is TOKEN, not API_KEY"):
        provider.create(inputs)
    assert provider.client().api_keys.find_by_name("prov-badbind") is None
    drop()


def test_resource_marks_the_value_secret():
    import pulumi

    captured = {}

    def fake_init(self, provider, name, props, opts=None):
        captured.update(props=props, opts=opts)

    original = pulumi.dynamic.Resource.__init__
    pulumi.dynamic.Resource.__init__ = fake_init
    try:
        ApiKey("k", {"service_ids": []}, pulumi.ResourceOptions(additional_secret_outputs=["key_id"], protect=True))
    finally:
        pulumi.dynamic.Resource.__init__ = original
    opts = captured["opts"]
    assert set(opts.additional_secret_outputs) == {"api_key", "key_id"} and opts.protect is True
    assert captured["props"]["api_key"] is None and captured["props"]["name"] == "k"
