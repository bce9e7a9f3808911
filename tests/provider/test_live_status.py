"""`inference-stack up`'s live status line, read from a running emulator for a stack on either cloud."""

from __future__ import annotations

from pulumi.automation import OutputValue

from eas_support import REGION, eas_client, service_json, wait_status

from inference_iac.automation.cli import print_live_status
from inference_iac.automation.connection import Connection
from inference_iac.modelarts.models.service import ServiceSpec


def outputs_with(outputs: dict) -> dict[str, OutputValue]:
    """The outputs of a stack, as an update's result gives them."""
    return {key: OutputValue(value, secret=False) for key, value in outputs.items()}


def test_an_eas_stack_shows_its_groups_members(live_emulator, capsys):
    with eas_client(live_emulator) as eas:
        eas.services.create(service_json("live_shop_main", "live_shop"))
        wait_status(eas, "live_shop_main", "Running")
        eas.services.create(service_json("live_other", "live_other_group"))
    connection = Connection(None, live_emulator.provider_env())

    print_live_status(outputs_with({"service_id": f"{REGION}/live_shop"}), connection)

    assert capsys.readouterr().out == "\nLive: service group live_shop; members: live_shop_main Running\n"


def test_a_modelarts_stack_shows_its_service_and_deployments(live_emulator, capsys):
    from support import api_client

    with api_client(live_emulator) as api:
        created = api.services.create(ServiceSpec(name="live-status-svc").create_body())
    connection = Connection(None, live_emulator.provider_env())

    print_live_status(outputs_with({"service_id": created["id"]}), connection)

    out = capsys.readouterr().out
    assert out.startswith("\nLive: service live-status-svc is ") and out.endswith("; deployments: none\n")


def test_a_stack_without_a_service_id_shows_nothing(capsys):
    print_live_status(outputs_with({}), Connection(None, {}))
    assert capsys.readouterr().out == ""
