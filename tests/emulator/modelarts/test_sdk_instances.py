"""Instances and pods: the SDK lists them; the derivation rules are checked without HTTP."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    CreateInferDeploymentRequest,
    GroupConfig,
    ListInferDeploymentInstancesRequest,
    ListInferDeploymentPodsRequest,
    StopInferDeploymentRequest,
)

from inference_iac.emulator.modelarts.state.deployment import Deployment
from inference_iac.emulator.modelarts.state.instances import instances
from modelarts_sdk_helpers import advanced_config, new_service, unit, wait_deployment_status


@pytest.fixture
def three_replicas(client):
    service_id = new_service(client)
    two_units = [unit(), unit()]
    two_units[0].name, two_units[1].name, two_units[1].count = "prefill", "decode", 2
    dep = client.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=service_id, body=GroupConfig(
            name="dep-i", pool_id="pool-dedicated-0001", count=3, weight=100,
            unit_configs=two_units, advanced_config=advanced_config())))
    return service_id, dep.id


def list_instances(client, service_id, **query):
    return client.list_infer_deployment_instances(ListInferDeploymentInstancesRequest(
        id=service_id, name="dep-i", **query))


def list_pods(client, service_id, instance="all", **query):
    return client.list_infer_deployment_pods(ListInferDeploymentPodsRequest(
        id=service_id, deployment_name="dep-i", name=instance, **query))


def test_instances_and_pods_follow_the_deployment(client, three_replicas):
    service_id, dep_id = three_replicas
    deploying = list_instances(client, service_id)
    assert deploying.total == 3 and {i.status for i in deploying.data} == {"PENDING"}
    wait_deployment_status(client, service_id, dep_id, "RUNNING")

    running = list_instances(client, service_id)
    assert {i.status for i in running.data} == {"RUNNING"}
    first = running.data[0]
    assert (first.pod_count, first.running_pod_count, first.weight) == (3, 3, 100)
    assert isinstance(first.update_at, int)
    page = list_instances(client, service_id, limit=2, offset="1")  # offset is a page number
    assert (page.current, page.size, page.pages, page.total) == (1, 1, 2, 3)
    only = list_instances(client, service_id, instance_name=first.instance_name)
    assert [i.instance_name for i in only.data] == [first.instance_name]
    assert list_instances(client, service_id, status=["FAILED"]).total == 0

    pods = list_pods(client, service_id, limit=100)
    assert pods.total == 9 and {p.status for p in pods.data} == {"RUNNING"}
    assert sorted({p.pod_role_name for p in pods.data}) == ["decode", "prefill"]
    mine = list_pods(client, service_id, first.instance_name, status=["RUNNING", "FAILED"])
    assert mine.total == 3 and all(p.pod_name.startswith(first.instance_name) for p in mine.data)
    assert isinstance(mine.data[0].update_time, int) and mine.data[0].pod_node_ip.startswith("10.")

    client.stop_infer_deployment(StopInferDeploymentRequest(service_id=service_id,
                                                            deployment_id=dep_id))
    wait_deployment_status(client, service_id, dep_id, "STOPPED")
    assert list_instances(client, service_id).total == 0


def test_unknown_names_are_404(client, three_replicas):
    service_id, _ = three_replicas
    with pytest.raises(ClientRequestException) as raised:
        list_pods(client, service_id, "no-such-instance")
    assert raised.value.status_code == 404 and "no-such-instance" in raised.value.error_msg
    with pytest.raises(ClientRequestException) as raised:
        client.list_infer_deployment_instances(ListInferDeploymentInstancesRequest(
            id=service_id, name="no-such-deployment"))
    assert raised.value.status_code == 404


def test_an_upgrade_replaces_instances_wave_by_wave():
    dep = Deployment.create("svc", "dep", {"count": 4}, None, 0.0, 1.0)
    dep.advance(1.0)
    # Default policy 1%/1% of 4: surge 1, unavailable 0 -> 4 waves of 4 s, RUNNING at 26.0.
    dep.update("dep", {"count": 4, "image": "new"}, 10.0, 4.0)

    def versions_and_statuses(now):
        return [(i.version, i.status) for i in instances(dep, now)]

    assert versions_and_statuses(10.0) == [("1.0.1", "PENDING")] + [("1.0.0", "RUNNING")] * 4
    assert versions_and_statuses(18.0) == [("1.0.1", "RUNNING")] * 2 + [
        ("1.0.1", "PENDING")] + [("1.0.0", "RUNNING")] * 2
    assert dep.advance(25.9) == [] and dep.status == "UPGRADING"
    dep.advance(26.0)
    assert versions_and_statuses(26.0) == [("1.0.1", "RUNNING")] * 4
    names = {i.instance_name for i in instances(dep, 26.0)}
    assert names == {i.instance_name for i in instances(dep, 99.0)}  # stable names


def test_failed_and_stopped_deployments():
    dep = Deployment.create("svc", "dep", {"count": 2}, None, 0.0, 1.0, fault="boom")
    dep.advance(1.0)
    assert [i.status for i in instances(dep, 1.0)] == ["FAILED", "FAILED"]
    assert all(p.status == "FAILED" for i in instances(dep, 1.0) for p in i.pods)
    dep.start(2.0, 1.0)
    dep.advance(3.0)
    dep.stop(4.0, 1.0)
    assert [i.status for i in instances(dep, 4.0)] == ["DELETED", "DELETED"]
