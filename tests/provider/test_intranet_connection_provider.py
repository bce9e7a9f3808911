"""IntranetConnectionProvider methods against a running emulator."""

from __future__ import annotations

import pytest
from support import configured

from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.resources.intranet_connection import IntranetConnectionProvider
from inference_iac.modelarts.resources.service import ServiceProvider

URL = "https://api.example.com/v1/chat"




def running_service(live_emulator, name: str, approval: bool) -> tuple[str, callable]:
    services = configured(ServiceProvider(), live_emulator)
    invoke = {"auth_type": "API_KEY", "intranet_approval_enable": approval}
    svc_inputs = services.check({}, {"name": name, "runtime_config": {"service_invoke": invoke}}).inputs
    svc = services.create(svc_inputs)
    deployments = configured(DeploymentProvider(), live_emulator)
    dep_inputs = deployments.check({}, {
        "service_id": svc.id, "name": "main", "count": 1, "pool_id": "pool-dedicated-0001",
        "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
    }).inputs
    dep = deployments.create(dep_inputs)

    def cleanup():
        deployments.delete(dep.id, {**dep_inputs, **dep.outs})
        services.delete(svc.id, {**svc_inputs, **svc.outs})

    return svc.id, cleanup


@pytest.fixture
def auto_service(live_emulator, request):
    service_id, cleanup = running_service(live_emulator, f"ic-auto-{request.node.name[-20:]}", approval=False)
    yield service_id
    cleanup()


@pytest.fixture
def manual_service(live_emulator, request):
    service_id, cleanup = running_service(live_emulator, f"ic-manual-{request.node.name[-18:]}", approval=True)
    yield service_id
    cleanup()


def connection_inputs(service_id, **overrides):
    return {"name": "conn", "service_id": service_id, "vpc_id": "vpc-1", "subnet_id": "subnet-1",
            "custom_urls": [URL], **overrides}


def test_check_reports_rule_violations_without_calling_the_api():
    result = IntranetConnectionProvider().check({}, connection_inputs("svc", custom_urls=["ftp://x.example.com/"]))
    assert [f.property for f in result.failures] == ["custom_urls"]
    assert "custom_urls[0]" in result.failures[0].reason
    ok = IntranetConnectionProvider().check({}, connection_inputs("svc", approval_wait_seconds=5)).inputs
    assert ok["approval_wait_seconds"] == 5 and ok["scene"] == "VPC" and ok["timeout_seconds"] == 1200


def test_lifecycle_modify_replace_refuse_read_delete(auto_service, live_emulator):
    provider = configured(IntranetConnectionProvider(), live_emulator)
    inputs = provider.check({}, connection_inputs(auto_service)).inputs
    created = provider.create(inputs)
    outs = {**inputs, **created.outs}
    assert outs["status"] == "CONNECTED" and outs["connection_id"] == created.id
    assert outs["url_list"] and auto_service in outs["url_list"][0]
    assert provider.diff(created.id, outs, inputs).changes is False

    # Custom URLs change in place.
    changed = {**inputs, "custom_urls": [URL, "wss://stream.example.org/ws"]}
    diff = provider.diff(created.id, outs, changed)
    assert diff.changes is True and not diff.replaces
    outs = {**changed, **provider.update(created.id, outs, changed).outs}
    assert provider.client().intranet_connections.get(created.id)["custom_url_list"] == changed["custom_urls"]

    # Another subnet is another VPC endpoint: replace, or refuse when told to.
    other_subnet = {**changed, "subnet_id": "subnet-2"}
    diff = provider.diff(created.id, outs, other_subnet)
    assert diff.replaces == ["subnet_id"] and diff.delete_before_replace
    with pytest.raises(Exception, match="allow_replace is false"):
        provider.diff(created.id, outs, {**other_subnet, "allow_replace": False})

    # Out-of-band change: read reports it, and the next diff plans to restore it.
    provider.client().intranet_connections.modify(created.id, [])
    read = provider.read(created.id, outs)
    assert read.outs["custom_urls"] == [] and read.inputs["custom_urls"] == []
    assert provider.diff(created.id, read.outs, changed).changes is True

    provider.delete(created.id, outs)
    assert provider.read(created.id, outs).id is None


