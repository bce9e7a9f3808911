"""InferenceService under Pulumi mocks: children, type tokens, parents, names, production defaults, secrets, validation.

Under mocks the dynamic providers never run: `new_resource` sees the inputs
the component passes, which is exactly what these tests check.
"""

from __future__ import annotations

import pulumi
import pytest
from echo_mocks import EchoMocks, record_depends_on

from inference_iac.components.inference_service import (
    TYPE,
    ApiKeyArgs,
    CronRuleArgs,
    CustomSpecArgs,
    DeploymentArgs,
    InferenceService,
    InferenceServiceArgs,
    InferenceServiceArgsError,
    PrivateConnectionArgs,
    ScalingRuleArgs,
)

DYN = "pulumi-python:dynamic/modelarts:"
SERVICE, DEPLOYMENT, API_KEY, SCALING, CONNECTION = (
    DYN + t for t in ("Service", "Deployment", "ApiKey", "ScalingRule", "IntranetConnection"))


class Mocks(EchoMocks):
    """The outputs each ModelArts provider would add."""

    def outputs(self, args: pulumi.runtime.MockResourceArgs) -> dict:
        rid = self.resource_id(args)
        return {
            SERVICE: {"service_id": rid, "predict_url": f"https://infer.example/v2/{rid}"},
            DEPLOYMENT: {"deployment_id": rid, "status": "RUNNING", "version": "1.0.0"},
            API_KEY: {"key_id": rid, "api_key": f"value-of-{args.name}"},
            SCALING: {"policy_id": rid, "status": "ACTIVE"},
            CONNECTION: {"connection_id": rid, "status": "CONNECTED", "url_list": [f"https://{args.name}.vpc.example"]},
        }.get(args.typ, {})


@pytest.fixture
def mocks(use_mocks):
    return use_mocks(Mocks())


def settled(svc: InferenceService) -> pulumi.Output:
    """Resolves once every child has been registered with the mocks."""
    children = [svc.service, *svc.deployments.values(), *svc.api_keys.values(), *svc.scaling_rules.values(),
                *svc.connections.values()]
    return pulumi.Output.all(*[c.id for c in children])


def full_args(**overrides) -> InferenceServiceArgs:
    values = dict(
        deployments=[
            DeploymentArgs(name="main", image="swr.example/org/app:2", flavor="modelarts.vm.cpu.2u", replicas=3,
                           weight=90, envs={"LOG_LEVEL": "info"}, pool_id="pool-dedicated-0001",
                           health_path="/health",
                           scaling=ScalingRuleArgs(rules=[CronRuleArgs("morning", "0 8 * * MON-FRI", 6)])),
            DeploymentArgs(name="next", image="swr.example/org/app:3", custom_spec=CustomSpecArgs(cpu=2, memory=4096),
                           pool_id="pool-dedicated-0001", weight=10, max_surge="1%"),
        ],
        api_keys=[ApiKeyArgs(name="web"), ApiKeyArgs(name="batch", description="nightly jobs")],
        private_connections=[PrivateConnectionArgs(vpc_id="vpc-1", subnet_id="subnet-a",
                                                   custom_urls=["https://predict.corp.example"])],
    )
    values.update(overrides)
    return InferenceServiceArgs(**values)


@pulumi.runtime.test
def test_children_types_names_and_parents(mocks):
    svc = InferenceService("shop", full_args())

    def check(urns):
        by_type = {typ: sorted(mocks.of_type(typ)) for typ in (SERVICE, DEPLOYMENT, API_KEY, SCALING, CONNECTION)}
        assert by_type == {
            SERVICE: ["shop-svc"],
            DEPLOYMENT: ["shop-main", "shop-next"],
            API_KEY: ["shop-key-batch", "shop-key-web"],
            SCALING: ["shop-main-scaling"],
            CONNECTION: ["shop-conn-private"],
        }
        for urn in urns:
            # A child's URN type chain starts with the component's type: it is parented to it.
            assert f"::{TYPE}$pulumi-python:dynamic/modelarts:" in urn, urn

    children = [svc.service, *svc.deployments.values(), *svc.api_keys.values(), *svc.scaling_rules.values(),
                *svc.connections.values()]
    return pulumi.Output.all(*[c.urn for c in children]).apply(check)


