"""Service through the real CLI: create, no-op, in place, replace, drift, import, destroy."""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from inference_iac.modelarts.models.service import ServiceSpec
from conftest import shown_on

pytestmark = pytest.mark.e2e




def test_service_lifecycle(project_runner, api):
    base = {"description": "first", "team": "ml"}
    runner = project_runner("service", base)
    service_id = runner.up().outputs["service_id"].value
    live = api.services.get(service_id)
    assert live["version"]["description"] == "first"
    assert {"key": "team", "value": "ml"} in live["tags"]

    runner.preview(expect_no_changes=True)

    # In place: description through the update API, the tag through the tag API.
    runner.use_config({**base, "description": "second", "team": "search"})
    preview = runner.preview()
    assert preview.change_summary == {"update": 1, "same": 1}
    assert shown_on(preview.stdout, "Service", "in-place update")
    assert runner.up().outputs["service_id"].value == service_id
    live = api.services.get(service_id)
    assert live["version"]["description"] == "second"
    assert {"key": "team", "value": "search"} in live["tags"]
    base = {**base, "description": "second", "team": "search"}

    # Start/stop is planned as such.
    runner.use_config({**base, "state": "running"})
    runner.up()
    runner.preview(expect_no_changes=True)

    # Drift: a change made by hand shows in refresh, and the next preview restores it.
    api.services.update(service_id, {"description": "changed by hand"})
    refresh = runner.refresh()
    assert refresh.summary.resource_changes.get("update") == 1
    restore = runner.preview()
    assert restore.change_summary.get("update") == 1
    assert "'second' -> " in restore.stdout or "description" in restore.stdout
    runner.up()
    assert api.services.get(service_id)["version"]["description"] == "second"
    runner.preview(expect_no_changes=True)

    # The call mode cannot change: refused when replacement is not allowed...
    runner.use_config({**base, "async": "true", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError, match="allow_replace is false"):
        runner.preview()
    # ...and a replacement (delete first: names are unique) when it is.
    runner.use_config({**base, "async": "true"})
    assert runner.preview().change_summary.get("replace") == 1
    new_id = runner.up().outputs["service_id"].value
    assert new_id != service_id
    assert api.services.get(new_id)["type"] == "ASYNC_REAL_TIME"
    assert [s["id"] for s in api.services.list_all(name="e2e-service")] == [new_id]

    # Import a service made outside Pulumi; nothing changes afterwards.
    legacy_id = api.services.create(ServiceSpec(name="legacy-svc", description="made by hand").create_body())["id"]
    runner.use_config({**base, "async": "true", "importId": legacy_id})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert imported.outputs["legacy_id"].value == legacy_id
    runner.preview(expect_no_changes=True)

    runner.destroy()
    names = {s["name"] for s in api.services.list_all()}
    assert not names & {"e2e-service", "legacy-svc"}
