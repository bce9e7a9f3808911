"""The components on PAI-EAS under Pulumi mocks: children, inputs, production defaults, order, outputs, and
the arguments EAS cannot carry refused under their argument paths.

Under mocks the dynamic providers never run: `new_resource` sees the inputs
the component passes, which is what these tests check; the inputs are also
checked against the EAS provider's models, which the providers validate with.
"""

from __future__ import annotations

import pulumi
import pytest
from echo_mocks import EchoMocks, record_depends_on

from inference_iac.components.canary import CanaryRelease, CanaryReleaseArgs, CanaryReleaseArgsError, GateArgs
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
from inference_iac.components.kubernetes import KubernetesEndpoint, KubernetesEndpointArgs

DYN = "pulumi-python:dynamic/eas:"
SERVICE, DEPLOYMENT, SCALING, SHIFT = (DYN + t for t in ("Service", "Deployment", "ScalingRule", "TrafficShift"))
REGION = "cn-shanghai"


class Mocks(EchoMocks):
    """The outputs each EAS provider would add (ids are `<region>/<name>`)."""

    @staticmethod
    def service_name(args: pulumi.runtime.MockResourceArgs) -> str:
        return args.inputs.get("name") or args.inputs.get("deployment_name") or args.name

    def resource_id(self, args: pulumi.runtime.MockResourceArgs) -> str:
        return f"{REGION}/{self.service_name(args)}"

    def outputs(self, args: pulumi.runtime.MockResourceArgs) -> dict:
        name = self.service_name(args)
        return {
            SERVICE: {"internet_endpoint": f"http://eas.example/api/predict/{name}",
                      "intranet_endpoint": f"http://vpc.eas.example/api/predict/{name}",
                      "access_token": f"token-of-{name}", "region": REGION},
            DEPLOYMENT: {"service_id": f"eas-m-{name}", "status": "Running", "version": 1},
            SHIFT: {"current_step": 2, "canary_weight": 100, "stable_weight": 0, "status": "promoted"},
        }.get(args.typ, {})


@pytest.fixture
def mocks(use_mocks):
    return use_mocks(Mocks())


def inputs_of(sent: dict) -> dict:
    """The inputs the component gave, without the pickled provider the dynamic resource adds."""
    return {key: value for key, value in sent.items() if key != "__provider"}


def settled(svc: InferenceService) -> pulumi.Output:
    children = [svc.service, *svc.deployments.values(), *svc.scaling_rules.values()]
    return pulumi.Output.all(*[c.id for c in children])


def eas_args(**overrides) -> InferenceServiceArgs:
    values = dict(
        cloud="eas",
        deployments=[
            DeploymentArgs(name="main", image="registry.example/shop:2", custom_spec=CustomSpecArgs(cpu=2, memory=4096),
                           replicas=3, weight=90, envs={"MODE": "fast", "LOG_LEVEL": "info"}, port=8000,
                           scaling=ScalingRuleArgs([CronRuleArgs("morning", "0 8 * * MON-FRI", 6)])),
            DeploymentArgs(name="next", image="registry.example/shop:3", flavor="ecs.c6.large", weight=10,
                           pool_id="eas-r-dedicated1", cmd="python serve.py", max_surge="1%"),
        ],
        api_keys=[ApiKeyArgs("web")],
        tags={"team": "shop"},
    )
    values.update(overrides)
    return InferenceServiceArgs(**values)


@pulumi.runtime.test
def test_children_types_names_and_parents(mocks):
    svc = InferenceService("shop", eas_args())

    def check(urns):
        by_type = {typ: sorted(mocks.of_type(typ)) for typ in (SERVICE, DEPLOYMENT, SCALING)}
        assert by_type == {SERVICE: ["shop-svc"], DEPLOYMENT: ["shop-main", "shop-next"],
                           SCALING: ["shop-main-scaling"]}
        # No ModelArts resource, and no ApiKey: the group's token is the key.
        assert {r.typ for r in mocks.created.values() if r.custom} == {SERVICE, DEPLOYMENT, SCALING}
        for urn in urns:
            assert f"::{TYPE}$pulumi-python:dynamic/eas:" in urn, urn

    return pulumi.Output.all(*[c.urn for c in (svc.service, *svc.deployments.values(),
                                               *svc.scaling_rules.values())]).apply(check)


