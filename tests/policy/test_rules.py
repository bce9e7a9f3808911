"""The platform rules as plain functions (policy/rules.py)."""

from __future__ import annotations

import pytest
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE as UNKNOWN

from inference_iac.policy import rules
from inference_iac.policy.clouds import MODELARTS
from inference_iac.policy.rules import StackResource


def svc(auth=None, **extra):
    props = {"name": "svc", **extra}
    if auth is not None:
        props["runtime_config"] = {"service_invoke": {"auth_type": auth}}
    return props


def dep(count=None, max_unavailable=None, **extra):
    props = {"name": "main", "service_id": "sid", **extra}
    if count is not None:
        props["count"] = count
    if max_unavailable is not None:
        props["advanced_config"] = {"upgrade_config": {"rolling_update": {"max_unavailable": max_unavailable}}}
    return props


def test_stack_from_urn_and_production_patterns():
    assert rules.stack_of("urn:pulumi:prod-eu::proj::pulumi-python:dynamic/modelarts:Service::svc") == "prod-eu"
    assert rules.stack_of("urn:pulumi:dev::proj::a$b::c") == "dev"
    assert rules.is_production("prod") and rules.is_production("prod-eu") and rules.is_production("production")
    assert not rules.is_production("dev") and not rules.is_production("preprod") and not rules.is_production("product")
    assert rules.is_production("live", ["live", "prod"]) and not rules.is_production("prod", ["live"])


@pytest.mark.parametrize("auth, violates", [("NONE", True), ("API_KEY", False), ("TOKEN", False), (None, False)])
def test_unauthenticated_service(auth, violates):
    assert bool(rules.unauthenticated_service("s", svc(auth))) is violates


def test_unknown_auth_type_is_left_for_up():
    with pytest.raises(rules.Unknown):
        rules.unauthenticated_service("s", {"runtime_config": UNKNOWN})


@pytest.mark.parametrize("count, setting, down", [
    (4, "0%", 0), (4, "24%", 0), (4, "25%", 1), (3, "50%", 1), (1, "99%", 0), (1, "100%", 1), (99, "1%", 0),
    (100, "1%", 1), (10, "100%", 10),
])
def test_unavailable_replicas_round_down(count, setting, down):
    assert rules.unavailable_during_upgrade(count, setting) == down


def test_rolling_upgrade_rule():
    assert rules.rolling_upgrade_takes_replicas_down("d", dep(4, "0%")) == []
    assert rules.rolling_upgrade_takes_replicas_down("d", dep(4, "24%")) == []
    [message] = rules.rolling_upgrade_takes_replicas_down("d", dep(4.0, "25%"))
    assert "may take 1 of its 4 replicas" in message and "'25%' of count 4 rounds down to 1" in message
    # The model's default (1%) rounds down to 0 below 100 replicas, and count defaults to 1.
    assert rules.rolling_upgrade_takes_replicas_down("d", dep()) == []
    assert rules.rolling_upgrade_takes_replicas_down("d", dep(count=100))
    assert "not a percentage" in rules.rolling_upgrade_takes_replicas_down("d", dep(2, "1"))[0]


@pytest.mark.parametrize("props, violates", [
    ({"scope": "USER"}, "has scope USER"),
    ({"scope": "SERVICE", "service_ids": []}, "bound to no service"),
    ({}, "bound to no service"),  # SERVICE is the default scope
    ({"scope": "SERVICE", "service_ids": ["a"]}, None),
    ({"scope": "SERVICE", "service_ids": [UNKNOWN]}, None),  # a service still to be created
    ({"scope": "PROJECT", "service_ids": ["a"]}, "only SERVICE keys"),
])
def test_api_key_scope(props, violates):
    messages = rules.api_key_not_scoped("k", {"name": "k", **props})
    assert (messages == []) if violates is None else (violates in messages[0])


def test_api_key_with_unknown_bindings_is_left_for_up():
    with pytest.raises(rules.Unknown):
        rules.api_key_not_scoped("k", {"scope": "SERVICE", "service_ids": UNKNOWN})


def test_minimum_replicas():
    assert rules.too_few_replicas("d", dep()) != []  # count defaults to 1
    assert rules.too_few_replicas("d", dep(2.0)) == []
    assert "runs 2 replica(s)" in rules.too_few_replicas("d", dep(2), minimum=3)[0]


@pytest.mark.parametrize("extra, violates", [
    ({"weight": 0}, False), ({"weight": 100.0}, False), ({}, False), ({"mirror_traffic_weight": 30}, False),
    ({"weight": 101}, True), ({"weight": -1}, True), ({"weight": 50.5}, True), ({"weight": True}, True),
    ({"mirror_traffic_weight": 200}, True),
])
def test_weight_range(extra, violates):
    assert bool(rules.weight_out_of_range("d", dep(**extra))) is violates


def test_messages_name_the_api_name_when_it_differs():
    assert "'d' (name 'main')" in rules.too_few_replicas("d", dep())[0]
    assert "'main' runs" in rules.too_few_replicas("main", dep())[0]


# ----- the stack rule -----------------------------------------------------------------------

def urn(kind: str, name: str) -> str:
    return f"urn:pulumi:prod::proj::pulumi-python:dynamic/modelarts:{kind}::{name}"


def deployment(name, weight, service_id="sid", service_from=()):
    props = {"name": name, "service_id": service_id}
    if weight is not None:
        props["weight"] = weight
    return StackResource(urn("Deployment", name), MODELARTS.deployment, props, list(service_from))


def service(name, service_id=UNKNOWN):
    return StackResource(urn("Service", name), MODELARTS.service, {"name": name, "service_id": service_id})


def test_all_weights_zero_is_reported_once_per_service():
    found = rules.services_without_traffic([
        deployment("blue", 0.0), deployment("green", 0),
        deployment("other", 0, service_id="sid2"), deployment("other-b", 10, service_id="sid2"),
    ])
    assert len(found) == 1
    message, at = found[0]
    assert "service 'sid' has weight 0 (blue, green)" in message and at == urn("Deployment", "blue")


@pytest.mark.parametrize("weights", [[0, 1], [0, None], [0, UNKNOWN], [None]])
def test_any_positive_unset_or_unknown_weight_passes(weights):
    resources = [deployment(f"d{i}", w) for i, w in enumerate(weights)]
    assert rules.services_without_traffic(resources) == []


def test_unknown_service_ids_are_grouped_by_the_service_they_come_from():
    svc_a, svc_b = service("a"), service("b")
    resources = [
        svc_a, svc_b,
        deployment("a1", 0, UNKNOWN, [svc_a.urn]), deployment("b1", 0, UNKNOWN, [svc_b.urn]),
        deployment("b2", 5, UNKNOWN, [svc_b.urn]),
    ]
    [(message, _)] = rules.services_without_traffic(resources)
    assert "service 'a' has weight 0 (a1)" in message


def test_known_and_unknown_ids_of_one_service_are_one_group():
    svc_a = service("a", "sid-a")
    resources = [svc_a, deployment("old", 0, "sid-a"), deployment("new", 50, UNKNOWN, [svc_a.urn])]
    assert rules.services_without_traffic(resources) == []
    resources[2] = deployment("new", 0, UNKNOWN, [svc_a.urn])
    assert "(new, old)" in rules.services_without_traffic(resources)[0][0]


def test_a_traffic_shift_owns_the_weights_of_its_service():
    shift = StackResource(urn("TrafficShift", "canary"), MODELARTS.traffic_shift, {"service_id": "sid"})
    assert rules.services_without_traffic([deployment("a", 0), deployment("b", 0), shift]) == []
