"""no-new-v1-services: a ModelArts v1 Service the engine does not know yet is flagged; existing ones are not."""

from __future__ import annotations

from pulumi.dynamic import CheckResult
from pulumi.runtime import rpc
from pulumi_policy import EnforcementLevel, PolicyResourceOptions, ResourceValidationArgs
from pulumi_policy.proxy import unknown_checking_proxy

from inference_iac.core.registry import type_token
from inference_iac.modelarts.v1.resources import Service as V1Service
from inference_iac.modelarts.v1.resources.service import ServiceProvider
from inference_iac.policy import pack, rules
from inference_iac.policy.clouds import MODELARTS, MODELARTS_V1

OPTS = PolicyResourceOptions(False, [], None, [], None, [], None)
NEW = {"service_name": "legacy-shop", "infer_type": "real-time", "config": [{"model_id": "m-1", "weight": 100.0}]}


def run(props: dict, resource_type: str = MODELARTS_V1.service, name: str = "shop") -> list[str]:
    args = ResourceValidationArgs(resource_type, unknown_checking_proxy({"__provider": "blob", **props}),
                                  f"urn:pulumi:prod::proj::{resource_type}::{name}", name, OPTS, None, {})
    found: list[str] = []
    pack.no_new_v1_services.validate(args, lambda message, at=None: found.append(message))
    return found


def test_the_v1_service_type_comes_from_the_v1_registry():
    assert MODELARTS_V1.service == type_token(V1Service)
    assert MODELARTS_V1.existing_key == "existing"


def test_a_new_v1_service_is_flagged_with_what_to_do_instead():
    [message] = run(NEW)
    assert message.startswith("ModelArts v1 Service 'shop' (service_name 'legacy-shop') would be a new service "
                              "on an API that is being retired")
    assert "InferenceService" in message and "inference-migrate" in message


def test_an_existing_or_imported_v1_service_is_not_flagged():
    assert run({**NEW, "existing": True}) == []


def test_other_resources_are_not_judged():
    assert run(NEW, resource_type=MODELARTS.service) == []


def test_it_is_advisory_unless_configured_otherwise():
    assert pack.no_new_v1_services.enforcement_level is EnforcementLevel.ADVISORY
    assert pack.no_new_v1_services.name not in pack.INITIAL_CONFIG


def test_the_rule_names_the_service_by_its_resource_name_when_they_agree():
    [message] = rules.new_retiring_service("legacy-shop", NEW)
    assert "Service 'legacy-shop' would be" in message


def test_the_v1_provider_marks_what_the_engine_already_knows():
    # Unknown inputs keep the check away from the platform; the mark depends on `olds` alone.
    news = {**NEW, "config": rpc.UNKNOWN}
    fresh = ServiceProvider().check({}, news)
    known = ServiceProvider().check({**NEW, "state": "running"}, news)
    assert isinstance(fresh, CheckResult) and "existing" not in fresh.inputs
    assert known.inputs["existing"] is True
    assert run(known.inputs) == [] and run(fresh.inputs)