@pulumi.runtime.test
def test_inputs_carry_the_production_defaults(mocks):
    svc = InferenceService("shop", eas_args())

    def check(_):
        service = mocks.created["shop-svc"].inputs
        assert inputs_of(service) == {"name": "shop", "allow_replace": False}

        main = mocks.created["shop-main"].inputs
        assert main["name"] == "shop_main" and main["allow_replace"] is False
        assert main["metadata"] == {"group": "shop", "instance": 3, "cpu": 2, "memory": 4096,
                                    "rolling_strategy": {"max_surge": "25%", "max_unavailable": "0%"}}
        # Environment sorted by name (a dict's order must not make a new version); the deployment's port.
        assert main["containers"] == [{"image": "registry.example/shop:2", "port": 8000, "env": [
            {"name": "LOG_LEVEL", "value": "info"}, {"name": "MODE", "value": "fast"}]}]
        assert main["labels"] == {"team": "shop"} and main["weight"] == 90 and "cloud" not in main

        nxt = mocks.created["shop-next"].inputs
        assert nxt["name"] == "shop_next" and nxt["cloud"] == {"computing": {"instance_type": "ecs.c6.large"}}
        assert nxt["metadata"]["resource"] == "eas-r-dedicated1" and "cpu" not in nxt["metadata"]
        assert nxt["metadata"]["rolling_strategy"] == {"max_surge": "1%", "max_unavailable": "0%"}
        # The service's port when the deployment names none; cmd is the container's command.
        assert nxt["containers"] == [{"image": "registry.example/shop:3", "port": 8080, "command": "python serve.py"}]

        rule = mocks.created["shop-main-scaling"].inputs
        assert inputs_of(rule) == {"deployment_name": "shop_main", "cron": {"scale_jobs": [
            {"name": "morning", "schedule": "0 8 * * MON-FRI", "target_size": 6}]}}

    return settled(svc).apply(check)


@pulumi.runtime.test
def test_the_group_is_registered_after_its_members(mocks, monkeypatch):
    import inference_iac.components.eas as module

    depends = record_depends_on(monkeypatch, module, ("Service", "ScalingRule"))
    svc = InferenceService("shop", eas_args())
    # The group exists once a member does: created after them, the Service records its endpoint and token
    # in the same run (a later preview shows no change).
    assert depends["shop-svc"] == list(svc.deployments.values())
    assert depends["shop-main-scaling"] == [svc.deployments["main"]]
    return settled(svc)


@pulumi.runtime.test
def test_outputs_are_the_groups_endpoints_and_token(mocks, registered):
    svc = InferenceService("shop", eas_args(timeout_seconds=300, allow_replace=True))
    outputs = registered["shop"]

    def check(values):
        secret, keys, service_id, url, ids, connections, urls = values
        assert secret is True and keys == {"web": "token-of-shop"}
        assert service_id == f"{REGION}/shop" and url == "http://eas.example/api/predict/shop"
        assert ids == {"main": f"{REGION}/shop_main", "next": f"{REGION}/shop_next"}
        assert connections == {} and urls == {"intranet": ["http://vpc.eas.example/api/predict/shop"]}
        assert all(mocks.created[n].inputs["timeout_seconds"] == 300 for n in ("shop-svc", "shop-main", "shop-next",
                                                                                "shop-main-scaling"))
        assert mocks.created["shop-svc"].inputs["allow_replace"] is True
        assert mocks.created["shop-main"].inputs["allow_replace"] is True

    return pulumi.Output.all(pulumi.Output.is_secret(outputs["api_keys"]), outputs["api_keys"], outputs["service_id"],
                             outputs["predict_url"], outputs["deployment_ids"], outputs["connection_ids"],
                             outputs["private_urls"], settled(svc)).apply(lambda v: check(v[:7]))