@pulumi.runtime.test
def test_production_defaults_reach_the_children(mocks):
    svc = InferenceService("shop", full_args())

    def check(_):
        service = mocks.created["shop-svc"].inputs
        assert service["name"] == "shop"
        assert service["runtime_config"] == {"service_invoke": {"port": 8080, "protocol": "HTTPS", "auth_type": "API_KEY"}}
        assert service["allow_replace"] is False

        main = mocks.created["shop-main"].inputs
        assert main["name"] == "main" and main["service_id"] == "shop-svc-id"
        assert (main["count"], main["weight"], main["pool_id"]) == (3, 90, "pool-dedicated-0001")
        assert main["advanced_config"]["upgrade_config"] == {
            "type": "ROLLING", "rolling_update": {"max_surge": "25%", "max_unavailable": "0%"}}
        unit = main["unit_configs"][0]
        assert unit["image"] == {"swr_path": "swr.example/org/app:2"} and unit["flavor"] == "modelarts.vm.cpu.2u"
        assert unit["envs"] == {"LOG_LEVEL": "info"}
        assert unit["readiness_health"] == unit["liveness_health"] == {"check_method": "HTTP", "url": "/health"}

        nxt = mocks.created["shop-next"].inputs
        assert nxt["unit_configs"][0]["custom_spec"] == {"cpu": 2, "memory": 4096}
        assert "flavor" not in nxt["unit_configs"][0] and "readiness_health" not in nxt["unit_configs"][0]
        assert nxt["advanced_config"]["upgrade_config"]["rolling_update"] == {"max_surge": "1%", "max_unavailable": "0%"}

    return settled(svc).apply(check)


@pulumi.runtime.test
def test_keys_rules_and_connections_point_at_the_service(mocks):
    svc = InferenceService("shop", full_args())

    def check(_):
        web, batch = mocks.created["shop-key-web"].inputs, mocks.created["shop-key-batch"].inputs
        assert (web["name"], web["scope"], web["service_ids"]) == ("shop-key-web", "SERVICE", ["shop-svc-id"])
        assert "description" not in web and batch["description"] == "nightly jobs"

        rule = mocks.created["shop-main-scaling"].inputs
        assert (rule["service_id"], rule["deployment_id"], rule["enabled"]) == ("shop-svc-id", "shop-main-id", True)
        assert rule["rules"] == [{"name": "morning", "type": "CRON_HPA", "schedule": "0 8 * * MON-FRI",
                                  "target_replicas": 6}]

        conn = mocks.created["shop-conn-private"].inputs
        assert (conn["service_id"], conn["scene"], conn["vpc_id"], conn["subnet_id"]) == (
            "shop-svc-id", "VPC", "vpc-1", "subnet-a")
        assert conn["custom_urls"] == ["https://predict.corp.example"]

    return settled(svc).apply(check)


def test_connections_and_keys_wait_for_the_deployments(mocks, monkeypatch):
    import inference_iac.components.modelarts as module  # the ModelArts backend builds the children

    depends = record_depends_on(monkeypatch, module, ("IntranetConnection", "ApiKey", "ScalingRule"))
    svc = InferenceService("shop", full_args())
    deployments = list(svc.deployments.values())
    assert depends["shop-conn-private"] == deployments
    assert depends["shop-key-web"] == deployments and depends["shop-key-batch"] == deployments
    # A scaling rule needs only its own deployment, which its deployment_id input already implies.
    assert depends["shop-main-scaling"] == []


