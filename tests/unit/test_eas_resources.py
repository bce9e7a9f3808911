"""The PAI-EAS Pulumi resources: type tokens of their own module, secret outputs, and the
program refusing a second ApiKey for one service."""

from __future__ import annotations

import pulumi
import pytest

from inference_iac.core.registry import type_token
from inference_iac.registry import all_providers


def test_every_eas_resource_has_a_token_of_the_eas_module():
    from inference_iac.eas.registry import RESOURCES

    tokens = {type_token(resource) for resource, _, _ in RESOURCES}
    assert tokens == {f"pulumi-python:dynamic/eas:{name}" for name in (
        "Service", "Deployment", "ApiKey", "Gateway", "IntranetConnection", "ScalingRule", "TrafficShift")}
    assert tokens <= set(all_providers())


def test_the_public_names_load_lazily():
    import inference_iac.eas as eas

    assert eas.Deployment.__name__ == "Deployment" and "DeploymentArgs" in eas.__all__
    with pytest.raises(AttributeError):
        eas.Nothing  # noqa: B018


def test_the_key_value_and_the_group_token_are_secret_outputs(monkeypatch):
    """The engine keeps a dynamic resource's output secret only when the resource asks for it."""
    from inference_iac.eas import ApiKey, Service

    asked: dict[str, list[str]] = {}

    def record(self, provider, name, props, opts=None):
        asked[name] = list(opts.additional_secret_outputs or [])

    monkeypatch.setattr(pulumi.dynamic.Resource, "__init__", record)
    ApiKey("shop-key", {"deployment_name": "shop_secret"})
    Service("shop-service", {"name": "shop"})
    assert asked == {"shop-key": ["api_key"], "shop-service": ["access_token"]}


def test_a_second_key_for_one_service_is_refused_by_the_program():
    from inference_iac.eas.resources.api_key import DuplicateApiKey, claim_in_program

    claim_in_program("first", "shop_dup")
    claim_in_program("first", "shop_dup")  # the same resource again (a re-run) is fine
    with pytest.raises(DuplicateApiKey, match="one token per service"):
        claim_in_program("second", "shop_dup")