def eas_deployment(**overrides) -> DeploymentArgs:
    return DeploymentArgs(**{"name": "main", "image": "registry.example/app:1",
                             "custom_spec": CustomSpecArgs(cpu=1, memory=2048), **overrides})


def eas(**overrides) -> InferenceServiceArgs:
    return InferenceServiceArgs(**{"cloud": "eas", "deployments": [eas_deployment()], **overrides})


@pytest.mark.parametrize("args, message", [
    # Limits of the EAS models, under the component's argument paths.
    (eas(deployments=[eas_deployment(), eas_deployment(name="b", weight=1001)]),
     r"deployments\[1\]\.weight: .*1000 \(got 1001\)"),
    (eas(deployments=[eas_deployment(replicas=0)]), r"deployments\[0\]\.replicas: .*greater than or equal to 1"),
    (eas(deployments=[eas_deployment(custom_spec=CustomSpecArgs(cpu=0.5, memory=1024))]),
     r"deployments\[0\]\.custom_spec\.cpu: Input should be a valid integer"),
    (eas(deployments=[eas_deployment(max_surge="0%")]),
     r"deployments\[0\]\.max_surge: cannot be 0 while max_unavailable is 0 too"),
    (eas(deployments=[eas_deployment(max_unavailable="half")]),
     r"deployments\[0\]\.max_unavailable: must be a whole number of instances"),
    (eas(deployments=[eas_deployment(port=70000)]), r"deployments\[0\]\.port: .*65535"),
    (eas(deployments=[eas_deployment(envs={"": "x"})]), r"deployments\[0\]\.envs\[0\]\.name: "),
    (eas(deployments=[eas_deployment(flavor="ecs.c6.large")]), r"deployments\[0\]\.flavor: give exactly one"),
    (eas(deployments=[eas_deployment(scaling=ScalingRuleArgs([CronRuleArgs("am", "0 8 * *", -1)]))]),
     r"deployments\[0\]\.scaling\.rules\[0\]\.schedule: must have 5 fields.*"
     r"deployments\[0\]\.scaling\.rules\[0\]\.target_replicas: .*greater than or equal to 0"),
    (eas(deployments=[eas_deployment(scaling=ScalingRuleArgs([]))]), r"deployments\[0\]\.scaling\.rules: "),
    (eas(tags={"aliyun-owner": "me"}), r"tags: label key 'aliyun-owner' must not start with 'aliyun'"),
    # Names: the group's, and each member's EAS service name.
    (eas(service_name="Shop"), r"service_name: .*got 'Shop'"),
    (eas(deployments=[eas_deployment(name="blue-green")]),
     r"deployments\[0\]\.name: the EAS service name 'shop_blue-green' \(<service_name>_<name>\) must be a lower-case"),
    # Arguments EAS cannot carry, each with the reason.
    (eas(api_keys=[ApiKeyArgs("web"), ApiKeyArgs("batch")]),
     r"api_keys: EAS gives a service group exactly one token.*at most one API key \(got 2\)"),
    (eas(api_keys=[ApiKeyArgs("web", description="for the shop")]), r"api_keys\[0\]\.description: .*no description"),
    (eas(auth_type="NONE"), r"auth_type: NONE cannot be carried on EAS: every EAS service takes its token"),
    (eas(protocol="HTTP"), r"protocol: EAS endpoints have no protocol setting"),
    (eas(intranet_approval=True), r"intranet_approval: EAS has no owner approval"),
    (eas(description="shop"), r"description: EAS keeps no description"),
    (eas(private_connections=[PrivateConnectionArgs(vpc_id="vpc-1", subnet_id="vsw-1")]),
     r"private_connections: EAS links a VPC to a dedicated gateway, not to a service"),
    (eas(deployments=[eas_deployment(health_path="/health")]), r"deployments\[0\]\.health_path: .*no health probe"),
    (eas(deployments=[eas_deployment(description="main")]), r"deployments\[0\]\.description: EAS keeps no"),
    (eas(deployments=[eas_deployment(custom_spec=CustomSpecArgs(cpu=1, memory=1024, ascend=1))]),
     r"deployments\[0\]\.custom_spec\.ascend: EAS instances have no Ascend NPUs"),
    (eas(deployments=[eas_deployment(scaling=ScalingRuleArgs([CronRuleArgs("am", "0 8 * * *", 2)], enabled=False))]),
     r"deployments\[0\]\.scaling\.enabled: EAS cannot keep a cron scaler switched off"),
    # Rules of the component itself hold on every cloud.
    (eas(deployments=[eas_deployment(), eas_deployment()]), r"deployments: name 'main' is used twice"),
    (InferenceServiceArgs(deployments=[eas_deployment()], cloud="gcp"),
     r"cloud: 'gcp' is not a cloud this component builds on \(one of modelarts, eas\)"),
])
def test_validation_names_the_argument_and_the_reason(mocks, args, message):
    with pytest.raises(InferenceServiceArgsError, match=message):
        InferenceService("shop", args)
    assert mocks.created == {}  # nothing was registered


