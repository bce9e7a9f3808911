"""What an in-place update is expected to leave, as a preview tells the resources that depend on it."""

from __future__ import annotations

import pytest
from pulumi.runtime.rpc import UNKNOWN

from inference_iac.registry import all_providers

PROVIDERS = sorted(all_providers().items())


@pytest.mark.parametrize("token,provider_class", PROVIDERS, ids=[token for token, _ in PROVIDERS])
def test_stable_outputs_are_outputs(token, provider_class):
    assert provider_class.stable_outputs <= provider_class.output_keys


@pytest.mark.parametrize("token,provider_class", PROVIDERS, ids=[token for token, _ in PROVIDERS])
def test_a_preview_keeps_ids_takes_the_new_inputs_and_leaves_the_rest_unknown(token, provider_class):
    provider = provider_class()
    olds = {key: f"old {key}" for key in provider.output_keys} | {"name": "old-name", "kept": 1}
    news = {key: None for key in provider.output_keys} | {"name": "new-name"}
    predicted = provider.preview_update(olds, news)
    assert predicted["name"] == "new-name" and predicted["kept"] == 1
    for key in provider.output_keys:
        expected = f"old {key}" if key in provider.stable_outputs else UNKNOWN
        assert predicted[key] == expected, key


def test_every_resource_with_an_id_keeps_it_known_at_preview():
    ids = {"service_id", "deployment_id", "key_id", "policy_id", "connection_id", "model_id", "gateway_id"}
    for token, provider_class in PROVIDERS:
        assert provider_class.output_keys & ids <= provider_class.stable_outputs, token
