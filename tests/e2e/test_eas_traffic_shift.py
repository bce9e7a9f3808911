"""PAI-EAS TrafficShift (a canary's share of a group's traffic, step by step) through the real `pulumi` CLI.

One stack walks: bad input refused at preview (nothing created), an
interrupted create resumed from the live weights (a killed run's first step is
not applied again; the walk goes on to the last step), no-op preview, in-place
update (new steps and bake time with the last step live: recorded, no traffic
moves), refused replace (the shift turned around without allow_replace:
nothing changes), the allowed replacement (a new shift walks every step),
refresh after an out-of-band change (weights released through the official
SDK: the next up resumes from them), delete (the weights stay where they are),
import by id, destroy (nothing left).

Not applicable: rolling upgrade and switch back (a shift moves weights, never
a version; its "upgrade" is the walk itself, covered by every create and up).
"""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from eas_e2e import REGION, official_sdk, outputs, service_names

pytestmark = pytest.mark.e2e

GROUP, STABLE, CANARY = "e2e_shift", "e2e_shift_stable", "e2e_shift_canary"


def weights(eas) -> tuple[int, int]:
    """(canary, stable) as EAS has them."""
    return eas.services.get(CANARY)["Weight"], eas.services.get(STABLE)["Weight"]


def test_traffic_shift_lifecycle(project_runner, eas, live_emulator):
    runner = project_runner("eas_traffic_shift", {"steps": "50,10"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "steps: must be strictly increasing, but 10 follows 50" in str(refused.value)
    assert service_names(eas, GROUP) == []

    # A run killed right after its first step left step 1's weights and nothing in the state.
    runner.use_config({"shift": "false"})
    runner.up()
    assert weights(eas) == (0, 100)
    eas.services.release(CANARY, 10, "grouping")
    eas.services.release(STABLE, 90, "grouping")
    runner.use_config({})
    resumed = runner.up()
    assert "step 1/3 (canary 10, stable 90) is already live; resuming there" in resumed.stdout
    assert "step 1/3: canary" not in resumed.stdout
    assert "step 2/3: canary 50, stable 50" in resumed.stdout and "step 3/3: canary 100, stable 0" in resumed.stdout
    done = outputs(resumed)
    assert done["shift_id"] == f"{REGION}/{GROUP}/{STABLE}/{CANARY}"
    assert (done["current_step"], done["canary_weight"], done["stable_weight"], done["shift_status"]) == (
        3, 100, 0, "promoted")
    assert weights(eas) == (100, 0)
    runner.preview(expect_no_changes=True)

    # In place: new steps and a bake time with the last step already live; no traffic moves.
    base = {"steps": "25,100", "bakeSeconds": 1}
    runner.use_config(base)
    updated = runner.up()
    assert updated.summary.resource_changes.get("update") == 1
    assert shown_on(updated.stdout, "TrafficShift", "in-place update (steps: [10, 50, 100] -> [25, 100]")
    assert "step 1/2" not in updated.stdout and outputs(updated)["current_step"] == 2
    assert weights(eas) == (100, 0)
    runner.preview(expect_no_changes=True)

    # Turning the shift around is another shift: refused at preview when replacing is not allowed...
    runner.use_config({**base, "swap": "true", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "canary_deployment_name" in str(refused.value)
    assert weights(eas) == (100, 0)
    # ...and otherwise the new shift walks every step, back to the stable member.
    base = {**base, "swap": "true"}
    runner.use_config(base)
    back = runner.up()
    assert back.summary.resource_changes.get("replace") == 1
    assert "step 1/2: canary 25, stable 75" in back.stdout and weights(eas) == (0, 100)
    runner.preview(expect_no_changes=True)

    # Out of band, the official SDK releases the first step's weights: refresh records them, up walks on.
    from alibabacloud_eas20210701 import models as sdk_models

    sdk = official_sdk(live_emulator)
    sdk.release_service(REGION, STABLE, sdk_models.ReleaseServiceRequest(weight=25, traffic_state="grouping"))
    sdk.release_service(REGION, CANARY, sdk_models.ReleaseServiceRequest(weight=75, traffic_state="grouping"))
    runner.refresh()
    preview = runner.preview()
    assert shown_on(preview.stdout, "TrafficShift", "live weights are step 1/2: the shift resumes there")
    walked = runner.up()
    assert "step 2/2: canary 100, stable 0" in walked.stdout and weights(eas) == (0, 100)
    runner.preview(expect_no_changes=True)

    # Deleting the shift leaves the weights where they are; then the same pair is imported.
    runner.use_config({**base, "shift": "false"})
    assert runner.up().summary.resource_changes.get("delete") == 1
    assert weights(eas) == (0, 100)
    runner.use_config({**base, "shift": "false", "importId": f"{REGION}/{GROUP}/{CANARY}/{STABLE}"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["legacy_status"] == "promoted"
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert service_names(eas, GROUP) == [] and eas.groups.find(GROUP) is None
