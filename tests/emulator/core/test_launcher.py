"""The one launcher: a foreground child for tests, a detached process for the runner."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

from inference_iac.emulator.core import cli
from inference_iac.emulator.core.launcher import RunningEmulator, free_port
from inference_iac.emulator.core.settings import DEFAULT_SECRET_KEY, SECRET_KEY_ENV
from inference_iac.emulator import testing
from modelarts_sdk_helpers import make_client

CUSTOM_SECRET = "a-custom-secret-that-must-not-leak-00000"


def cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def test_testing_name_is_the_launcher():
    assert testing.RunningEmulator is RunningEmulator


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_the_secret_key_reaches_the_process_through_its_environment_only(tmp_path):
    with RunningEmulator(tmp_path, secret_key=CUSTOM_SECRET) as emu:
        assert CUSTOM_SECRET.encode() not in cmdline(emu.pid)
        assert b"--secret-key" not in cmdline(emu.pid)
        assert make_client(emu).list_infer_services(ListInferServicesRequest()).total == 0
        stale = make_client(emu, secret_key=DEFAULT_SECRET_KEY)
        with pytest.raises(Exception) as raised:
            stale.list_infer_services(ListInferServicesRequest())
        assert raised.value.status_code == 401
        pid = emu.pid
    assert not Path(f"/proc/{pid}").exists() or b"zombie" in Path(f"/proc/{pid}/status").read_bytes()


def test_detached_process_is_found_again_through_its_record_and_stopped(tmp_path):
    port = free_port()
    first = RunningEmulator.background(tmp_path, port=port, ready_delay=0.1)
    try:
        first.ensure_running()
        record = json.loads((tmp_path / "emulator.json").read_text())
        assert record["pid"] == first.pid and record["port"] == port
        assert record["data_dir"] == str(tmp_path.resolve()) and "secret" not in json.dumps(record)
        assert first.provider_env() == {
            "MODELARTS_ENDPOINT": f"http://127.0.0.1:{port}", "HUAWEICLOUD_SDK_AK": first.access_key,
            "HUAWEICLOUD_SDK_SK": DEFAULT_SECRET_KEY, "HUAWEICLOUD_SDK_PROJECT_ID": first.project_id,
            "EAS_ENDPOINT": f"http://127.0.0.1:{port}", "ALIBABA_CLOUD_REGION_ID": "cn-shanghai",
            "ALIBABA_CLOUD_ACCESS_KEY_ID": first.access_key, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": DEFAULT_SECRET_KEY}
        # Another command (another object, another default port) reuses the same process.
        later = RunningEmulator.background(tmp_path, port=free_port())
        assert later.is_running() and later.port == port and later.pid == record["pid"]
        assert later.ensure_running().pid == record["pid"]
        later.stop()
        assert not later.is_running() and not (tmp_path / "emulator.json").exists()
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/-/health", timeout=1.0)
    finally:
        first.stop()


def test_a_port_taken_by_another_server_is_refused(tmp_path):
    with RunningEmulator(tmp_path / "other") as other:
        mine = RunningEmulator.background(tmp_path / "mine", port=other.port)
        with pytest.raises(RuntimeError, match="taken"):
            mine.ensure_running()


def test_start_failure_reports_the_log(tmp_path):
    with pytest.raises(RuntimeError, match="exited with code"):
        RunningEmulator(tmp_path, extra_args=["--no-such-flag"]).start()


def test_secret_key_precedence_flag_then_environment_then_default(monkeypatch):
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)
    monkeypatch.delenv("EMULATOR_SECRET_KEY", raising=False)
    assert cli.secret_key_and_source(None) == (DEFAULT_SECRET_KEY, "built-in dev key")
    monkeypatch.setenv(SECRET_KEY_ENV, "from-env")
    assert cli.secret_key_and_source(None) == ("from-env", f"${SECRET_KEY_ENV}")
    assert cli.secret_key_and_source("from-flag") == ("from-flag", "--secret-key")
    args = cli.build_parser().parse_args([])
    assert cli.settings_from_args(args).secret_key == "from-env"
    args = cli.build_parser().parse_args(["--secret-key", "from-flag"])
    assert cli.settings_from_args(args).secret_key == "from-flag"
