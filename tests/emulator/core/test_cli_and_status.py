"""For people: `inference-emulator ls`, the status page, --help and the start-up banner."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time

import httpx
import pytest
from huaweicloudsdkmodelarts.v1 import CreateInferServiceRequest

from emulators import get_in_process
from inference_iac.emulator.core import cli
from inference_iac.emulator.core.launcher import console_command
from inference_iac.emulator.core.settings import DEFAULT_SECRET_KEY, SECRET_KEY_ENV, Settings
from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import group_config, make_client, service_body, unique_name, wait_service_status


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(console_command() + list(args), capture_output=True, text=True,
                          timeout=60, env={**os.environ, **(env or {})})


def test_help_documents_every_flag_with_its_default():
    shown = run_cli("--help", env={SECRET_KEY_ENV: "top-secret-from-env"})
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    for action in cli.build_parser()._actions:
        if action.option_strings and action.dest != "help":
            assert action.option_strings[0] in text
            assert "default" in (action.help or ""), action.dest
    assert "(default: 1048576 = 1 MiB)" in text and "(default: 15.0)" in text
    assert "inference-emulator ls" in text and "top-secret-from-env" not in text
    assert "--data-dir" in " ".join(run_cli("ls", "--help").stdout.split())


def test_banner_shows_the_dev_secret_only_when_it_is_the_dev_key(tmp_path):
    with RunningEmulator(tmp_path / "dev") as emu:
        banner = emu.log_path.read_text()
    assert f"access key      {emu.access_key}" in banner
    assert f"project id      {emu.project_id}" in banner
    assert f"secret key      {DEFAULT_SECRET_KEY} (the built-in dev key" in banner
    with RunningEmulator(tmp_path / "custom", secret_key="not-the-dev-key-000000000000000000000000") as emu:
        banner = emu.log_path.read_text()
    assert f"secret key      from ${SECRET_KEY_ENV} (not shown)" in banner
    assert "not-the-dev-key" not in banner


def test_describe_names_the_source_of_the_secret():
    settings = Settings(secret_key="s3cret")
    assert "from --secret-key (not shown)" in cli.describe(settings, "--secret-key", ["modelarts"])
    assert "s3cret" not in cli.describe(settings, "--secret-key", ["modelarts"])
    assert DEFAULT_SECRET_KEY in cli.describe(Settings(), "built-in dev key", ["modelarts"])


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """A data dir with one running service; the emulator stopped afterwards."""
    data = tmp_path_factory.mktemp("ls")
    with RunningEmulator(data, ready_delay=0.2) as emu:
        client = make_client(emu)
        name = unique_name("shop")
        created = client.create_infer_service(CreateInferServiceRequest(
            body=service_body(name, [group_config("main", count=2)])))
        wait_service_status(client, created.id, "RUNNING")
        before = emu.api_requests()
        page = httpx.get(emu.endpoint + "/").text
        text_page = httpx.get(emu.endpoint + "/?format=text").text
        served = run_cli("ls", "--data-dir", str(data))
        counted = emu.api_requests() - before
    return {"data": data, "name": name, "id": created.id, "page": page, "text_page": text_page,
            "served": served, "counted": counted}


def test_ls_lists_services_and_deployments_while_served_and_after(deployed):
    for listing in (deployed["served"], run_cli("ls", "--data-dir", str(deployed["data"]))):
        assert listing.returncode == 0, listing.stderr
        out = listing.stdout
        assert "project 0123456789abcdef0123456789abcdef" in out and "  modelarts" in out
        assert f"service {deployed['name']}  RUNNING  version 1.0.0" in out
        assert f"[{deployed['id']}]" in out
        assert "deployment main  RUNNING  version 1.0.0  weight 100, 2 replicas, pool-dedicated-0001" in out


def test_ls_without_state_fails_clearly(tmp_path):
    listing = run_cli("ls", "--data-dir", str(tmp_path / "nothing"))
    assert listing.returncode == 1 and "no emulator state" in listing.stderr
    assert not (tmp_path / "nothing").exists()


def test_ls_shows_due_transitions_without_writing(tmp_path):
    with RunningEmulator(tmp_path, ready_delay=0.5) as emu:
        client = make_client(emu)
        client.create_infer_service(CreateInferServiceRequest(
            body=service_body(unique_name(), [group_config("slow")])))
    time.sleep(0.6)
    assert "deployment slow  RUNNING" in run_cli("ls", "--data-dir", str(tmp_path)).stdout
    stored = sqlite3.connect(tmp_path / "emulator.sqlite3").execute(
        "SELECT doc FROM documents WHERE kind = 'deployment'").fetchone()[0]
    assert json.loads(stored)["status"] == "DEPLOYING"  # ls wrote nothing


def test_status_page_shows_what_is_deployed(deployed):
    page = deployed["page"]
    assert page.startswith("<!doctype html>") and deployed["name"] in page
    assert "<td>deployment</td><td>main</td><td>RUNNING</td><td>1.0.0</td>" in page
    assert deployed["text_page"] == deployed["served"].stdout.split("\n", 1)[1]
    assert deployed["counted"] == 0  # the page and ls are not API requests


def test_status_page_is_for_loopback_callers_only(tmp_path):
    assert get_in_process(tmp_path, "/", "192.0.2.7").status_code == 403
    local = get_in_process(tmp_path, "/", "127.0.0.1")
    assert local.status_code == 200 and "Nothing deployed" in local.text
