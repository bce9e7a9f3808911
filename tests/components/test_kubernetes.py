"""KubernetesEndpoint under Pulumi mocks: a Secret and a ConfigMap in the namespace, the key kept secret."""

from __future__ import annotations

import pulumi
import pytest
from echo_mocks import EchoMocks

from inference_iac.components.inference_service import (
    ApiKeyArgs,
    DeploymentArgs,
    InferenceService,
    InferenceServiceArgs,
    PrivateConnectionArgs,
)
from inference_iac.components.kubernetes import TYPE, KubernetesEndpoint, KubernetesEndpointArgs, KubernetesEndpointArgsError

SECRET, CONFIG_MAP = "kubernetes:core/v1:Secret", "kubernetes:core/v1:ConfigMap"


def sent_as_secret(value):
    """How the engine (here: the mocks) receives a secret input: wrapped in Pulumi's secret signature."""
    from pulumi.runtime.rpc import _special_secret_sig, _special_sig_key

    return {_special_sig_key: _special_secret_sig, "value": value}


class Mocks(EchoMocks):
    def outputs(self, args: pulumi.runtime.MockResourceArgs) -> dict:
        return {
            "pulumi-python:dynamic/modelarts:Service": {"service_id": "svc-1", "predict_url": "https://infer.example/svc-1"},
            "pulumi-python:dynamic/modelarts:ApiKey": {"api_key": f"value-of-{args.name}"},
            "pulumi-python:dynamic/modelarts:IntranetConnection": {
                "connection_id": f"{args.name}-id", "status": "CONNECTED", "url_list": [f"https://{args.name}.vpc"]},
        }.get(args.typ, {})


@pytest.fixture
def mocks(use_mocks):
    return use_mocks(Mocks())


def service(keys=("web",), connections=("a",)) -> InferenceService:
    return InferenceService("shop", InferenceServiceArgs(
        deployments=[DeploymentArgs(name="main", image="swr.example/org/app:1", flavor="modelarts.vm.cpu.2u",
                                    pool_id="pool-dedicated-0001")],
        api_keys=[ApiKeyArgs(k) for k in keys],
        private_connections=[PrivateConnectionArgs(name=c, vpc_id=f"vpc-{c}", subnet_id="s") for c in connections]))


@pulumi.runtime.test
def test_secret_and_config_map_from_a_service(mocks):
    endpoint = KubernetesEndpoint("shop-endpoint", KubernetesEndpointArgs(
        namespace="apps", service=service(connections=("b", "a")), labels={"team": "shop"}))

    def check(values):
        secret_is_secret, secret_urn, config_urn, secret_name = values
        secret, config = mocks.created["shop-endpoint-secret"], mocks.created["shop-endpoint-config"]
        assert (secret.typ, config.typ) == (SECRET, CONFIG_MAP)
        for made in (secret, config):
            meta = made.inputs["metadata"]
            assert (meta["name"], meta["namespace"]) == ("shop-endpoint", "apps")
            assert meta["labels"]["team"] == "shop" and meta["labels"]["inference/endpoint"] == "shop-endpoint"
        assert secret.inputs["type"] == "Opaque"
        assert secret.inputs["stringData"] == sent_as_secret({"API_KEY": "value-of-shop-key-web"})
        assert config.inputs["data"] == {
            "PREDICT_URL": "https://infer.example/svc-1",
            # Sorted by connection name, whatever the declaration order.
            "PRIVATE_URLS": "https://shop-conn-a.vpc,https://shop-conn-b.vpc",
            "SERVICE_ID": "svc-1",
        }
        assert secret_is_secret is True
        assert f"::{TYPE}$kubernetes:core/v1:Secret::shop-endpoint-secret" in secret_urn
        assert f"::{TYPE}$kubernetes:core/v1:ConfigMap::shop-endpoint-config" in config_urn
        assert secret_name == "shop-endpoint"

    return pulumi.Output.all(pulumi.Output.is_secret(endpoint.secret.string_data), endpoint.secret.urn,
                             endpoint.config_map.urn, endpoint.secret_name).apply(check)


@pulumi.runtime.test
def test_explicit_values_and_object_name(mocks):
    endpoint = KubernetesEndpoint("ep", KubernetesEndpointArgs(
        namespace="ml", predict_url="https://x.example/p", api_key="k-123", object_name="model-endpoint"))

    def check(values):
        secret_is_secret, _ = values
        secret, config = mocks.created["ep-secret"].inputs, mocks.created["ep-config"].inputs
        assert secret["metadata"]["name"] == config["metadata"]["name"] == "model-endpoint"
        assert secret["metadata"]["namespace"] == "ml"
        assert secret["stringData"] == sent_as_secret({"API_KEY": "k-123"})
        assert config["data"] == {"PREDICT_URL": "https://x.example/p", "PRIVATE_URLS": ""}
        # A plain string handed in is made secret by the component.
        assert secret_is_secret is True

    return pulumi.Output.all(pulumi.Output.is_secret(endpoint.secret.string_data), endpoint.config_map.id).apply(check)


@pulumi.runtime.test
def test_picks_the_named_key_and_passes_the_provider(mocks):
    import pulumi_kubernetes as k8s

    cluster = k8s.Provider("cluster", kubeconfig="{}")
    endpoint = KubernetesEndpoint("ep", KubernetesEndpointArgs(
        namespace="apps", service=service(keys=("web", "batch"), connections=()), api_key_name="batch",
        provider=cluster))

    def check(_):
        secret = mocks.created["ep-secret"]
        assert secret.inputs["stringData"] == sent_as_secret({"API_KEY": "value-of-shop-key-batch"})
        assert secret.provider.startswith("urn:pulumi:") and "pulumi:providers:kubernetes::cluster" in secret.provider
        assert mocks.created["ep-config"].inputs["data"]["PRIVATE_URLS"] == ""

    return pulumi.Output.all(endpoint.secret.id, endpoint.config_map.id).apply(check)


@pytest.mark.parametrize("kwargs, message", [
    (dict(), r"predict_url: give service or predict_url"),
    (dict(predict_url="https://x.example"), r"api_key: give api_key"),
    (dict(predict_url="https://x.example", api_key="k", api_key_name="web"), r"api_key_name: only meaningful"),
])
def test_argument_errors_name_the_field(mocks, kwargs, message):
    with pytest.raises(KubernetesEndpointArgsError, match=message):
        KubernetesEndpoint("ep", KubernetesEndpointArgs(namespace="apps", **kwargs))
    assert "ep" not in mocks.created


def test_service_key_must_be_chosen_when_ambiguous(mocks):
    svc = service(keys=("web", "batch"))
    with pytest.raises(KubernetesEndpointArgsError, match=r"api_key_name: the service has several API keys"):
        KubernetesEndpoint("ep", KubernetesEndpointArgs(namespace="apps", service=svc))
    with pytest.raises(KubernetesEndpointArgsError, match=r"api_key_name: the service has no API key 'ops'"):
        KubernetesEndpoint("ep", KubernetesEndpointArgs(namespace="apps", service=svc, api_key_name="ops"))
