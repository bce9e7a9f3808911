"""The platform rules on PAI-EAS resources (rules and the pack's policies): the cloud's facts come from its provider."""

from __future__ import annotations

import pytest
from pulumi_policy import PolicyResource, PolicyResourceOptions, ResourceValidationArgs, StackValidationArgs
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE as UNKNOWN
from pulumi_policy.proxy import unknown_checking_proxy

from inference_iac.core.registry import type_token
from inference_iac.eas.resources import ApiKey, Deployment, Service, TrafficShift
from inference_iac.policy import pack, rules
from inference_iac.policy.clouds import EAS, facts_for
from inference_iac.policy.rules import StackResource


def test_the_eas_facts_come_from_the_provider():
    assert facts_for(type_token(Deployment)) is EAS
    assert EAS.kind_of(type_token(Service)) == "service"
    assert EAS.kind_of(type_token(ApiKey)) == "api_key"
    assert EAS.kind_of(type_token(TrafficShift)) == "traffic_shift"
    assert EAS.default_count == 1 and EAS.max_weight == 1000


def test_replicas_are_the_instance_count():
    assert rules.too_few_replicas("d", {"metadata": {"instance": 1}}, EAS)
    assert rules.too_few_replicas("d", {"metadata": {"instance": 2}}, EAS) == []
    assert rules.too_few_replicas("d", {}, EAS)  # the default, 1


def test_max_unavailable_as_a_number_or_a_share():
    assert rules.rolling_upgrade_takes_replicas_down("d", {"metadata": {"instance": 4}}, EAS) == []
    taken = rules.rolling_upgrade_takes_replicas_down(
        "d", {"metadata": {"instance": 4, "rolling_strategy": {"max_unavailable": 1}}}, EAS)
    assert taken and "1 of its 4 replicas" in taken[0]
    share = rules.rolling_upgrade_takes_replicas_down(
        "d", {"metadata": {"instance": 4, "rolling_strategy": {"max_unavailable": "50%"}}}, EAS)
    assert share and "rounds down to 2" in share[0]


def test_weights_up_to_the_eas_limit_and_no_unauthenticated_mode():
    assert rules.weight_out_of_range("d", {"weight": 1000}, EAS) == []
    assert "0-1000" in rules.weight_out_of_range("d", {"weight": 1001}, EAS)[0]
    assert rules.unauthenticated_service("s", {"name": "grp"}, EAS) == []
    assert rules.api_key_not_scoped("k", {"deployment_name": "svc"}, EAS) == []


def test_every_service_reference_path_is_an_input_of_the_eas_models():
    from inference_iac.core.unknowns import path_parts
    from inference_iac.eas.models.deployment import DeploymentSpec
    from inference_iac.eas.models.service import ServiceSpec
    from inference_iac.eas.models.traffic_shift import TrafficShiftSpec

    for kind, model in (("service", ServiceSpec), ("deployment", DeploymentSpec), ("traffic_shift", TrafficShiftSpec)):
        node = model
        for part in path_parts(EAS.service_ref_path(kind)):
            assert part in node.model_fields, (kind, part)
            node = node.model_fields[part].annotation


# ----- the resource policies, called as the analyzer calls them, on EAS resource types -------------------

OPTS = PolicyResourceOptions(False, [], None, [], None, [], None)
KINDS = {"Service": "service", "Deployment": "deployment", "ApiKey": "api_key", "TrafficShift": "traffic_shift"}


def eas_urn(kind: str, name: str, stack: str = "prod", parent: str = "") -> str:
    return f"urn:pulumi:{stack}::proj::{parent + '$' if parent else ''}{getattr(EAS, KINDS[kind])}::{name}"


def run(policy, kind: str, props: dict, stack: str = "prod", config: dict | None = None) -> list[str]:
    args = ResourceValidationArgs(getattr(EAS, KINDS[kind]), unknown_checking_proxy({"__provider": "blob", **props}),
                                  eas_urn(kind, "res", stack), "res", OPTS, None, config)
    found: list[str] = []
    policy.validate(args, lambda message, at=None: found.append(message))
    return found


MEMBER = {"name": "shop_main", "metadata": {"group": "shop", "instance": 1.0,
                                            "rolling_strategy": {"max_unavailable": 1.0}}, "weight": 100.0}


def test_production_deployment_rules_judge_eas_members():
    [too_few] = run(pack.minimum_replicas, "Deployment", MEMBER)
    assert "'res' (name 'shop_main') runs 1 replica(s)" in too_few
    [takes_down] = run(pack.zero_unavailable_rollouts, "Deployment", {**MEMBER, "metadata": {
        "group": "shop", "instance": 3.0, "rolling_strategy": {"max_unavailable": "50%"}}})
    assert "metadata.rolling_strategy.max_unavailable: '50%' of count 3 rounds down to 1" in takes_down
    # Outside production neither applies; the EAS defaults (1 instance, nothing unavailable) are used when unset.
    assert run(pack.minimum_replicas, "Deployment", MEMBER, stack="dev") == []
    assert run(pack.zero_unavailable_rollouts, "Deployment", {"name": "shop_main", "metadata": {"group": "shop"}}) == []
    assert run(pack.minimum_replicas, "Deployment", {"name": "shop_main", "metadata": {"group": "shop"}},
               config={"min_replicas": 1.0}) == []