def test_import_reads_by_id_alone(auto_service, live_emulator):
    provider = configured(IntranetConnectionProvider(), live_emulator)
    made = provider.client().intranet_connections.create(
        {"service_id": auto_service, "scene": "VPC", "vpc_id": "vpc-imp", "subnet_id": "subnet-1"})
    read = provider.read(made["id"], {"__provider": "serialized"})
    assert read.id == made["id"]
    assert read.inputs["vpc_id"] == "vpc-imp" and read.inputs["custom_urls"] == []
    assert read.outs["connection_id"] == made["id"]
    desired = {"name": "imported", "service_id": auto_service, "vpc_id": "vpc-imp", "subnet_id": "subnet-1"}
    assert provider.diff(made["id"], read.outs, provider.check({}, desired).inputs).changes is False
    provider.delete(made["id"], read.outs)


def test_create_adopts_a_leftover_for_the_same_service_and_vpc(auto_service, live_emulator):
    provider = configured(IntranetConnectionProvider(), live_emulator)
    api = provider.client().intranet_connections
    leftover = api.create({"service_id": auto_service, "scene": "VPC", "vpc_id": "vpc-1", "subnet_id": "subnet-1"})
    inputs = provider.check({}, connection_inputs(auto_service)).inputs
    created = provider.create(inputs)
    assert created.id == leftover["id"]
    assert api.get(created.id)["custom_url_list"] == [URL]  # brought to the desired URLs
    assert len(api.list_requests(service_id=auto_service)) == 1

    # A leftover on another subnet cannot be adopted silently.
    with pytest.raises(Exception, match="would have to be replaced"):
        provider.create({**inputs, "subnet_id": "subnet-9"})
    provider.delete(created.id, {**inputs, **created.outs})


def test_manual_approval_create_returns_approving_then_up_and_read_see_approval(manual_service, live_emulator,
                                                                                capsys):
    provider = configured(IntranetConnectionProvider(), live_emulator)
    inputs = provider.check({}, connection_inputs(manual_service, approval_wait_seconds=1)).inputs
    created = provider.create(inputs)
    outs = {**inputs, **created.outs}
    assert outs["status"] == "APPROVING" and outs["url_list"] == []
    err = capsys.readouterr().err
    assert "[IntranetConnection conn] waiting for the service owner's approval" in err
    assert "recorded as APPROVING" in err
    assert provider.diff(created.id, outs, inputs).changes is False  # still waiting: nothing to do

    provider.client().intranet_connections.approve(created.id)
    diff = provider.diff(created.id, outs, inputs)
    assert diff.changes is True and not diff.replaces
    assert "status: 'APPROVING' -> 'CONNECTING'" in capsys.readouterr().err
    updated = provider.update(created.id, outs, inputs).outs
    assert updated["status"] == "CONNECTED" and updated["url_list"]
    assert provider.read(created.id, updated).outs["status"] == "CONNECTED"
    provider.delete(created.id, updated)


def test_rejection_fails_the_wait_and_the_next_create_asks_again(manual_service, live_emulator):
    provider = configured(IntranetConnectionProvider(), live_emulator)
    api = provider.client().intranet_connections
    inputs = provider.check({}, connection_inputs(manual_service, approval_wait_seconds=0)).inputs
    first = provider.create(inputs)
    api.reject(first.id, "wrong VPC")
    with pytest.raises(Exception, match="REJECTED: wrong VPC"):
        provider.update(first.id, {**inputs, **first.outs}, inputs)
    second = provider.create(inputs)
    assert second.id != first.id and second.outs["status"] == "APPROVING"
    assert api.find(first.id) is None
    provider.delete(second.id, {**inputs, **second.outs})


def test_failed_connection_is_retried_by_the_next_create(auto_service, live_emulator):
    provider = configured(IntranetConnectionProvider(), live_emulator)
    inputs = provider.check({}, connection_inputs(auto_service, vpc_id="vpc-flaky-9")).inputs
    with pytest.raises(Exception, match="FAILED: Connection failed. Try again."):
        provider.create(inputs)
    created = provider.create(inputs)
    assert created.outs["status"] == "CONNECTED"
    provider.delete(created.id, {**inputs, **created.outs})
