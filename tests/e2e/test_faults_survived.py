"""A flaky API: up, preview, refresh and destroy succeed on the first attempt while about one request
in five fails (503, or 429 with Retry-After), and nothing is created twice or left behind."""

from __future__ import annotations

import pytest

from conftest import PROJECTS
from inference_iac.automation.workspace import StackRunner
from inference_iac.emulator.testing import RunningEmulator
from support import api_client

pytestmark = pytest.mark.e2e


@pytest.fixture
def flaky(tmp_path):
    with RunningEmulator(tmp_path / "emulator", ready_delay=0.5) as emulator:
        yield emulator


def test_every_operation_survives_one_failed_request_in_five(flaky, tmp_path):
    env = {"MODELARTS_ENDPOINT": flaky.endpoint, "HUAWEICLOUD_SDK_AK": flaky.access_key,
           "HUAWEICLOUD_SDK_SK": flaky.secret_key, "HUAWEICLOUD_SDK_PROJECT_ID": flaky.project_id}
    runner = StackRunner(project_dir=PROJECTS / "fleet", stack_name="flaky", state_dir=tmp_path / "state",
                         home_dir=tmp_path / "home", env=env)
    flaky.add_fault("http_5xx", match="/v2/*", rate=0.1)
    flaky.add_fault("http_429", match="/v2/*", rate=0.1, seconds=1)
    try:
        runner.use_config({"image": "swr.example/fleet/app:1"})
        up = runner.up()
        assert up.summary.resource_changes == {"create": 7}
        runner.preview(expect_no_changes=True)
        runner.refresh(expect_no_changes=True)
        runner.use_config({"image": "swr.example/fleet/app:2"})
        upgraded = runner.up()
        assert upgraded.summary.resource_changes.get("update") == 4
        runner.destroy()
    finally:
        hits = {rule["kind"]: rule.get("seen", 0) for rule in flaky.faults()}
        flaky.clear_faults()
        (PROJECTS / "fleet" / "Pulumi.flaky.yaml").unlink(missing_ok=True)
    # Each rule hit one in ten of the requests it saw: the run really was flaky.
    assert hits["http_5xx"] >= 40 and hits["http_429"] >= 40, hits
    with api_client(flaky) as api:
        assert api.services.list_all() == [] and api.api_keys.list_all() == []