@pulumi.runtime.test
def test_registered_outputs_and_secret_key_values(mocks, registered):
    InferenceService("shop", full_args())
    outputs = registered["shop"]
    assert set(outputs) == {"service_id", "predict_url", "deployment_ids", "api_keys", "connection_ids",
                            "connection_statuses", "private_urls"}

    def check(values):
        # The ApiKey child marks its value secret through additional_secret_outputs, which only the
        # engine applies (not mocks); the component's own map is secret regardless.
        secret, keys, service_id, url, ids, statuses, urls = values
        assert secret is True
        assert keys == {"web": "value-of-shop-key-web", "batch": "value-of-shop-key-batch"}
        assert service_id == "shop-svc-id" and url == "https://infer.example/v2/shop-svc-id"
        assert ids == {"main": "shop-main-id", "next": "shop-next-id"}
        assert statuses == {"private": "CONNECTED"}
        assert urls == {"private": ["https://shop-conn-private.vpc.example"]}

    return pulumi.Output.all(pulumi.Output.is_secret(outputs["api_keys"]), outputs["api_keys"], outputs["service_id"],
                             outputs["predict_url"], outputs["deployment_ids"], outputs["connection_statuses"],
                             outputs["private_urls"]).apply(check)


@pulumi.runtime.test
def test_minimal_service_has_no_optional_children(mocks, registered):
    svc = InferenceService("tiny", InferenceServiceArgs(
        deployments=[DeploymentArgs(name="main", image="swr.example/org/app:1", flavor="modelarts.vm.cpu.2u",
                                    pool_id="pool-dedicated-0001")],
        timeout_seconds=300, allow_replace=True))

    def check(values):
        ids, keys = values
        assert sorted(n for n, r in mocks.created.items() if r.custom) == ["tiny-main", "tiny-svc"]
        main = mocks.created["tiny-main"].inputs
        assert main["count"] == 1 and "weight" not in main and main["pool_id"] == "pool-dedicated-0001"
        assert main["timeout_seconds"] == 300 and mocks.created["tiny-svc"].inputs["timeout_seconds"] == 300
        assert mocks.created["tiny-svc"].inputs["allow_replace"] is True
        assert (ids, keys) == ({"main": "tiny-main-id"}, {})

    out = registered["tiny"]
    return pulumi.Output.all(out["deployment_ids"], out["api_keys"], settled(svc)).apply(lambda v: check(v[:2]))


def deployment(**overrides) -> DeploymentArgs:
    return DeploymentArgs(**{"name": "main", "image": "swr.example/org/app:1", "flavor": "modelarts.vm.cpu.2u",
                             "pool_id": "pool-dedicated-0001", **overrides})


