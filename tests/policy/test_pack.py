"""The CrossGuard policies (policy/pack.py), called the way the analyzer calls them."""

from __future__ import annotations

from pulumi_policy import (
    EnforcementLevel,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE as UNKNOWN
from pulumi_policy.proxy import unknown_checking_proxy

from inference_iac.policy import pack
from inference_iac.policy.clouds import MODELARTS

KINDS = {"Service": "service", "Deployment": "deployment", "ApiKey": "api_key", "TrafficShift": "traffic_shift"}

OPTS = PolicyResourceOptions(False, [], None, [], None, [], None)


def urn(kind: str, name: str, stack: str = "prod") -> str:
    return f"urn:pulumi:{stack}::proj::{getattr(MODELARTS, KINDS[kind])}::{name}"


def run(policy, kind: str, props: dict, stack: str = "prod", config: dict | None = None) -> list[tuple[str, str]]:
    """Violations (message, urn), with the props wrapped as the analyzer wraps them."""
    args = ResourceValidationArgs(getattr(MODELARTS, KINDS[kind]), unknown_checking_proxy({"__provider": "blob", **props}),
                                  urn(kind, "res", stack), "res", OPTS, None, config)
    found: list[tuple[str, str]] = []
    policy.validate(args, lambda message, at=None: found.append((message, at)))
    return found


NO_AUTH = {"name": "svc", "runtime_config": {"service_invoke": {"auth_type": "NONE"}}}


def test_every_policy_is_mandatory_and_configured_so():
    assert [p.name for p in pack.POLICIES] == [
        "prod-service-requires-auth", "prod-rollout-zero-unavailable", "api-key-service-scope",
        "prod-deployment-min-replicas", "deployment-weight-range", "service-has-traffic", "no-new-v1-services"]
    # no-new-v1-services is advisory until a stack configures it mandatory (tests/policy/test_v1_policy.py).
    assert all(p.enforcement_level is EnforcementLevel.MANDATORY for p in pack.POLICIES
               if p is not pack.no_new_v1_services)
    # Initial config replaces a policy's own level, so it must carry the level too.
    assert all(c["enforcementLevel"] is EnforcementLevel.MANDATORY for c in pack.INITIAL_CONFIG.values())


def test_production_rule_applies_to_production_stacks_only():
    [(message, at)] = run(pack.no_unauthenticated_services, "Service", NO_AUTH)
    assert "auth_type: NONE" in message and at == urn("Service", "res")
    assert run(pack.no_unauthenticated_services, "Service", NO_AUTH, stack="dev") == []
    # The production stacks are configurable.
    assert run(pack.no_unauthenticated_services, "Service", NO_AUTH, stack="live",
               config={"production_stacks": ["live"]})
    assert run(pack.no_unauthenticated_services, "Service", NO_AUTH, config={"production_stacks": ["live"]}) == []


def test_rules_only_look_at_their_resource_type():
    assert run(pack.no_unauthenticated_services, "Deployment", NO_AUTH) == []
    assert run(pack.minimum_replicas, "Service", {"count": 1}) == []


def test_unknown_values_are_not_violations_at_preview():
    assert run(pack.no_unauthenticated_services, "Service", {"runtime_config": UNKNOWN}) == []
    assert run(pack.service_scoped_api_keys, "ApiKey", {"scope": "SERVICE", "service_ids": [UNKNOWN]}) == []
    # A deployment whose service is still to be created is checked all the same.
    props = {"service_id": UNKNOWN, "count": 3.0,
             "advanced_config": {"upgrade_config": {"rolling_update": {"max_unavailable": "34%"}}}}
    [(message, _)] = run(pack.zero_unavailable_rollouts, "Deployment", props)
    assert "'34%' of count 3 rounds down to 1" in message


def test_min_replicas_is_configurable():
    assert run(pack.minimum_replicas, "Deployment", {"count": 2.0}) == []
    assert run(pack.minimum_replicas, "Deployment", {"count": 2.0}, config={"min_replicas": 3.0})


def test_api_key_rule_holds_in_every_stack():
    assert run(pack.service_scoped_api_keys, "ApiKey", {"scope": "USER"}, stack="dev")
    assert run(pack.weights_in_range, "Deployment", {"weight": 150.0}, stack="dev")


def test_stack_policy_groups_by_the_service_dependency():
    svc_urn = urn("Service", "svc")
    service = PolicyResource(MODELARTS.service, unknown_checking_proxy({"name": "svc", "service_id": UNKNOWN}),
                             svc_urn, "svc", OPTS, None, None, [], {})
    deployments = [
        PolicyResource(MODELARTS.deployment, unknown_checking_proxy({"service_id": UNKNOWN, "weight": 0.0}),
                       urn("Deployment", name), name, OPTS, None, None, [service], {"service_id": [service]})
        for name in ("blue", "green")
    ]
    found: list[tuple[str, str]] = []
    pack.service_receives_traffic.validate(StackValidationArgs([service, *deployments]),
                                           lambda message, at=None: found.append((message, at)))
    assert found == [("Every deployment of service 'svc' has weight 0 (blue, green), so it would receive no "
                      "traffic; give at least one deployment a positive weight.", urn("Deployment", "blue"))]