@pulumi.runtime.test
def test_a_component_name_eas_cannot_take_asks_for_a_service_name(mocks):
    with pytest.raises(InferenceServiceArgsError, match=r"InferenceService my-shop: service_name: .*\(got 'my-shop'\) "
                                                        r"\(the component name 'my-shop' is used when service_name is "
                                                        r"None; set service_name\)") as error:
        InferenceService("my-shop", eas())
    # The members' names are not judged as well: they only repeat the group's problem.
    assert "deployments[0].name" not in str(error.value)
    return settled(InferenceService("my-shop", eas(service_name="my_shop")))  # accepted


def test_every_problem_is_reported_at_once(mocks):
    with pytest.raises(InferenceServiceArgsError) as error:
        InferenceService("shop", eas(deployments=[eas_deployment(weight=2000, health_path="/h")],
                                     api_keys=[ApiKeyArgs("a"), ApiKeyArgs("b")]))
    message = str(error.value)
    assert message.startswith("InferenceService shop: ")
    for path in ("deployments[0].weight", "deployments[0].health_path", "api_keys: "):
        assert path in message


@pulumi.runtime.test
def test_unknown_values_are_left_to_the_providers(mocks):
    svc = InferenceService("later", eas(deployments=[eas_deployment(weight=pulumi.Output.from_input(5000))],
                                        protocol=pulumi.Output.from_input("HTTP")))

    def check(_):
        assert mocks.created["later-main"].inputs["weight"] == 5000

    return settled(svc).apply(check)


def test_child_inputs_are_valid_for_the_eas_models():
    from inference_iac.components import eas as backend
    from inference_iac.eas.models.deployment import DeploymentSpec
    from inference_iac.eas.models.scaling_rule import ScalingRuleSpec

    args = eas_args()
    for d in args.deployments:
        spec = DeploymentSpec.model_validate(backend.deployment_inputs("shop", d, args))
        assert spec.metadata.rolling_strategy.max_unavailable == "0%"
    scaler = ScalingRuleSpec.model_validate(backend.scaling_inputs("shop", args.deployments[0]))
    assert scaler.cron.request_body()["ScaleJobs"][0]["Schedule"] == "0 0 8 * * MON-FRI"


# ----- KubernetesEndpoint ------------------------------------------------------------------------


@pulumi.runtime.test
def test_kubernetes_endpoint_publishes_the_groups_endpoints_and_token(mocks):
    svc = InferenceService("shop", eas_args())
    endpoint = KubernetesEndpoint("shop-endpoint", KubernetesEndpointArgs(namespace="apps", service=svc))

    def check(_):
        from pulumi.runtime.rpc import _special_secret_sig, _special_sig_key

        secret, config = mocks.created["shop-endpoint-secret"], mocks.created["shop-endpoint-config"]
        assert secret.inputs["stringData"] == {_special_sig_key: _special_secret_sig,
                                               "value": {"API_KEY": "token-of-shop"}}
        assert config.inputs["data"] == {"PREDICT_URL": "http://eas.example/api/predict/shop",
                                         "PRIVATE_URLS": "http://vpc.eas.example/api/predict/shop",
                                         "SERVICE_ID": f"{REGION}/shop"}

    return pulumi.Output.all(endpoint.secret.id, endpoint.config_map.id).apply(check)


