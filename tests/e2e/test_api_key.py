"""ApiKey through the real `pulumi` CLI.

Create (bound to a running service), no-op preview, unbind/bind in place,
refresh after an out-of-band unbind, replace and its refusal, import of a key
made with the API client, destroy. Throughout, the key's value is a secret:
encrypted in the state files, and unchanged by refresh.
"""

from __future__ import annotations

import pytest
from pulumi import automation as auto
from conftest import shown_on


pytestmark = pytest.mark.e2e
PROJECT = "e2e-apikey"


def configure(runner, **values: str) -> None:
    # Every key is set each time: the runner only adds keys to the stack's config file.
    values = {"bind": "true", "description": "e2e key", "allowReplace": "true", **values}
    runner.config = {f"{PROJECT}:{key}": auto.ConfigValue(value) for key, value in values.items()}


def state_text(runner) -> str:
    return "".join(p.read_text(errors="ignore") for p in runner.state_dir.rglob("*") if p.is_file())




def bound(api, key_id) -> list[str]:
    return [s["id"] for s in api.api_keys.get(key_id)["services"]]


def test_api_key_lifecycle(project_runner, api):
    runner = project_runner("apikey")

    # Create: the key is bound to the service and its value is a secret output.
    result = runner.up()
    service_id, key_id = result.outputs["service_id"].value, result.outputs["key_id"].value
    secret = result.outputs["api_key"]
    assert secret.secret is True and len(secret.value) >= 32
    assert bound(api, key_id) == [service_id]
    text = state_text(runner)
    assert key_id in text, "the state really was read"
    assert secret.value not in text, "the value must be encrypted in the state"

    runner.preview(expect_no_changes=True)

    # Unbinding is an in-place update that keeps the key and its value.
    configure(runner, bind="false")
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "replace" not in preview.change_summary
    assert shown_on(preview.stdout, "ApiKey", "in-place update (service_ids")
    result = runner.up()
    assert result.outputs["key_id"].value == key_id and result.outputs["api_key"].value == secret.value
    assert bound(api, key_id) == []
    configure(runner)
    runner.up()
    assert bound(api, key_id) == [service_id]

    # Drift: someone unbinds the key behind Pulumi's back.
    api.api_keys.unbind(service_id, key_id)
    refreshed = runner.refresh()
    assert refreshed.summary.resource_changes.get("update") == 1
    assert runner.outputs()["api_key"] == secret.value, "refresh must keep the value"
    assert secret.value not in state_text(runner)
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1
    assert f"service_ids: [] -> ['{service_id}']" in preview.stdout
    runner.up()
    assert bound(api, key_id) == [service_id]

    # Changing the description needs a new key: refused when replacement is not allowed...
    configure(runner, description="rotated key", allowReplace="false")
    with pytest.raises(auto.errors.CommandError, match="allow_replace is false"):
        runner.preview()
    # ...and otherwise a new key with a new value, bound again.
    configure(runner, description="rotated key")
    preview = runner.preview()
    assert preview.change_summary.get("replace") == 1
    result = runner.up()
    new_key_id, new_secret = result.outputs["key_id"].value, result.outputs["api_key"].value
    assert new_key_id != key_id and new_secret and new_secret != secret.value
    assert api.api_keys.find(key_id) is None and bound(api, new_key_id) == [service_id]

    # Import: a key made with the API client joins the stack, without its value.
    made = api.api_keys.create("apikey-e2e-imported", "SERVICE", "made outside pulumi")
    api.api_keys.bind(service_id, made.key_id)
    configure(runner, description="rotated key", importKeyId=made.key_id)
    result = runner.up()
    assert result.summary.resource_changes.get("import") == 1
    assert result.outputs["imported_key_id"].value == made.key_id
    assert result.outputs["imported_api_key"].value == ""
    runner.preview(expect_no_changes=True)

    runner.destroy()
    assert api.api_keys.list_all() == []
    assert api.services.list_all() == []
