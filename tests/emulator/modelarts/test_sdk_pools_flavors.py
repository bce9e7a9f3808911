"""Flavors, resource pools and the public-pool rules, through the official SDK."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    CancelInferDeploymentRequest,
    CreateInferDeploymentRequest,
    CreateInferServiceRequest,
    DeleteInferDeploymentRequest,
    GroupConfigUpdateRequest,
    ListInferClusterFlavorsRequest,
    ListPoolsRequest,
    ShowPoolRequest,
    StartInferDeploymentRequest,
    StopInferDeploymentRequest,
    SwitchInferDeploymentVersionRequest,
    SwitchInferDeploymentVersionRequestBody,
    UpdateInferDeploymentRequest,
    UpdateInferDeploymentScale,
    UpdateInferDeploymentScaleRequest,
)

from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import (
    advanced_config,
    group_config,
    make_client,
    new_service,
    sdk_error,
    service_body,
    unique_name,
    wait_service_status,
)


def error_of(call) -> ClientRequestException:
    error = sdk_error(call)
    assert error.status_code == 400 or error.status_code == 404
    return error


def test_flavor_catalogue_is_paginated_and_filtered(client):
    first = client.list_infer_cluster_flavors(ListInferClusterFlavorsRequest(limit=2))
    assert (first.size, first.current) == (2, 0) and first.total >= 5
    assert first.pages == -(-first.total // 2)
    everything = client.list_infer_cluster_flavors(ListInferClusterFlavorsRequest(limit=100))
    assert {f.category for f in everything.data} == {"CPU", "GPU", "ASCEND"}
    gpus = client.list_infer_cluster_flavors(ListInferClusterFlavorsRequest(flavor_type="GPU"))
    assert gpus.total >= 1 and all(f.gpu.gpu >= 1 and f.category == "GPU" for f in gpus.data)
    npu = client.list_infer_cluster_flavors(ListInferClusterFlavorsRequest(flavor_type="ASCEND"))
    assert npu.data[0].ascend.npu == 8 and npu.data[0].arch == "arm64"
    bad = error_of(lambda: client.list_infer_cluster_flavors(
        ListInferClusterFlavorsRequest(flavor_type="TPU")))
    assert "flavor_type" in bad.error_msg


def test_pools_listed_in_the_sdk_shape(client):
    listed = client.list_pools(ListPoolsRequest())
    assert listed.kind == "PoolList" and listed.api_version == "v2"
    # Only pools a create may name: the project's dedicated pools (the public pool is
    # chosen by omitting pool_id).
    by_name = {p.metadata.name: p for p in listed.items}
    assert set(by_name) == {"pool-dedicated-0001"}
    dedicated = by_name["pool-dedicated-0001"]
    assert dedicated.metadata.labels.os_modelarts_pool_biz == "private"
    assert dedicated.spec.type == "Dedicate" and dedicated.spec.scope == ["Infer"]
    assert dedicated.status.phase == "Running"
    private = client.list_pools(ListPoolsRequest(label_selector="os.modelarts.pool/biz=private"))
    assert [p.metadata.name for p in private.items] == ["pool-dedicated-0001"]
    public = client.list_pools(ListPoolsRequest(label_selector="os.modelarts.pool/biz=public"))
    assert public.items == []
    shown = client.show_pool(ShowPoolRequest(pool_name="pool-dedicated-0001"))
    assert shown.metadata.name == "pool-dedicated-0001"
    assert error_of(lambda: client.show_pool(ShowPoolRequest(pool_name="nope"))).status_code == 404
    assert error_of(lambda: client.show_pool(
        ShowPoolRequest(pool_name="pool-public"))).status_code == 404


def test_every_listed_pool_can_host_a_deployment(client):
    service_id = new_service(client)
    for index, pool in enumerate(client.list_pools(ListPoolsRequest()).items):
        config = group_config(f"on-{index}")
        config.pool_id = pool.metadata.name
        assert client.create_infer_deployment(CreateInferDeploymentRequest(
            service_id=service_id, body=config)).pool_id == pool.metadata.name


def test_dedicated_pools_flag(tmp_path):
    with RunningEmulator(tmp_path, dedicated_pools=3) as emu:
        sdk = make_client(emu)
        names = [p.metadata.name for p in sdk.list_pools(ListPoolsRequest()).items]
        assert names == ["pool-dedicated-0001", "pool-dedicated-0002", "pool-dedicated-0003"]
        service_id = new_service(sdk)
        config = group_config("third")
        config.pool_id = "pool-dedicated-0003"
        assert sdk.create_infer_deployment(CreateInferDeploymentRequest(
            service_id=service_id, body=config)).pool_id == "pool-dedicated-0003"


@pytest.mark.parametrize("pool_id,rule", [
    ("pool-dedicated-0002", "no such dedicated resource pool"),
    ("pool-public", "omitting pool_id"),
])
def test_deployments_need_a_known_dedicated_pool(client, pool_id, rule):
    config = group_config()
    config.pool_id = pool_id
    with pytest.raises(ClientRequestException) as raised:
        client.create_infer_service(CreateInferServiceRequest(
            body=service_body(unique_name(), [config])))
    assert raised.value.status_code == 400
    assert "group_configs[0].pool_id" in raised.value.error_msg and rule in raised.value.error_msg


@pytest.fixture
def public_deployment(client):
    """A service created with one public-pool deployment (allowed), RUNNING."""
    config = group_config("pub")
    config.pool_id = None
    created = client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name(), [config])))
    wait_service_status(client, created.id, "RUNNING")
    return created.id, created.version.instance_groups[0].id


def test_public_pool_deployments_have_no_individual_lifecycle(client, public_deployment):
    service_id, dep_id = public_deployment
    ids = {"service_id": service_id, "deployment_id": dep_id}
    calls = {
        "added": lambda: client.create_infer_deployment(CreateInferDeploymentRequest(
            service_id=service_id, body=_public_config("pub-2"))),
        "started": lambda: client.start_infer_deployment(StartInferDeploymentRequest(**ids)),
        "stopped": lambda: client.stop_infer_deployment(StopInferDeploymentRequest(**ids)),
        "interrupted": lambda: client.cancel_infer_deployment(CancelInferDeploymentRequest(**ids)),
        "deleted": lambda: client.delete_infer_deployment(DeleteInferDeploymentRequest(**ids)),
        "scaled": lambda: client.update_infer_deployment_scale(UpdateInferDeploymentScaleRequest(
            service_id=service_id, deployment_name="pub",
            body=UpdateInferDeploymentScale(count=2))),
        "upgraded": lambda: client.update_infer_deployment(UpdateInferDeploymentRequest(
            **ids, body=GroupConfigUpdateRequest(name="pub", weight=100, count=2,
                                                 advanced_config=advanced_config()))),
        "switched": lambda: client.switch_infer_deployment_version(
            SwitchInferDeploymentVersionRequest(
                **ids, version="1.0.0",
                body=SwitchInferDeploymentVersionRequestBody(infer_name=dep_id))),
    }
    for operation, call in calls.items():
        refused = error_of(call)
        assert refused.status_code == 400, operation
        assert "public resource pool" in refused.error_msg and operation in refused.error_msg


def _public_config(name):
    config = group_config(name)
    config.pool_id = None
    return config
