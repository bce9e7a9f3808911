"""The policy pack through the real `pulumi` CLI.

The CLI runs the installed pack as an analyzer plugin executable
(`inference-policy-pack`); a mandatory violation fails the preview with the
policy's message and stops `pulumi up` before anything is created.
"""

from __future__ import annotations

import pytest
from pulumi import automation as auto

from inference_iac.policy.pack import executable

pytestmark = pytest.mark.e2e
PACK = executable()
COMPLIANT = {"authType": "API_KEY", "count": 2, "maxUnavailable": "0%", "weight": 100, "keyScope": "SERVICE"}


def test_violating_production_stack_is_blocked(project_runner, api):
    runner = project_runner("policy", {**COMPLIANT, "authType": "NONE", "maxUnavailable": "50%"}, stack="prod")

    with pytest.raises(auto.errors.CommandError) as preview_error:
        runner.preview(policy_packs=[PACK])
    text = str(preview_error.value)
    assert "[mandatory]  prod-service-requires-auth" in text
    assert "accepts unauthenticated calls (runtime_config.service_invoke.auth_type: NONE)" in text
    assert "[mandatory]  prod-rollout-zero-unavailable" in text
    assert "'50%' of count 2 rounds down to 1" in text
    assert "prod-deployment-min-replicas" not in text, "count 2 meets the minimum"

    # `up` is stopped by the same policies before any resource is created.
    with pytest.raises(auto.errors.CommandError, match="prod-service-requires-auth"):
        runner.up(policy_packs=[PACK])
    assert api.services.find_by_name("policy-e2e-svc") is None
    assert api.api_keys.find_by_name("policy-e2e-key") is None


def test_compliant_stack_passes_and_later_violations_are_blocked(project_runner, api):
    runner = project_runner("policy", COMPLIANT, stack="prod")
    try:
        result = runner.up(policy_packs=[PACK])
        service_id = result.outputs["service_id"].value
        runner.preview(policy_packs=[PACK], expect_no_changes=True)

        # The stack rule: the service's only deployment would get no traffic.
        runner.use_config({**COMPLIANT, "weight": 0})
        with pytest.raises(auto.errors.CommandError) as error:
            runner.preview(policy_packs=[PACK])
        assert "[mandatory]  service-has-traffic" in str(error.value)
        assert "Every deployment of service 'policy-e2e-svc' has weight 0 (policy-e2e-main)" in str(error.value)

        # Dropping to one replica is blocked at `up`, and the live deployment keeps its two.
        runner.use_config({**COMPLIANT, "count": 1})
        with pytest.raises(auto.errors.CommandError, match="prod-deployment-min-replicas"):
            runner.up(policy_packs=[PACK])
        listed = api.deployments.find_by_name(service_id, "policy-e2e-main")
        assert api.deployments.get(service_id, listed["id"])["count"] == 2
    finally:
        runner.use_config(COMPLIANT)
        runner.destroy()


def test_development_stack_allows_what_production_forbids(project_runner):
    runner = project_runner("policy", {**COMPLIANT, "count": 1, "maxUnavailable": "100%"}, stack="dev")
    try:
        runner.up(policy_packs=[PACK])  # one replica, 100% unavailable: fine outside production
        runner.preview(policy_packs=[PACK], expect_no_changes=True)

        # The API-key rule holds in every stack.
        runner.use_config({**COMPLIANT, "count": 1, "keyScope": "USER"})
        with pytest.raises(auto.errors.CommandError, match="api-key-service-scope"):
            runner.preview(policy_packs=[PACK])
    finally:
        runner.use_config({**COMPLIANT, "count": 1})
        runner.destroy()


def test_eas_violations_are_named_and_nothing_is_created(project_runner, live_emulator):
    """The same pack judges PAI-EAS resources: a member's instance count and rolling pace, and its group's traffic."""
    from eas_support import eas_client

    runner = project_runner("policy_eas", {"instances": 1, "maxUnavailable": 1, "weight": 0}, stack="prod")
    with pytest.raises(auto.errors.CommandError) as preview_error:
        runner.preview(policy_packs=[PACK])
    text = str(preview_error.value)
    assert "[mandatory]  prod-deployment-min-replicas" in text and "'policy_eas_main') runs 1 replica(s)" in text
    assert "[mandatory]  prod-rollout-zero-unavailable" in text
    assert "(metadata.rolling_strategy.max_unavailable: 1); set it to 0" in text
    assert "[mandatory]  service-has-traffic" in text
    assert "Every deployment of service 'policy-eas-svc' has weight 0 (policy-eas-main)" in text

    with pytest.raises(auto.errors.CommandError, match="prod-deployment-min-replicas"):
        runner.up(policy_packs=[PACK])
    with eas_client(live_emulator) as eas:
        assert eas.services.find("policy_eas_main") is None


def test_a_new_v1_service_is_flagged_advisory_or_mandatory_as_configured_and_an_imported_one_is_not(
        project_runner, live_emulator, tmp_path):
    from inference_iac.automation.migration.demo import wait
    from support import v1_api_client

    runner = project_runner("v1_policy", stack="dev")
    preview = runner.preview(policy_packs=[PACK])  # advisory by default: reported, nothing blocked
    assert "[advisory]  no-new-v1-services" in preview.stdout
    assert "ModelArts v1 Service 'policy-v1' would be a new service on an API that is being retired" in preview.stdout

    mandatory = tmp_path / "mandatory.json"
    mandatory.write_text('{"no-new-v1-services": {"enforcementLevel": "mandatory"}}')
    with pytest.raises(auto.errors.CommandError) as error:
        runner.preview(policy_packs=[PACK], policy_pack_configs=[str(mandatory)])
    assert "[mandatory]  no-new-v1-services" in str(error.value)

    # The same service made outside the stack (the console) and imported: not new.
    with v1_api_client(live_emulator) as v1:
        model = v1.models.create({"model_name": "policy-v1-model", "model_version": "1.0.0", "model_type": "Image",
                                  "source_location": "swr.example.com/org/legacy:1"})
        wait(lambda: v1.models.get(model["model_id"]), lambda m: m["model_status"] == "published", "the model")
        existing = v1.services.create({
            "service_name": "policy-v1", "infer_type": "real-time", "pool_name": "pool-dedicated-0001",
            "config": [{"model_id": model["model_id"], "weight": 100, "specification": "modelarts.vm.cpu.2u",
                        "instance_count": 1}]})
        try:
            runner.use_config({"importId": existing["service_id"], "modelId": model["model_id"]})
            preview = runner.preview(policy_packs=[PACK], policy_pack_configs=[str(mandatory)])
            assert "no-new-v1-services" not in preview.stdout
            assert preview.change_summary.get("import") == 1
        finally:
            v1.services.delete(existing["service_id"])
            wait(lambda: v1.services.find(existing["service_id"]), lambda s: s is None, "the v1 service's delete")
            v1.models.delete(model["model_id"])
