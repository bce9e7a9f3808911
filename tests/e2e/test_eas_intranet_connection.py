"""PAI-EAS IntranetConnection (a gateway's intranet endpoint in one of your VPCs) through the real `pulumi` CLI.

One stack walks: bad input refused at preview (nothing created), an
interrupted create (its wait times out after EAS accepted the linked VPC)
adopted on the next up (one endpoint, none left behind), no-op preview,
refused replace (another vSwitch without allow_replace: nothing changes), the
allowed replacement (the old endpoint removed first), refresh after an
out-of-band change (the endpoint deleted through the official SDK: refresh
drops it, up puts it back), import by id, destroy (nothing left).

Not applicable: in-place update, rolling upgrade and switch back (EAS has no
update for a linked VPC: every input is replace-only, and it has no versions).
"""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from eas_e2e import REGION, official_sdk, outputs

pytestmark = pytest.mark.e2e

ALIAS = "e2e-gw-link"


def links(eas, gateway_id: str) -> list[tuple[str, str]]:
    return sorted((entry["VpcId"], entry["VSwitchId"]) for entry in eas.gateways.linked_vpcs(gateway_id))


def test_intranet_connection_lifecycle(project_runner, eas, live_emulator):
    base = {"alias": ALIAS}
    runner = project_runner("eas_gateway", {**base, "vpc": "vpc_e2e"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "vpc_id: String should match pattern '^vpc-[A-Za-z0-9]+$'" in str(refused.value)
    assert eas.gateways.find_by_name(ALIAS) is None

    # The endpoint's wait is cut short after EAS accepted it; the next up adopts it.
    runner.use_config({**base, "linkTimeoutSeconds": 0.01})
    with pytest.raises(auto_errors.CommandError, match="vpc-e2e1"):
        runner.up()
    gateway_id = eas.gateways.find_by_name(ALIAS)["GatewayId"]
    assert links(eas, gateway_id) == [("vpc-e2e1", "vsw-e2e1")]
    runner.use_config(base)
    adopted = runner.up()
    assert "adopting the intranet endpoint in vpc-e2e1/vsw-e2e1, left by an earlier run" in adopted.stdout
    made = outputs(adopted)
    assert made["link_id"] == f"{REGION}/{gateway_id}/vpc-e2e1/vsw-e2e1" and made["link_status"] == "Running"
    assert made["link_ip"] and links(eas, gateway_id) == [("vpc-e2e1", "vsw-e2e1")]
    runner.preview(expect_no_changes=True)

    # Another vSwitch is another endpoint: refused at preview when replacing is not allowed...
    runner.use_config({**base, "vswitch": "vsw-e2e2", "linkAllowReplace": "false"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "vswitch_id" in str(refused.value)
    assert links(eas, gateway_id) == [("vpc-e2e1", "vsw-e2e1")]
    # ...and otherwise the old endpoint goes first.
    base = {**base, "vswitch": "vsw-e2e2"}
    runner.use_config(base)
    replaced = runner.up()
    assert replaced.summary.resource_changes.get("replace") == 1
    assert outputs(replaced)["link_id"] == f"{REGION}/{gateway_id}/vpc-e2e1/vsw-e2e2"
    assert links(eas, gateway_id) == [("vpc-e2e1", "vsw-e2e2")]

    # Out of band, the official SDK deletes the endpoint: refresh drops it, up makes it again.
    from alibabacloud_eas20210701 import models as sdk_models

    official_sdk(live_emulator).delete_gateway_intranet_linked_vpc(
        REGION, gateway_id, sdk_models.DeleteGatewayIntranetLinkedVpcRequest(vpc_id="vpc-e2e1", v_switch_id="vsw-e2e2"))
    assert runner.refresh().summary.resource_changes.get("delete") == 1
    assert runner.up().summary.resource_changes.get("create") == 1
    assert links(eas, gateway_id) == [("vpc-e2e1", "vsw-e2e2")]
    runner.preview(expect_no_changes=True)

    # Import an endpoint made with this repo's client.
    eas.gateways.link_vpc(gateway_id, "vpc-e2e3", "vsw-e2e3", None)
    runner.use_config({**base, "importLink": f"{REGION}/{gateway_id}/vpc-e2e3/vsw-e2e3"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1 and outputs(imported)["legacy_link_ip"]
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert eas.gateways.find(gateway_id) is None and eas.gateways.find_by_name(ALIAS) is None