# ----- CanaryRelease -----------------------------------------------------------------------------


@pulumi.runtime.test
def test_canary_on_eas_shifts_between_the_members_by_name(mocks):
    from inference_iac.eas import Deployment, Service

    body = {"metadata": {"group": "chat", "cpu": 1, "memory": 1024}, "containers": [{"image": "r.example/chat:1"}]}
    stable = Deployment("chat-stable", {**body, "name": "chat_stable"})
    canary = Deployment("chat-canary", {**body, "name": "chat_canary", "initial_weight": 0})
    group = Service("chat-svc", {"name": "chat"})
    release = CanaryRelease("chat-release", CanaryReleaseArgs(
        cloud="eas", service_id=group, stable=stable, canary=canary, steps=[50, 100], bake_seconds=5,
        gate=GateArgs(max_unhealthy_instances=1), timeout_seconds=60))

    def check(values):
        urn, status = values
        [shift] = [r for r in mocks.created.values() if r.typ == SHIFT]
        assert shift.name == "chat-release-shift" and f"CanaryRelease${SHIFT}::chat-release-shift" in urn
        assert inputs_of(shift.inputs) == {"service_name": "chat", "stable_deployment_name": "chat_stable",
                                "canary_deployment_name": "chat_canary", "steps": [50, 100], "bake_seconds": 5,
                                "max_unhealthy_instances": 1, "require_running": True, "fail_on_events": True,
                                "timeout_seconds": 60}
        assert status == "promoted"

    return pulumi.Output.all(release.shift.urn, release.status).apply(check)


@pulumi.runtime.test
def test_canary_on_eas_takes_the_ids_an_inference_service_exposes(mocks):
    svc = InferenceService("shop", eas_args())
    release = CanaryRelease("shop-release", CanaryReleaseArgs(
        cloud="eas", service_id=svc.service_id, stable=svc.deployments["main"].id, canary=f"{REGION}/shop_next"))

    def check(_):
        [shift] = [r for r in mocks.created.values() if r.typ == SHIFT]
        assert (shift.inputs["service_name"], shift.inputs["stable_deployment_name"],
                shift.inputs["canary_deployment_name"]) == ("shop", "shop_main", "shop_next")

    return release.shift.id.apply(check)


@pytest.mark.parametrize("overrides, message", [
    ({"canary": "shop_next"}, r"canary: a Deployment id is '<region>/<name>', got 'shop_next'"),
    ({"steps": [50, 20]}, r"steps: must be strictly increasing, but 20 follows 50"),
    ({"canary": f"{REGION}/shop_main"}, r"canary: must differ from stable"),
    ({"gate": GateArgs(max_unhealthy_instances=-1)}, r"gate\.max_unhealthy_instances: .*greater than or equal to 0"),
    ({"cloud": "modelarts", "service_id": "svc"}, r"stable: a resource of the other cloud, but cloud is 'modelarts'"),
    ({"cloud": "aws"}, r"cloud: 'aws' is not a cloud"),
])
@pulumi.runtime.test
def test_canary_validation_names_the_argument(mocks, overrides, message):
    from inference_iac.eas import Deployment

    body = {"metadata": {"group": "shop", "cpu": 1, "memory": 1024}, "containers": [{"image": "r.example/a:1"}]}
    values = {"cloud": "eas", "service_id": f"{REGION}/shop",
              "stable": Deployment("shop-main", {**body, "name": "shop_main"}) if "cloud" in overrides
              else f"{REGION}/shop_main", "canary": f"{REGION}/shop_next", **overrides}
    before = dict(mocks.created)
    with pytest.raises(CanaryReleaseArgsError, match=message):
        CanaryRelease("bad", CanaryReleaseArgs(**values))
    assert not [n for n in mocks.created if n not in before and mocks.created[n].typ == SHIFT]
