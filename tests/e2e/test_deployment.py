"""Deployment through the real CLI: create, no-op, upgrade, scale, stop/start, switch back,
replace, drift, import, destroy."""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from inference_iac.modelarts.models.deployment import DeploymentSpec
from conftest import shown_on

pytestmark = pytest.mark.e2e




def test_deployment_lifecycle(project_runner, api):
    runner = project_runner("deployment", {"logLevel": "info"})
    first = runner.up().outputs
    service_id, deployment_id = first["service_id"].value, first["deployment_id"].value
    assert first["status"].value == "RUNNING"
    v1 = first["version"].value
    runner.preview(expect_no_changes=True)

    # A new env value is a rolling upgrade: a new version, same deployment.
    runner.use_config({"logLevel": "debug"})
    preview = runner.preview()
    assert shown_on(preview.stdout, "Deployment", "rolling upgrade (unit_configs[0].envs")
    upgraded = runner.up().outputs
    assert upgraded["deployment_id"].value == deployment_id
    assert upgraded["version"].value != v1

    # Replicas alone: scale, no new version. After a refresh (which records the platform's
    # defaults in the state) the engine's diff list still names only what the plan changes.
    runner.refresh()
    runner.use_config({"logLevel": "debug", "replicas": 2})
    scale_preview = runner.preview().stdout
    assert shown_on(scale_preview, "Deployment", "scale (count: 1 -> 2)")
    assert "[diff: ~count]" in scale_preview and "-deploy_type" not in scale_preview
    scaled = runner.up().outputs
    assert scaled["version"].value == upgraded["version"].value
    assert api.deployments.get(service_id, deployment_id)["count"] == 2

    # Stop and start as a wanted state.
    runner.use_config({"logLevel": "debug", "replicas": 2, "state": "stopped"})
    assert "start/stop" in runner.preview().stdout
    assert runner.up().outputs["status"].value == "STOPPED"
    runner.use_config({"logLevel": "debug", "replicas": 2, "state": "running"})
    assert runner.up().outputs["status"].value == "RUNNING"

    # Reverting the configuration switches back to the recorded version.
    runner.use_config({"logLevel": "info", "replicas": 2, "state": "running"})
    assert f"switches back to version {v1}" in runner.preview().stdout
    assert runner.up().outputs["version"].value == v1
    runner.preview(expect_no_changes=True)

    # Drift: replicas changed by hand show in refresh; the next up scales back.
    api.deployments.scale(service_id, "main", 3)
    assert runner.refresh().summary.resource_changes.get("update") == 1
    assert "scale (count: 3 -> 2)" in runner.preview().stdout
    runner.up()
    assert api.deployments.get(service_id, deployment_id)["count"] == 2

    # Renaming means a new deployment: refused, then allowed.
    base = {"logLevel": "info", "replicas": 2, "state": "running"}
    runner.use_config({**base, "deploymentName": "renamed", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError, match="allow_replace is false"):
        runner.preview()
    # Also while its service is updated in place in the same run: the service's id stays known
    # at preview, so the refusal comes at preview and nothing is changed.
    runner.use_config({**base, "deploymentName": "renamed", "allowReplace": "false",
                       "serviceDescription": "changed"})
    with pytest.raises(auto_errors.CommandError, match="allow_replace is false"):
        runner.preview()
    with pytest.raises(auto_errors.CommandError, match="allow_replace is false"):
        runner.up(preview_first=True)  # what `inference-stack up` does
    assert api.services.get(service_id)["version"]["description"] == "deployment e2e"
    runner.use_config({**base, "deploymentName": "renamed"})
    assert runner.preview().change_summary.get("replace") == 1
    renamed = runner.up().outputs
    assert renamed["deployment_id"].value != deployment_id
    assert [d["name"] for d in api.deployments.list_all(service_id)] == ["renamed"]

    # Import a deployment made by hand under the same service.
    legacy = DeploymentSpec.model_validate({
        "service_id": service_id, "name": "legacy", "pool_id": "pool-dedicated-0001",
        "unit_configs": [{"image": {"swr_path": "swr.example/org/legacy:1"}, "flavor": "modelarts.vm.cpu.2u",
                          "envs": {"LOG_LEVEL": "info"},
                          "readiness_health": {"check_method": "HTTP", "url": "/health", "initial_delay_seconds": 5}}],
    })
    legacy_id = api.deployments.create(service_id, legacy.create_body())["id"]
    runner.use_config({**base, "deploymentName": "renamed", "importId": f"{service_id}/{legacy_id}"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert not any(s["name"] == "e2e-deployment-svc" for s in api.services.list_all())
