"""ScalingRule through the real `pulumi` CLI: create, no-op, in-place, replace (and refusal), refresh, import, destroy."""

from __future__ import annotations

import pytest
from pulumi import automation as auto

from conftest import set_config
from conftest import shown_on

pytestmark = pytest.mark.e2e


def sdk_policy(sdk_client, service_id, deployment_id):
    from huaweicloudsdkmodelarts.v1 import ShowInferDeploymentHpaRequest

    return sdk_client.show_infer_deployment_hpa(ShowInferDeploymentHpaRequest(
        service_id=service_id, deployment_id=deployment_id))


def sdk_policy_or_none(sdk_client, service_id, deployment_id):
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

    try:
        return sdk_policy(sdk_client, service_id, deployment_id)
    except ClientRequestException as error:
        assert error.status_code == 404
        return None


def rules_of(policy):
    return {rule.name: (rule.schedule, rule.target_replicas, rule.disable) for rule in policy.hpa_rules}


def outputs(result):
    return {key: value.value for key, value in result.outputs.items()}


def test_create_update_replace_refresh_destroy(project_runner, sdk_client):
    runner = project_runner("scaling_rule", {"prefix": "hpa-life"})
    created = outputs(runner.up())
    service_id, main_id, spare_id = created["service_id"], created["main_deployment_id"], created["spare_deployment_id"]
    assert created["rule_id"] == f"{service_id}/{main_id}" and created["policy_status"] == "ACTIVE"
    policy = sdk_policy(sdk_client, service_id, main_id)
    assert policy.id == created["policy_id"]
    assert rules_of(policy) == {"morning": ("0 8 * * MON-FRI", 3, "false"), "evening": ("0 20 * * *", 1, "false")}

    runner.preview(expect_no_changes=True)

    # In place: a rule's target, then every rule switched off; same policy each time.
    set_config(runner, {"prefix": "hpa-life", "morningReplicas": 4, "enabled": "false"})
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "replace" not in preview.change_summary
    assert shown_on(preview.stdout, "ScalingRule", "in-place update")
    updated = outputs(runner.up())
    assert updated["policy_id"] == created["policy_id"] and updated["policy_status"] == "INACTIVE"
    assert rules_of(sdk_policy(sdk_client, service_id, main_id))["morning"] == ("0 8 * * MON-FRI", 4, "true")

    # Moving the policy to the other deployment is a replacement: refused when not allowed...
    set_config(runner, {"prefix": "hpa-life", "morningReplicas": 4, "enabled": "false", "target": "spare",
                        "allowReplace": "false"})
    with pytest.raises(auto.CommandError, match="allow_replace is false"):
        runner.preview()
    # ...and carried out (old policy deleted first) when allowed.
    # (Stack config keys persist between runs, so every changed key is set again.)
    set_config(runner, {"prefix": "hpa-life", "morningReplicas": 4, "enabled": "false", "target": "spare",
                        "allowReplace": "true"})
    assert runner.preview().change_summary.get("replace") == 1
    moved = outputs(runner.up())
    assert moved["rule_id"] == f"{service_id}/{spare_id}" and moved["policy_id"] != created["policy_id"]
    assert sdk_policy_or_none(sdk_client, service_id, main_id) is None
    assert sdk_policy(sdk_client, service_id, spare_id).status == "INACTIVE"

    # Out-of-band edit: refresh records the drift, preview plans the way back, up restores it.
    from huaweicloudsdkmodelarts.v1 import HpaRules, UpdateHpaRequestBody, UpdateInferDeploymentHpaRequest

    sdk_client.update_infer_deployment_hpa(UpdateInferDeploymentHpaRequest(
        service_id=service_id, deployment_id=spare_id, body=UpdateHpaRequestBody(id=spare_id, hpa_rules=[
            HpaRules(name="evening", type="CRON_HPA", schedule="0 22 * * *", target_replicas=2, disable=False,
                     operate="UPDATE")])))
    refreshed = runner.refresh()
    assert refreshed.summary.resource_changes.get("update") == 1
    state_text = "".join(p.read_text(errors="ignore") for p in runner.state_dir.rglob("*.json") if p.is_file())
    assert "0 22 * * *" in state_text  # the drift is in the state now
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "rules[0]" in preview.stdout
    runner.up()
    assert rules_of(sdk_policy(sdk_client, service_id, spare_id))["evening"] == ("0 20 * * *", 1, "true")
    runner.preview(expect_no_changes=True)

    runner.destroy()
    from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

    names = [s.name for s in sdk_client.list_infer_services(ListInferServicesRequest()).data or []]
    assert "hpa-life" not in names


def test_import_existing_policy(project_runner, sdk_client):
    runner = project_runner("scaling_rule", {"prefix": "hpa-import", "withRule": "false"})
    made = outputs(runner.up())
    service_id, main_id = made["service_id"], made["main_deployment_id"]

    # A policy made outside Pulumi, exactly as the program declares it.
    from huaweicloudsdkmodelarts.v1 import CreateHpaRequestBody, CreateInferDeploymentHpaRequest, HpaRules

    existing = sdk_client.create_infer_deployment_hpa(CreateInferDeploymentHpaRequest(
        service_id=service_id, deployment_id=main_id, body=CreateHpaRequestBody(
            type="CRON_HPA", target_resource_id=main_id, target_resource_type="GROUP", hpa_rules=[
                HpaRules(name="morning", type="CRON_HPA", schedule="0 8 * * MON-FRI", target_replicas=3, disable=False),
                HpaRules(name="evening", type="CRON_HPA", schedule="0 20 * * *", target_replicas=1, disable=False)])))

    set_config(runner, {"prefix": "hpa-import", "withRule": "true", "importId": f"{service_id}/{main_id}"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["policy_id"] == existing.id
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert sdk_policy_or_none(sdk_client, service_id, main_id) is None
