"""A stack written by release 0.1 keeps working: refresh, a no-op preview and up, then destroy.

The fixture (tests/e2e/fixtures/release-0.1) holds that release's state file,
whose serialized providers name module paths that no longer exist
(`provider.resources.service`), and the emulator database its `up` left (as an
SQL dump, replayed into a fresh data dir before the emulator starts). Every
resource type is in it: service, deployments, API key, scaling rule,
intranet connection and traffic shift, inside both components.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest

from inference_iac.automation.workspace import StackRunner
from inference_iac.emulator.testing import RunningEmulator
from release_0_1 import FIXTURE, restore_emulator_data_dir

pytestmark = pytest.mark.e2e

PROJECT = Path(__file__).parent / "projects" / "legacy"
STACK = "legacy"


def serialized_providers(state_dir: Path) -> list[bytes]:
    state = json.loads((state_dir / ".pulumi" / "stacks" / "e2e-legacy" / f"{STACK}.json").read_text())
    providers = [(r.get("outputs") or {}).get("__provider") for r in state["checkpoint"]["latest"]["resources"]]
    return [base64.b64decode(p) for p in providers if isinstance(p, str)]


@pytest.fixture
def legacy(tmp_path):
    shutil.copytree(FIXTURE / "state", tmp_path / "state")
    restore_emulator_data_dir(tmp_path / "emulator")
    shutil.copy(FIXTURE / f"Pulumi.{STACK}.yaml", PROJECT / f"Pulumi.{STACK}.yaml")
    try:
        with RunningEmulator(tmp_path / "emulator", ready_delay=0.3) as emulator:
            env = {"MODELARTS_ENDPOINT": emulator.endpoint, "HUAWEICLOUD_SDK_AK": emulator.access_key,
                   "HUAWEICLOUD_SDK_SK": emulator.secret_key, "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id}
            yield StackRunner(project_dir=PROJECT, stack_name=STACK, state_dir=tmp_path / "state",
                              home_dir=tmp_path / "home", env=env), emulator
    finally:
        (PROJECT / f"Pulumi.{STACK}.yaml").unlink(missing_ok=True)


def test_a_release_0_1_stack_refreshes_plans_nothing_and_destroys(legacy, tmp_path):
    runner, emulator = legacy
    # Pickled by reference to modules of the old layout, which no longer exist.
    old = serialized_providers(tmp_path / "state")
    assert len(old) == 7 and all(b"provider.resources." in p for p in old)

    refresh = runner.refresh()
    assert not {k: v for k, v in refresh.summary.resource_changes.items() if k != "same"}
    runner.preview(expect_no_changes=True)
    up = runner.up()
    assert set(up.summary.resource_changes) == {"same"} and up.summary.resource_changes["same"] == 10
    assert up.outputs["release_status"].value == "promoted"

    runner.destroy()
    from support import api_client

    with api_client(emulator) as api:
        assert api.services.list_all() == []
        assert api.api_keys.list_all() == []
