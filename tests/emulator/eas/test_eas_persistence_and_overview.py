"""EAS state survives a restart (a rollout in progress continues where it was), and what is
deployed shows in `inference-emulator ls` and on the status page."""

from __future__ import annotations

import os
import subprocess
import time

import httpx

from eas_sdk_helpers import (
    REGION,
    M,
    create,
    describe,
    events,
    instances,
    make_client,
    unique,
    update,
    wait_status,
)
from inference_iac.emulator.core.launcher import console_command
from inference_iac.emulator.testing import RunningEmulator


def test_state_survives_a_restart_and_a_rollout_continues(tmp_path):
    with RunningEmulator(tmp_path / "data", ready_delay=0.4) as emu:
        eas = make_client(emu)
        name, group = unique(), unique("grp")
        create(eas, name, instance=3, labels={"env": "dev"}, metadata={
            "group": group, "rolling_strategy": {"max_surge": 1, "max_unavailable": 0}})
        wait_status(eas, name, "Running")
        eas.create_service_auto_scaler(REGION, name, M.CreateServiceAutoScalerRequest(
            min=1, max=5, scale_strategies=[
                M.CreateServiceAutoScalerRequestScaleStrategies(metric_name="qps", threshold=5)]))
        gateway = eas.create_gateway(M.CreateGatewayRequest(instance_type="2c4g")).body.gateway_id
        token = describe(eas, name).access_token
        group_token = eas.describe_group(REGION, group).body.access_token
        update(eas, name, {"containers": [{"image": "x:v2", "port": 8000}]})
        assert describe(eas, name).status == "Updating"
        emu.restart()
        eas = make_client(emu)
        service = describe(eas, name)
        assert service.status in ("Updating", "Running") and service.current_version == 2
        assert service.access_token == token
        assert [(l.label_key, l.label_value) for l in service.labels] == [("env", "dev")]
        assert eas.describe_group(REGION, group).body.access_token == group_token
        assert eas.describe_service_auto_scaler(REGION, name).body.max_replica == 5
        assert eas.describe_gateway(REGION, gateway).body.gateway_id == gateway
        done = wait_status(eas, name, "Running")
        assert done.running_instance == 3
        waves = [e for e in events(eas, name) if e.reason == "RollingUpdate"]
        assert len(waves) == 3  # every wave reported once, across the restart
        assert len({i.instance_name for i in instances(eas, name)}) == 3


def test_ls_and_the_status_page_show_eas_services(tmp_path):
    with RunningEmulator(tmp_path / "data", ready_delay=0.2) as emu:
        eas = make_client(emu)
        name, group = unique(), unique("grp")
        create(eas, name, instance=2, metadata={"group": group})
        wait_status(eas, name, "Running")
        update(eas, name, {"containers": [{"image": "x:v2", "port": 8000}]})
        wait_status(eas, name, "Running")
        eas.update_service_safety_lock(REGION, name, M.UpdateServiceSafetyLockRequest(
            lock="dangerous"))
        gateway = eas.create_gateway(M.CreateGatewayRequest(instance_type="2c4g")).body.gateway_id
        page = httpx.get(f"{emu.endpoint}/?format=text", timeout=5).text
        assert "  eas\n" in page
        line = next(text for text in page.splitlines() if f"service {REGION}/{name}" in text)
        assert "Running" in line and "version 2" in line and f"group {group}" in line
        assert "2/2 instances ready" in line and "lock dangerous" in line
        assert gateway in page
        html = httpx.get(f"{emu.endpoint}/", timeout=5).text
        assert f"{REGION}/{name}" in html and "<h3>eas</h3>" in html
        time.sleep(0.1)
    shown = subprocess.run(console_command() + ["ls", "--data-dir", str(tmp_path / "data")],
                           capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert shown.returncode == 0, shown.stderr
    assert f"service {REGION}/{name}  Running  version 2" in shown.stdout
