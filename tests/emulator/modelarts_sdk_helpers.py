"""Builders for official-SDK requests used by the emulator tests."""

from __future__ import annotations

import time
import uuid

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    AdvancedConfig,
    CreateInferDeploymentRequest,
    CreateInferServiceRequest,
    GroupConfig,
    ImageInfo,
    ModelArtsClient,
    RateLimit,
    RollingUpdate,
    RuntimeConfigCreateRequest,
    ServiceCreateRequest,
    ServiceCreateRequestTags,
    ServiceInvokeCreateRequest,
    ServiceLimit,
    ShowInferDeploymentRequest,
    ShowInferServiceRequest,
    UnitConfig,
    UpgradeConfig,
)


def make_client(emulator, project_id: str | None = None, secret_key: str | None = None):
    credentials = BasicCredentials(emulator.access_key, secret_key or emulator.secret_key,
                                   project_id or emulator.project_id)
    return (ModelArtsClient.new_builder().with_credentials(credentials)
            .with_endpoint(emulator.endpoint).build())


def sdk_error(call) -> ClientRequestException:
    """The SDK's error for a refused `call`: a ModelArts error code and a request id."""
    with pytest.raises(ClientRequestException) as raised:
        call()
    assert raised.value.error_code.startswith("ModelArts.") and raised.value.request_id
    return raised.value


def unique_name(prefix: str = "svc") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def unit(image_tag: str = "1", envs: dict | None = None) -> UnitConfig:
    return UnitConfig(
        flavor="modelarts.vm.cpu.2u",
        image=ImageInfo(source="SWR", swr_path=f"swr.cn-north-4.myhuaweicloud.com/org/img:{image_tag}"),
        envs=envs or {"A": "1"},
        port=8080,
    )


def advanced_config() -> AdvancedConfig:
    return AdvancedConfig(
        port=8080, protocol="HTTP",
        upgrade_config=UpgradeConfig(type="ROLLING", rolling_update=RollingUpdate(
            max_surge="1%", max_unavailable="1%")),
    )


def group_config(name: str = "dep-a", count: int = 1, weight: int = 100) -> GroupConfig:
    return GroupConfig(name=name, pool_id="pool-dedicated-0001", count=count, weight=weight,
                       unit_configs=[unit()], advanced_config=advanced_config())


def service_body(name: str, groups: list | None = None, description: str = "emulated") -> ServiceCreateRequest:
    return ServiceCreateRequest(
        name=name, version="1.0.0", description=description, type="REAL_TIME",
        deploy_type="SINGLE", group_configs=groups if groups is not None else [],
        runtime_config=RuntimeConfigCreateRequest(
            service_invoke=ServiceInvokeCreateRequest(port=8080, protocol="HTTP",
                                                      auth_type="API_KEY"),
            service_limit=ServiceLimit(rate_limit=RateLimit(num=100, unit="SECONDS"),
                                       request_size_limit=12, request_timeout=60),
        ),
        tags=[ServiceCreateRequestTags(key="team", value="ml")],
        workspace_id="0",
    )


def new_service(client) -> str:
    """The id of a new service (no deployment yet) under a unique name."""
    return client.create_infer_service(CreateInferServiceRequest(
        body=service_body(unique_name()))).id


def new_deployment(client, config: GroupConfig | None = None) -> tuple[str, str]:
    """(service id, deployment id) of a new service and its new deployment (`config`, by
    default `group_config()`)."""
    service_id = new_service(client)
    created = client.create_infer_deployment(CreateInferDeploymentRequest(
        service_id=service_id, body=config or group_config()))
    return service_id, created.id


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.1):
    """Poll `predicate` until it returns a truthy value; return that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(interval)


def wait_service_status(client, service_id: str, status: str, timeout: float = 10.0):
    def check():
        svc = client.show_infer_service(ShowInferServiceRequest(service_id=service_id))
        return svc if svc.status == status else None
    return wait_for(check, timeout)


def wait_deployment_status(client, service_id: str, deployment_id: str, status: str,
                           timeout: float = 10.0):
    def check():
        dep = client.show_infer_deployment(ShowInferDeploymentRequest(
            service_id=service_id, deployment_id=deployment_id))
        return dep if dep.status == status else None
    return wait_for(check, timeout)


def sdk_signed(emulator, method: str, path: str, query=(), body: bytes = b"",
               headers: dict | None = None, access_key: str | None = None,
               secret_key: str | None = None) -> tuple[str, dict]:
    """(url, headers) of a request signed by the official SDK's signer (huaweicloudsdkcore).

    `path` is the resource path as the SDK would send it (already percent-encoded);
    `headers` may preset X-Sdk-Date (any value) or Host. Returns what the SDK would send.
    """
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    host = emulator.endpoint.removeprefix("http://")
    header_params = {"Content-Type": "application/json",
                     "X-Project-Id": emulator.project_id, **(headers or {})}
    request = SdkRequest(method=method, schema="http", host=host, resource_path=path,
                         query_params=list(query), header_params=header_params, body=body)
    Signer(BasicCredentials(access_key or emulator.access_key,
                            secret_key or emulator.secret_key)).sign(request)
    return emulator.endpoint + request.uri, dict(request.header_params)


def send_signed(emulator, method: str, path: str, query=(), body: bytes = b"", **kwargs):
    """Sign with the official SDK's signer and send with httpx; the response."""
    import httpx

    url, headers = sdk_signed(emulator, method, path, query, body, **kwargs)
    return httpx.request(method, url, headers=headers, content=body)