@pytest.mark.parametrize("args, message", [
    (InferenceServiceArgs(deployments=[]), r"deployments: at least one deployment"),
    (InferenceServiceArgs(deployments=[deployment(), deployment()]), r"deployments: name 'main' is used twice"),
    (InferenceServiceArgs(deployments=[deployment(weight=101)]), r"deployments\[0\]\.weight: .*100 \(got 101\)"),
    (InferenceServiceArgs(deployments=[deployment(), deployment(name="b", weight=-1)]), r"deployments\[1\]\.weight"),
    (InferenceServiceArgs(deployments=[deployment(replicas=0)]), r"deployments\[0\]\.replicas: .* \(got 0\)"),
    (InferenceServiceArgs(deployments=[deployment()], auth_type="NONE", api_keys=[ApiKeyArgs("web")]),
     r"api_keys: the service's auth_type is NONE; API keys work only with auth_type API_KEY"),
    (InferenceServiceArgs(deployments=[deployment()], api_keys=[ApiKeyArgs("web"), ApiKeyArgs("web")]),
     r"api_keys: name 'web' is used twice"),
    (InferenceServiceArgs(deployments=[deployment(flavor=None)]), r"deployments\[0\]\.flavor: give exactly one"),
    (InferenceServiceArgs(deployments=[deployment(pool_id=None)]),
     r"deployments\[0\]\.pool_id: must name a dedicated resource pool: the public pool cannot take an individual"),
    (InferenceServiceArgs(deployments=[deployment(max_surge="0%")]),
     r"deployments\[0\]\.max_surge: cannot be 0% while max_unavailable is 0% too"),
    (InferenceServiceArgs(deployments=[deployment(max_surge="0%", max_unavailable="10%", replicas=5)]),
     r"deployments\[0\]\.max_unavailable: 10% of 5 replica\(s\) rounds down to 0 while max_surge is 0%"),
    (InferenceServiceArgs(deployments=[deployment(max_unavailable="half")]), r"deployments\[0\]\.max_unavailable: .*\(got 'half'\)"),
    (InferenceServiceArgs(deployments=[deployment(health_path="health")]), r"deployments\[0\]\.health_path"),
    (InferenceServiceArgs(deployments=[deployment(pool_id=None,
                                                  scaling=ScalingRuleArgs([CronRuleArgs("morning", "0 8 * *", 2)]))]),
     r"deployments\[0\]\.scaling\.rules: scaling rules work only on dedicated pools.*"
     r"deployments\[0\]\.scaling\.rules\[0\]\.schedule: must have 5 fields"),
    (InferenceServiceArgs(deployments=[deployment(pool_id="p", scaling=ScalingRuleArgs([CronRuleArgs("am", "0 8 * * *", 200)]))]),
     r"scaling\.rules\[0\]\.name: .*'am'.*scaling\.rules\[0\]\.target_replicas: .*200"),
    (InferenceServiceArgs(deployments=[deployment()], private_connections=[
        PrivateConnectionArgs(vpc_id="v", subnet_id="s", custom_urls=["ftp://x"])]),
     r"private_connections\[0\]\.custom_urls: custom_urls\[0\] 'ftp://x': must look like"),
    (InferenceServiceArgs(deployments=[deployment()], private_connections=[
        PrivateConnectionArgs(vpc_id="v", subnet_id="s"), PrivateConnectionArgs(vpc_id="w", subnet_id="t")]),
     r"private_connections: name 'private' is used twice"),
    (InferenceServiceArgs(deployments=[deployment()], protocol="FTP"), r"protocol: Input should be 'HTTP'.*\(got 'FTP'\)"),
])
def test_validation_names_the_field(mocks, args, message):
    with pytest.raises(InferenceServiceArgsError, match=message):
        InferenceService("bad", args)
    assert mocks.created == {}  # nothing was registered


@pulumi.runtime.test
def test_unknown_values_are_not_judged_early(mocks):
    # Outputs resolve at deploy time; the provider's own check judges them then.
    svc = InferenceService("later", InferenceServiceArgs(deployments=[deployment(weight=pulumi.Output.from_input(500))],
                                                         auth_type=pulumi.Output.from_input("NONE"),
                                                         api_keys=[ApiKeyArgs("web")]))

    def check(_):
        assert mocks.created["later-main"].inputs["weight"] == 500
        assert mocks.created["later-svc"].inputs["runtime_config"]["service_invoke"]["auth_type"] == "NONE"

    return settled(svc).apply(check)


def test_child_inputs_are_valid_for_the_providers_models():
    # Mocks never run the providers, so check the inputs against the models they validate with.
    from inference_iac.components.inference_service import deployment_inputs, service_inputs
    from inference_iac.modelarts.models.deployment import DeploymentSpec
    from inference_iac.modelarts.models.service import ServiceSpec

    args = full_args()
    service = ServiceSpec.model_validate({k: v for k, v in service_inputs("shop", args).items() if k != "allow_replace"})
    assert service.runtime_config.service_invoke.auth_type == "API_KEY"
    for d in args.deployments:
        spec = DeploymentSpec.model_validate(deployment_inputs(d, "svc-1"))
        assert spec.advanced_config.upgrade_config.rolling_update.max_unavailable == "0%"
    assert spec.unit_configs[0].custom_spec.memory == 4096
