"""PAI-EAS Service (a service group) through the real `pulumi` CLI.

One stack walks: bad input refused at preview (nothing created), create (the
group appears with its first member; the Service records its endpoint and
token on the next up, then a preview plans nothing), refused replace (a new
group name without allow_replace: nothing changes), refresh after an
out-of-band change (the only member deleted with the official SDK takes the
group with it), import by id (a group made out of band, left in place by
destroy with its unmanaged member), an allowed replacement that joins a
group which already exists (adopted, its endpoint recorded at once), destroy.

Not applicable: in-place update, rolling upgrade and switch back (a group has
no settings of its own: its one input, the name, is replace-only; versions are
its members'); an interrupted create (creating a Service calls no API: the
group appears with a member, so nothing can be left behind or duplicated —
the nearest case, a group that already exists, is adopted).
"""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from eas_e2e import REGION, member_json, official_sdk, outputs, recorded_outputs, service_names
from eas_support import wait_status

pytestmark = pytest.mark.e2e

GROUP = "e2e_svc"
MEMBER = "e2e_svc_main"


def wait_gone(eas, name: str) -> None:
    import time

    deadline = time.monotonic() + 20
    while eas.services.find(name) is not None:
        assert time.monotonic() < deadline, f"{name} is still there"
        time.sleep(0.1)


def test_service_group_lifecycle(project_runner, eas, live_emulator):
    base = {"group": GROUP, "name": MEMBER}
    runner = project_runner("eas_deployment", {**base, "group": "E2E-svc"})

    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    message = str(refused.value)
    assert "name: String should match pattern" in message and "Traceback" not in message
    assert service_names(eas, "e2e_svc") == [] and eas.groups.find("E2E-svc") is None

    # Create: nothing to call for the group itself; it appears with its first member.
    runner.use_config(base)
    first = runner.up()
    assert "group e2e_svc appears with its first Deployment" in first.stdout
    assert outputs(first).get("group_endpoint", "") == ""
    group = eas.groups.get(GROUP)
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1
    assert shown_on(preview.stdout, "Service", "in-place update (internet_endpoint: None -> ")
    recorded = outputs(runner.up())
    assert recorded["group_endpoint"] == group["InternetEndpoint"] and recorded["group_endpoint"].endswith(
        f"/api/predict/{GROUP}")
    assert recorded["group_token"] == group["AccessToken"]
    runner.preview(expect_no_changes=True)

    # A group is its name: a new one is a replacement, refused at preview when not allowed.
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.use_config({**base, "group": "e2e_svc_next", "allowReplace": "false"})
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "name" in str(refused.value)
    assert eas.services.get(MEMBER)["ServiceGroup"] == GROUP and eas.groups.find("e2e_svc_next") is None

    # Out of band, the official SDK deletes the only member: the group goes with it.
    official_sdk(live_emulator).delete_service(REGION, MEMBER)
    wait_gone(eas, MEMBER)
    assert eas.groups.find(GROUP) is None
    runner.use_config(base)
    refreshed = runner.refresh()
    assert refreshed.summary.resource_changes.get("delete") == 1  # the Deployment
    assert recorded_outputs(runner, "Service", "group")["internet_endpoint"] == ""  # no group any more
    runner.up()
    runner.up()  # the group is back with its member; its endpoint is recorded again
    assert runner.outputs()["group_endpoint"] == eas.groups.get(GROUP)["InternetEndpoint"]
    runner.preview(expect_no_changes=True)

    # Import a group made out of band (through its member).
    eas.services.create(member_json("e2e_svc_legacy_member", "e2e_svc_legacy"))
    wait_status(eas, "e2e_svc_legacy_member", "Running")
    runner.use_config({**base, "importGroup": f"{REGION}/e2e_svc_legacy"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["other_group_endpoint"] == eas.groups.get("e2e_svc_legacy")["InternetEndpoint"]
    runner.preview(expect_no_changes=True)

    # Allowed, the replacement joins a group that already exists: adopted, its endpoint recorded at once.
    runner.use_config({**base, "group": "e2e_svc_legacy"})
    replaced = runner.up()
    assert replaced.summary.resource_changes.get("replace") == 1
    assert "adopting group e2e_svc_legacy, which already has members" in replaced.stdout
    assert eas.services.get(MEMBER)["ServiceGroup"] == "e2e_svc_legacy" and eas.groups.find(GROUP) is None
    assert runner.outputs()["group_endpoint"] == eas.groups.get("e2e_svc_legacy")["InternetEndpoint"]
    runner.preview(expect_no_changes=True)

    # Destroy deletes the managed member; the member made out of band keeps its group alive and is said so.
    destroyed = runner.destroy()
    assert "group e2e_svc_legacy stays while its member(s) e2e_svc_legacy_member" in destroyed.stdout
    assert service_names(eas, "e2e_svc") == ["e2e_svc_legacy_member"]
    eas.services.delete("e2e_svc_legacy_member")
    wait_gone(eas, "e2e_svc_legacy_member")
    assert eas.groups.find("e2e_svc_legacy") is None
