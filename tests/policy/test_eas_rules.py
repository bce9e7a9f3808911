"""The platform rules on PAI-EAS resources: the cloud's facts come from its provider."""

from __future__ import annotations

from inference_iac.core.registry import type_token
from inference_iac.eas.resources import ApiKey, Deployment, Service, TrafficShift
from inference_iac.policy import rules
from inference_iac.policy.clouds import EAS, facts_for


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
