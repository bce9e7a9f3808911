"""PAI-EAS Deployment (one EAS service, a member of a group) through the real `pulumi` CLI.

One stack walks every step: bad input refused at preview (nothing created),
create, no-op preview, in-place update (label, weight, safety lock: no new
version), scale, rolling upgrade, switch back (reverting the configuration
returns to the recorded version, also from an upgrade EAS holds back), refresh
after out-of-band changes (a label through the official SDK, the instance
count through this repo's client), refused replace (rename without allow_replace: nothing changes), a replacement
whose create is interrupted (its wait times out after EAS accepted it) and is
adopted by the next up (one service, none left behind, the old one's safety
lock released for its delete), import by id, destroy (nothing left).

Every item applies to a Deployment.
"""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from eas_e2e import REGION, member_json, official_sdk, outputs, service_names

pytestmark = pytest.mark.e2e

GROUP = "e2e_dep"
MAIN = "e2e_dep_main"


def live_version(eas, name: str) -> int:
    return eas.services.get(name)["CurrentVersion"]


def test_deployment_lifecycle(project_runner, eas, live_emulator):
    runner = project_runner("eas_deployment", {"cpu": 0})

    # Bad input stops at preview with the field and the rule; nothing reaches EAS.
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "metadata.cpu: Input should be greater than or equal to 1" in str(refused.value)
    assert "Traceback" not in str(refused.value)
    assert service_names(eas, GROUP) == []

    # Create: a Running member of the group, weight 100 in grouping state, labelled.
    base = {"team": "ml"}
    runner.use_config(base)
    created = outputs(runner.up())
    assert created["deployment_id"] == f"{REGION}/{MAIN}" and created["status"] == "Running"
    assert created["version"] == 1
    live = eas.services.get(MAIN)
    assert (live["ServiceGroup"], live["TrafficState"], live["Weight"]) == (GROUP, "grouping", 100)
    assert live["labels"] == {"team": "ml"}
    # The group appeared with its member: the Service records it on the next up, then nothing is left to do.
    runner.up()
    runner.preview(expect_no_changes=True)

    # In place: the weight (a traffic shift), a label and the safety lock change without a new version.
    base = {"team": "search", "weight": 50, "lock": "dangerous"}
    runner.use_config(base)
    in_place = runner.up()
    assert in_place.summary.resource_changes.get("update") == 1
    assert shown_on(in_place.stdout, "Deployment", "traffic shift (weight: 100 -> 50; labels: {'team': 'ml'} -> "
                    "{'team': 'search'}; safety_lock: 'none' -> 'dangerous')")
    assert outputs(in_place)["version"] == 1
    live = eas.services.get(MAIN)
    assert (live["labels"], live["Weight"], live["SafetyLock"]) == ({"team": "search"}, 50, "dangerous")

    # The instance count alone scales: no new version.
    base = {**base, "instances": 2}
    runner.use_config(base)
    scaled = runner.up()
    assert shown_on(scaled.stdout, "Deployment", "scale (metadata.instance: 1 -> 2)")
    assert outputs(scaled)["version"] == 1
    assert eas.services.get(MAIN)["TotalInstance"] == 2

    # A new environment value is a rolling upgrade to version 2.
    runner.use_config({**base, "logLevel": "debug"})
    upgraded = runner.up()
    assert shown_on(upgraded.stdout, "Deployment", "rolling upgrade (containers[0].env[0].value: 'info' -> 'debug')")
    assert "from version 1 to a new version in 2 wave(s)" in upgraded.stdout
    assert outputs(upgraded)["version"] == 2 and live_version(eas, MAIN) == 2

    # Reverting switches back to version 1 instead of rolling out a third one.
    runner.use_config(base)
    switched = runner.up()
    assert "switches back to version 1" in switched.stdout and outputs(switched)["version"] == 1
    live = eas.services.get(MAIN)
    assert (live["CurrentVersion"], live["LatestVersion"], live["TotalInstance"]) == (1, 2, 2)
    runner.preview(expect_no_changes=True)

    # An upgrade whose instances never become ready is held back by EAS: up fails with the platform's
    # event, the old version keeps serving, and reverting switches back at once.
    live_emulator.add_fault("deploy_times_out", match=MAIN, count=1)
    runner.use_config({**base, "logLevel": "trace"})
    with pytest.raises(auto_errors.CommandError) as held:
        runner.up()
    assert "is held back" in str(held.value) and "RollingUpdateHeldBack" in str(held.value)
    assert eas.services.get(MAIN)["Status"] == "Updating"
    runner.use_config(base)
    reverted = runner.up()
    assert "switches back to version 1" in reverted.stdout and outputs(reverted)["version"] == 1
    assert eas.services.get(MAIN)["Status"] == "Running"

    # Out-of-band changes: a label through the official SDK, the count through this repo's client.
    from alibabacloud_eas20210701 import models as sdk_models

    official_sdk(live_emulator).update_service_label(
        REGION, MAIN, sdk_models.UpdateServiceLabelRequest(labels={"team": "ops"}))
    config = dict(eas.services.get(MAIN)["config"])
    eas.services.update(MAIN, {**config, "metadata": {**config["metadata"], "instance": 3}}, "replace")
    refreshed = runner.refresh()
    assert refreshed.summary.resource_changes.get("update") == 1
    preview = runner.preview()
    assert shown_on(preview.stdout, "Deployment", "scale (metadata.instance: 3 -> 2")
    assert "labels: {'team': 'ops'} -> {'team': 'search'}" in preview.stdout
    runner.up()
    live = eas.services.get(MAIN)
    assert (live["labels"], live["TotalInstance"], live["CurrentVersion"]) == ({"team": "search"}, 2, 1)
    runner.preview(expect_no_changes=True)

    # A new name is a new service: refused at preview when replacing is not allowed, nothing changes.
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.use_config({**base, "name": "e2e_dep_renamed", "allowReplace": "false"})
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "name" in str(refused.value)
    assert service_names(eas, GROUP) == [MAIN]

    # Allowed, the old service goes first (its safety lock released). The new one's wait is cut short
    # after EAS accepted it, as a killed run would leave it: the next up adopts it, no duplicate.
    renamed = {**base, "name": "e2e_dep_renamed", "timeoutSeconds": 0.01}
    runner.use_config(renamed)
    with pytest.raises(auto_errors.CommandError, match="e2e_dep_renamed"):
        runner.up()
    assert service_names(eas, GROUP) == ["e2e_dep_renamed"]
    runner.use_config({**base, "name": "e2e_dep_renamed"})
    adopted = runner.up()
    # The state still holds the replaced service (deleted, pending its replacement): the replacement goes on.
    assert adopted.summary.resource_changes.get("replace") == 1
    assert "adopting service e2e_dep_renamed, left by an earlier run" in adopted.stdout
    assert service_names(eas, GROUP) == ["e2e_dep_renamed"]
    assert eas.services.get("e2e_dep_renamed")["SafetyLock"] == "dangerous"
    runner.preview(expect_no_changes=True)

    # Import a member made with this repo's client.
    eas.services.create(member_json("e2e_dep_legacy", GROUP))
    runner.use_config({**base, "name": "e2e_dep_renamed", "importId": f"{REGION}/e2e_dep_legacy"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["legacy_version"] == 1
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert service_names(eas, GROUP) == [] and eas.groups.find(GROUP) is None
