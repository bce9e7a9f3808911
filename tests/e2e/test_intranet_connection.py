"""IntranetConnection through the real `pulumi` CLI.

Lifecycle: create (auto-approved, CONNECTED), no-op preview, custom URLs
changed in place, a new subnet refused and then replaced, refresh after an
out-of-band change, import of a connection made with the API client,
destroy. Approval flow: a service that requires approval leaves the
connection APPROVING after create; once the owner approves it with the
client, `up` records it CONNECTED.
"""

from __future__ import annotations

import pytest
from pulumi import automation as auto
from conftest import shown_on


pytestmark = pytest.mark.e2e
PROJECT = "e2e-intranet-connection"
URL_A = "https://api.example.com/v1/chat"
URL_B = "wss://stream.example.org/ws"


def configure(runner, **values: str) -> None:
    runner.config = {f"{PROJECT}:{key}": auto.ConfigValue(value) for key, value in values.items()}




def test_intranet_connection_lifecycle(project_runner, api):
    runner = project_runner("intranet_connection", {"customUrls": URL_A})

    result = runner.up()
    service_id, connection_id = result.outputs["service_id"].value, result.outputs["connection_id"].value
    assert result.outputs["status"].value == "CONNECTED"
    assert service_id in result.outputs["url_list"].value[0]
    live = api.intranet_connections.get(connection_id)
    assert (live["service_id"], live["vpc_id"], live["subnet_id"]) == (service_id, "vpc-e2e", "subnet-a")
    assert live["custom_url_list"] == [URL_A]

    runner.preview(expect_no_changes=True)

    # Custom URLs change in place: same connection.
    configure(runner, customUrls=f"{URL_A},{URL_B}")
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "replace" not in preview.change_summary
    assert shown_on(preview.stdout, "IntranetConnection", "in-place update (custom_urls")
    result = runner.up()
    assert result.outputs["connection_id"].value == connection_id
    assert api.intranet_connections.get(connection_id)["custom_url_list"] == [URL_A, URL_B]

    # Drift: someone clears the URLs; refresh shows it, preview plans to restore them.
    api.intranet_connections.modify(connection_id, [])
    refreshed = runner.refresh()
    assert refreshed.summary.resource_changes.get("update") == 1
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1
    assert "custom_urls: [] -> " in preview.stdout
    runner.up()
    assert api.intranet_connections.get(connection_id)["custom_url_list"] == [URL_A, URL_B]

    # Another subnet needs a new connection: refused while allow_replace is false...
    configure(runner, customUrls=f"{URL_A},{URL_B}", subnet="subnet-b", allowReplace="false")
    with pytest.raises(auto.CommandError) as refused:
        runner.preview()
    assert "would have to be replaced (subnet_id:" in str(refused.value)
    assert "allow_replace is false" in str(refused.value)
    # ...and done (delete first: one connection per service per VPC) when allowed.
    # (The CLI keeps earlier config keys, so set it back explicitly.)
    configure(runner, customUrls=f"{URL_A},{URL_B}", subnet="subnet-b", allowReplace="true")
    result = runner.up()
    assert result.summary.resource_changes.get("replace") == 1
    new_id = result.outputs["connection_id"].value
    assert new_id != connection_id and api.intranet_connections.find(connection_id) is None
    assert api.intranet_connections.get(new_id)["subnet_id"] == "subnet-b"

    # Import a connection made outside Pulumi, then nothing is left to change.
    made = api.intranet_connections.create({"service_id": service_id, "scene": "VPC", "vpc_id": "vpc-imported",
                                            "subnet_id": "subnet-a"})
    configure(runner, customUrls=f"{URL_A},{URL_B}", subnet="subnet-b", allowReplace="true", importId=made["id"])
    result = runner.up()
    assert result.summary.resource_changes.get("import") == 1
    assert result.outputs["imported_status"].value in ("CONNECTING", "CONNECTED")
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert api.intranet_connections.list_requests(service_id=service_id) == []


def test_manual_approval_is_recorded_then_picked_up(project_runner, api):
    runner = project_runner("intranet_connection", {"prefix": "ic-appr", "approval": "true", "approvalWait": "1"})

    result = runner.up()
    connection_id = result.outputs["connection_id"].value
    assert result.outputs["status"].value == "APPROVING"
    assert result.outputs["url_list"].value == []
    assert shown_on(result.stdout, "IntranetConnection", "waiting for the service owner's approval")
    assert "recorded as APPROVING" in result.stdout
    runner.preview(expect_no_changes=True)  # still waiting: nothing to do

    api.intranet_connections.approve(connection_id)
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1
    assert shown_on(preview.stdout, "IntranetConnection", "in-place update (status: 'APPROVING' ->")
    result = runner.up()
    assert result.outputs["status"].value == "CONNECTED" and result.outputs["url_list"].value
    assert result.outputs["connection_id"].value == connection_id
    runner.preview(expect_no_changes=True)
    runner.destroy()
