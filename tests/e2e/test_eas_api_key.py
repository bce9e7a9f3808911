"""PAI-EAS ApiKey (the one token of a service) through the real `pulumi` CLI.

One stack walks: bad input refused at preview (nothing created), an
interrupted create adopted (the claim label and token a killed run left on the
service are taken over: still one claim, the value is the live token), no-op
preview, a second key for the same service refused at preview, in-place update
(a token changed and a claim removed out of band are put back without a new
key), refresh after an out-of-band token change through the official SDK (the
live token is the value, so refresh records it), refused replace (a rotation
without allow_replace: the token stays), an allowed rotation (a new value),
import by id, delete (the token revoked, the claim removed), destroy (nothing
left). The value is a secret throughout: encrypted in the state, never printed.

Not applicable: rolling upgrade and switch back (a key has no versions; the
token change it makes is versionless in EAS).
"""

from __future__ import annotations

import json

import pytest
from pulumi.automation import errors as auto_errors

from conftest import shown_on
from eas_e2e import REGION, member_json, official_sdk, outputs, service_names, state_text
from eas_support import wait_status

pytestmark = pytest.mark.e2e

MEMBER = "e2e_key_main"
CLAIM = "inference-iac.api-key"


def token(eas, name: str = MEMBER) -> str:
    return eas.services.get(name)["AccessToken"]


def claim(eas, name: str = MEMBER) -> str | None:
    return eas.services.get(name)["labels"].get(CLAIM)


def test_api_key_lifecycle(project_runner, eas, live_emulator):
    runner = project_runner("eas_api_key", {"keyName": "web key!"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "name: String should match pattern '^[A-Za-z0-9._-]+$'" in str(refused.value)
    assert service_names(eas, "e2e_key") == []

    # A run that died while creating the key left its claim and a token of its own on the service.
    runner.use_config({"key": "false"})
    runner.up()
    eas.services.set_labels(MEMBER, {CLAIM: "web"})
    eas.services.update(MEMBER, {"token": "left-by-a-killed-run-0123456789abcdef"}, "merge")
    runner.use_config({})
    adopted = runner.up()
    assert "taking over the claim on service e2e_key_main's token left by an earlier run" in adopted.stdout
    key = adopted.outputs["api_key"]
    assert key.secret and key.value == token(eas) and key.value != "left-by-a-killed-run-0123456789abcdef"
    assert claim(eas) == "web"
    assert key.value not in state_text(runner) and key.value not in adopted.stdout
    runner.preview(expect_no_changes=True)

    # A second key for the same service is refused at preview: EAS keeps one token per service.
    runner.use_config({"secondKey": "true"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "deployment_name: ApiKey spare: the token of service e2e_key_main already belongs to ApiKey web" in \
        str(refused.value)
    assert token(eas) == key.value

    # Out of band, the token is changed and the claim removed: put back in place, same key, same value.
    eas.services.update(MEMBER, {"token": "changed-by-hand-0123456789abcdefghij"}, "merge")
    eas.services.delete_labels(MEMBER, [CLAIM])
    runner.use_config({})
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "replace" not in preview.change_summary
    assert shown_on(preview.stdout, "ApiKey", "in-place update (token: '(secret)' -> '(secret")
    assert shown_on(preview.stdout, "ApiKey", "claim: None -> 'web')")
    put_back = runner.up()
    assert outputs(put_back)["api_key"] == key.value == token(eas) and claim(eas) == "web"
    assert "changed-by-hand" not in put_back.stdout

    # Out of band through the official SDK, then refreshed: the live token becomes the value.
    from alibabacloud_eas20210701 import models as sdk_models

    official_sdk(live_emulator).update_service(REGION, MEMBER, sdk_models.UpdateServiceRequest(
        body=json.dumps({"token": "rotated-by-the-sdk-0123456789abcdefgh"}), update_type="merge"))
    runner.refresh()
    assert "rotated-by-the-sdk" not in state_text(runner)
    runner.preview(expect_no_changes=True)
    # Nothing to change; the stack outputs now show the refreshed value.
    again = runner.up()
    assert set(again.summary.resource_changes) == {"same"}
    assert outputs(again)["api_key"] == "rotated-by-the-sdk-0123456789abcdefgh" == token(eas)

    # A rotation is a new key: refused at preview when replacing is not allowed, the token stays...
    runner.use_config({"rotation": "2", "allowReplace": "false"})
    with pytest.raises(auto_errors.CommandError) as refused:
        runner.preview()
    assert "allow_replace is false" in str(refused.value) and "rotation" in str(refused.value)
    assert token(eas) == "rotated-by-the-sdk-0123456789abcdefgh"
    # ...and otherwise a new value, claimed by the same key name.
    runner.use_config({"rotation": "2"})
    replaced = runner.up()
    assert replaced.summary.resource_changes.get("replace") == 1
    rotated = outputs(replaced)["api_key"]
    assert rotated not in ("rotated-by-the-sdk-0123456789abcdefgh", key.value)
    assert rotated == token(eas) and claim(eas) == "web"

    # Import the token of a service made out of band; the key then claims it.
    eas.services.create(member_json("e2e_key_legacy", "e2e_key_other"))
    legacy = wait_status(eas, "e2e_key_legacy", "Running")["AccessToken"]
    runner.use_config({"rotation": "2", "importId": f"{REGION}/e2e_key_legacy", "importName": "legacy"})
    imported = runner.up()
    assert imported.summary.resource_changes.get("import") == 1
    assert outputs(imported)["imported_api_key"] == legacy == token(eas, "e2e_key_legacy")
    assert claim(eas, "e2e_key_legacy") == "legacy"
    runner.preview(expect_no_changes=True)

    # Deleting a key revokes its token (a new random one nobody records) and removes its claim.
    runner.use_config({"key": "false", "importId": f"{REGION}/e2e_key_legacy", "importName": "legacy"})
    assert runner.up().summary.resource_changes.get("delete") == 1
    assert token(eas) != rotated and claim(eas) is None

    runner.destroy()
    assert token(eas, "e2e_key_legacy") != legacy and claim(eas, "e2e_key_legacy") is None
    assert service_names(eas, "e2e_key") == ["e2e_key_legacy"]  # made out of band, not the stack's
    eas.services.delete("e2e_key_legacy")
