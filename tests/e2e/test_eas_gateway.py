"""PAI-EAS Gateway (a dedicated gateway) through the real `pulumi` CLI.

One stack walks: bad input refused at preview (nothing created), an
interrupted create (its wait times out after EAS accepted it) adopted by its
alias on the next up (one gateway, none left behind), no-op preview, in-place
update (node size and count: same gateway), refused replace (a billing method
change without allow_replace: nothing changes), refresh after an out-of-band
change (the node count, through the official SDK), import by id, destroy
(nothing left).

Not applicable: rolling upgrade and switch back (a gateway has no versions;
a new node size is rolled out by the platform within one in-place update).
"""

from __future__ import annotations

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from eas_e2e import REGION, official_sdk, outputs

pytestmark = pytest.mark.e2e

ALIAS = "e2e-gw"


def gateways_named(eas, alias: str) -> list[dict]:
    return [g for g in eas.gateways.http.call("ListGateway", "GET", "/gateways").get("Gateways", [])
            if g.get("GatewayName") == alias]


def test_gateway_lifecycle(project_runner, eas, live_emulator):
    base = {"link": "false"}
    runner = project_runner("eas_gateway", {**base, "instanceType": "3c5g"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "instance_type: Input should be '2c4g', '4c8g', '8c16g' or '16c32g'" in str(refused.value)
    assert gateways_named(eas, ALIAS) == []

    # The create's wait is cut short after EAS accepted it; the next up adopts the gateway by its alias.
    runner.use_config({**base, "timeoutSeconds": 0.01})
    with pytest.raises(auto_errors.CommandError, match="is still Creating"):
        runner.up()
    assert len(gateways_named(eas, ALIAS)) == 1
    runner.use_config(base)
    adopted = runner.up()
    assert "adopting gateway gw-" in adopted.stdout and "left by an earlier run" in adopted.stdout
    gateway_id = outputs(adopted)["gateway_id"]
    assert [g["GatewayId"] for g in gateways_named(eas, ALIAS)] == [gateway_id]
    assert outputs(adopted)["gateway_status"] == "Running"
    runner.preview(expect_no_changes=True)

    # In place: bigger and more nodes, the same gateway.
    base = {**base, "instanceType": "4c8g", "replicas": 3}
    runner.use_config(base)
    resized = runner.up()
    assert resized.summary.resource_changes.get("update") == 1
    assert shown_on(resized.stdout, "Gateway", "in-place update (instance_type: '2c4g' -> '4c8g'")
    assert outputs(resized)["gateway_id"] == gateway_id
    live = eas.gateways.get(gateway_id)
    assert (live["InstanceType"], live["Replicas"], live["Status"]) == ("4c8g", 3, "Running")

    # The billing method is chosen when the gateway is bought: refused without allow_replace.
    runner.use_config({**base, "chargeType": "PrePaid", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "charge_type" in str(refused.value)
    assert eas.gateways.listed(gateway_id, ALIAS)["ChargeType"] == "PostPaid"

    # Out of band, the official SDK changes the node count: refresh records it, up restores it.
    from alibabacloud_eas20210701 import models as sdk_models

    official_sdk(live_emulator).update_gateway(gateway_id, REGION, sdk_models.UpdateGatewayRequest(replicas=5))
    runner.use_config(base)
    assert runner.refresh().summary.resource_changes.get("update") == 1
    assert shown_on(runner.preview().stdout, "Gateway", "replicas: 5 -> 3")
    runner.up()
    assert eas.gateways.get(gateway_id)["Replicas"] == 3
    runner.preview(expect_no_changes=True)

    # Import a gateway made with this repo's client.
    legacy_id = eas.gateways.create({"Name": "e2e-gw-legacy", "InstanceType": "2c4g", "ChargeType": "PrePaid"}
                                    )["GatewayId"]
    runner.use_config({**base, "importGateway": f"{REGION}/{legacy_id}", "importAlias": "e2e-gw-legacy"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["legacy_gateway_status"] in ("Creating", "Running")
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert gateways_named(eas, ALIAS) == [] and gateways_named(eas, "e2e-gw-legacy") == []