def test_weight_rule_holds_in_every_stack_with_the_eas_range():
    assert run(pack.weights_in_range, "Deployment", {**MEMBER, "weight": 1000.0}, stack="dev") == []
    [message] = run(pack.weights_in_range, "Deployment", {**MEMBER, "weight": 1500.0}, stack="dev")
    assert "weight is 1500; weights are whole numbers 0-1000" in message


def test_rules_without_an_eas_counterpart_never_fire_on_eas():
    # Every EAS call carries a token, and an EAS key belongs to one service by construction.
    assert run(pack.no_unauthenticated_services, "Service", {"name": "shop"}) == []
    assert run(pack.service_scoped_api_keys, "ApiKey", {"name": "k", "deployment_name": "shop_main"}) == []


# ----- the stack rule on service groups ------------------------------------------------------------------

def member(name: str, weight, group="shop", parent: str = "") -> StackResource:
    props = {"name": name, "metadata": {"group": group}}
    if weight is not None:
        props["weight"] = weight
    return StackResource(eas_urn("Deployment", name, parent=parent), EAS.deployment, props)


def group(name: str, parent: str = "") -> StackResource:
    return StackResource(eas_urn("Service", f"{name}-svc", parent=parent), EAS.service, {"name": name})


def test_a_group_without_any_member_carrying_traffic_is_reported():
    found = rules.services_without_traffic([
        group("shop"), member("shop_blue", 0.0), member("shop_green", 0),
        member("other_a", 0, group="other"), member("other_b", 10, group="other"),
    ])
    assert found == [("Every deployment of service 'shop-svc' has weight 0 (shop_blue, shop_green), so it would "
                      "receive no traffic; give at least one deployment a positive weight.",
                      eas_urn("Deployment", "shop_blue"))]
    # Without its Service in the stack, the group is named by its name.
    [(message, _)] = rules.services_without_traffic([member("shop_blue", 0.0), member("shop_green", 0)])
    assert "service 'shop' has weight 0" in message


@pytest.mark.parametrize("weights", [[0, 1], [0, None], [0, UNKNOWN], [None]])
def test_a_member_with_a_positive_unset_or_unknown_weight_lets_the_group_pass(weights):
    resources = [group("shop"), *[member(f"shop_{i}", w) for i, w in enumerate(weights)]]
    assert rules.services_without_traffic(resources) == []


def test_members_created_at_initial_weight_0_with_no_weight_of_their_own_are_reported():
    starting_at_zero = [member(f"shop_{i}", None) for i in range(2)]
    for resource in starting_at_zero:
        resource.props["initial_weight"] = 0
    [(message, _)] = rules.services_without_traffic([group("shop"), *starting_at_zero])
    assert "has weight 0 (shop_0, shop_1)" in message
    # A weight of its own wins over the weight it was created with.
    starting_at_zero[1].props["weight"] = 50
    assert rules.services_without_traffic([group("shop"), *starting_at_zero]) == []


def test_an_eas_traffic_shift_owns_its_groups_weights():
    shift = StackResource(eas_urn("TrafficShift", "release"), EAS.traffic_shift,
                          {"service_name": "shop", "stable_deployment_name": "shop_a", "canary_deployment_name": "shop_b"})
    assert rules.services_without_traffic([group("shop"), member("shop_a", 0), member("shop_b", 0), shift]) == []
    other = StackResource(eas_urn("TrafficShift", "release"), EAS.traffic_shift, {"service_name": "other"})
    assert rules.services_without_traffic([member("shop_a", 0), other])


def test_groups_of_the_two_clouds_never_mix():
    from inference_iac.policy.clouds import MODELARTS

    modelarts = StackResource("urn:pulumi:prod::proj::pulumi-python:dynamic/modelarts:Deployment::m",
                              MODELARTS.deployment, {"service_id": "shop", "weight": 100})
    [(message, _)] = rules.services_without_traffic([member("shop_a", 0), modelarts])
    assert "(shop_a)" in message


def test_stack_policy_groups_members_of_a_component_by_their_metadata_dependency():
    # On a first preview a member's group may be unknown; it comes from the Service, through `metadata`.
    component = "inference:components:InferenceService"
    service = PolicyResource(EAS.service, unknown_checking_proxy({"name": "shop"}),
                             eas_urn("Service", "shop-svc", parent=component), "shop-svc", OPTS, None, None, [], {})
    members = [
        PolicyResource(EAS.deployment, unknown_checking_proxy({"name": name, "metadata": UNKNOWN, "weight": 0.0}),
                       eas_urn("Deployment", name, parent=component), name, OPTS, None, None, [service],
                       {"metadata": [service]})
        for name in ("shop_blue", "shop_green")
    ]
    found: list[tuple[str, str]] = []
    pack.service_receives_traffic.validate(StackValidationArgs([service, *members]),
                                           lambda message, at=None: found.append((message, at)))
    assert [message for message, _ in found] == [
        "Every deployment of service 'shop-svc' has weight 0 (shop_blue, shop_green), so it would receive no "
        "traffic; give at least one deployment a positive weight."]
