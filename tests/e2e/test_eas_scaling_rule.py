"""PAI-EAS ScalingRule (a Deployment's cron scaler and autoscaler) through the real `pulumi` CLI.

One stack walks: bad input refused at preview (nothing created), an
interrupted create adopted (the cron scaler a killed run left is taken over
and converged: still one), no-op preview, in-place update (a job's count, and
an autoscaler added, which then owns the deployment's count: no drift for the
Deployment), refused replace (another deployment without allow_replace:
nothing changes), the allowed replacement (the old scalers deleted first; the
released deployment goes back to its declared count), refresh after an
out-of-band change (a schedule, through the official SDK), import by id,
destroy (no scaler, no service left).

Not applicable: rolling upgrade and switch back (scalers have no versions).
"""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from eas_e2e import REGION, official_sdk, outputs, service_names

pytestmark = pytest.mark.e2e

MAIN, SPARE = "e2e_hpa_main", "e2e_hpa_spare"


def jobs(eas, name: str) -> dict[str, tuple[str, int]]:
    live = eas.scalers.cronscaler(name)
    return {} if live is None else {j["Name"]: (j["Schedule"], j["TargetSize"]) for j in live["ScaleJobs"]}


def test_scaling_rule_lifecycle(project_runner, eas, live_emulator):
    runner = project_runner("eas_scaling_rule", {"schedule": "0 0 8 * * *"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "cron.scale_jobs[0].schedule: must have 5 fields" in str(refused.value)
    assert service_names(eas, "e2e_hpa") == []

    # A run that died while creating the rule left a cron scaler (its first job only) on the deployment.
    runner.use_config({"rule": "false"})
    runner.up()
    eas.scalers.put_cronscaler(MAIN, {"ScaleJobs": [{"Name": "morning", "Schedule": "0 0 8 * * 1-5", "TargetSize": 3}],
                                      "ExcludeDates": []}, exists=False)
    runner.use_config({})
    adopted = runner.up()
    assert "adopting the cron scaler of service e2e_hpa_main" in adopted.stdout
    assert outputs(adopted)["rule_id"] == f"{REGION}/{MAIN}"
    assert jobs(eas, MAIN) == {"morning": ("0 0 8 * * 1-5", 3), "evening": ("0 0 20 * * *", 1)}
    runner.preview(expect_no_changes=True)

    # In place: a job's count, and an autoscaler, which from then on owns the deployment's count.
    base = {"morning": 4, "autoscaler": "true"}
    runner.use_config(base)
    result = runner.up()
    assert result.summary.resource_changes.get("update") == 1
    assert shown_on(result.stdout, "ScalingRule", "in-place update")
    updated = outputs(result)
    assert updated["has_autoscaler"] and updated["has_cron"]
    assert jobs(eas, MAIN)["morning"] == ("0 0 8 * * 1-5", 4)
    assert eas.scalers.autoscaler(MAIN)["min"] == 2
    assert eas.services.get(MAIN)["config"]["metadata"]["instance"] == 2  # the autoscaler's minimum
    runner.preview(expect_no_changes=True)  # the Deployment declares 1: the count is the rule's now

    # Scaling another deployment is another rule: refused at preview when replacing is not allowed...
    runner.use_config({**base, "target": "spare", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "deployment_name" in str(refused.value)
    assert jobs(eas, SPARE) == {} and eas.scalers.autoscaler(MAIN) is not None
    # ...and otherwise the old scalers go first; the released deployment then returns to its count.
    base = {**base, "target": "spare"}
    runner.use_config(base)
    assert runner.up().summary.resource_changes.get("replace") == 1
    assert jobs(eas, MAIN) == {} and eas.scalers.autoscaler(MAIN) is None
    assert jobs(eas, SPARE)["morning"] == ("0 0 8 * * 1-5", 4) and eas.scalers.autoscaler(SPARE)["max"] == 4
    assert shown_on(runner.up().stdout, "Deployment", "scale (metadata.instance: 2 -> 1)")
    runner.preview(expect_no_changes=True)

    # Out of band, the official SDK moves the evening job: refresh records it, up restores it.
    from alibabacloud_eas20210701 import models as sdk_models

    job = sdk_models.UpdateServiceCronScalerRequestScaleJobs
    official_sdk(live_emulator).update_service_cron_scaler(REGION, SPARE, sdk_models.UpdateServiceCronScalerRequest(
        scale_jobs=[job(name="morning", schedule="0 0 8 * * 1-5", target_size=4),
                    job(name="evening", schedule="0 0 22 * * *", target_size=1)]))
    assert runner.refresh().summary.resource_changes.get("update") == 1
    preview = runner.preview()
    assert shown_on(preview.stdout, "ScalingRule", "'0 22 * * *' -> '0 20 * * *'")
    runner.up()
    assert jobs(eas, SPARE)["evening"] == ("0 0 20 * * *", 1)
    runner.preview(expect_no_changes=True)

    # Import a cron scaler made with the official SDK, as the program declares it.
    sdk_job = sdk_models.CreateServiceCronScalerRequestScaleJobs
    official_sdk(live_emulator).create_service_cron_scaler(REGION, MAIN, sdk_models.CreateServiceCronScalerRequest(
        scale_jobs=[sdk_job(name="morning", schedule="0 0 8 * * 1-5", target_size=3),
                    sdk_job(name="evening", schedule="0 0 20 * * *", target_size=1)]))
    runner.use_config({**base, "importId": f"{REGION}/{MAIN}"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["legacy_rule_id"] == f"{REGION}/{MAIN}"
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert service_names(eas, "e2e_hpa") == []
