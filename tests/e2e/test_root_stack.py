"""The main job through the real `pulumi` CLI: up, no-op preview, in-place update, destroy."""

from __future__ import annotations

import pytest
from pulumi import automation as auto

from inference_iac.automation.workspace import StackRunner
from conftest import REPO_ROOT
from conftest import shown_on

pytestmark = pytest.mark.e2e


@pytest.fixture
def runner(tmp_path, provider_env):
    stack_name = f"e2e-{tmp_path.name[-12:]}".replace("_", "-")
    runner = StackRunner(project_dir=REPO_ROOT, stack_name=stack_name, state_dir=tmp_path / "state",
                         home_dir=tmp_path / "home", env=provider_env,
                         config={"quickstart:logLevel": auto.ConfigValue("info")})
    yield runner
    # The CLI keeps per-stack config beside Pulumi.yaml; leave the repo as it was.
    (REPO_ROOT / f"Pulumi.{stack_name}.yaml").unlink(missing_ok=True)


def sdk_service(sdk_client, service_id):
    from huaweicloudsdkmodelarts.v1 import ShowInferServiceRequest

    return sdk_client.show_infer_service(ShowInferServiceRequest(service_id=service_id))


def sdk_deployments(sdk_client, service_id):
    from huaweicloudsdkmodelarts.v1 import ListInferDeploymentsRequest

    return sdk_client.list_infer_deployments(ListInferDeploymentsRequest(service_id=service_id)).data


def test_up_noop_update_destroy(runner, sdk_client):
    # A first preview, while the service id the deployment needs is still unknown.
    first = runner.preview()
    assert first.change_summary == {"create": 3}
    result = runner.up()
    outputs = {k: v.value for k, v in result.outputs.items()}
    service_id = outputs["service_id"]
    assert outputs["status"] == "RUNNING"
    assert service_id in outputs["inference_url"]

    # Read back with the official SDK: what Pulumi reports is what the API has.
    assert sdk_service(sdk_client, service_id).status == "RUNNING"
    [deployment] = sdk_deployments(sdk_client, service_id)
    assert deployment.status == "RUNNING"

    # Credentials reach the provider through its environment, never the state.
    state_text = "".join(p.read_text(errors="ignore") for p in runner.state_dir.rglob("*") if p.is_file())
    assert runner.env["HUAWEICLOUD_SDK_SK"] not in state_text
    assert "quickstart-main" in state_text  # the state really was read

    # A second look changes nothing.
    runner.preview(expect_no_changes=True)
    assert runner.up().summary.resource_changes == {"same": 3}

    # In-place update: a new env value rolls the deployment to a new version,
    # keeping the service and the deployment ids.
    runner.config = {"quickstart:logLevel": auto.ConfigValue("debug")}
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "replace" not in preview.change_summary
    # The preview says which action is planned and why.
    assert shown_on(preview.stdout, "Deployment", "rolling upgrade (unit_configs[0].envs")
    result = runner.up()
    assert result.summary.resource_changes.get("update") == 1
    assert result.outputs["service_id"].value == service_id
    assert result.outputs["deployment_version"].value != outputs["deployment_version"]
    [after] = sdk_deployments(sdk_client, service_id)
    assert after.id == deployment.id and after.status == "RUNNING"

    runner.destroy()
    from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

    names = [s.name for s in sdk_client.list_infer_services(ListInferServicesRequest()).data or []]
    assert "quickstart" not in names
