"""Rolling upgrades through the real CLI, watched through the instances API while they run."""

from __future__ import annotations

import threading
import time

import pytest
from pulumi.automation import errors as auto_errors

from inference_iac.emulator.testing import RunningEmulator
from inference_iac.automation.workspace import StackRunner
from support import api_client

pytestmark = pytest.mark.e2e

PROJECT = "rollout"
WAVE_SECONDS = 1.0


@pytest.fixture
def emulator(tmp_path):
    # One platform "minute" lasts a second, so the 1-minute deploy timeout expires quickly.
    with RunningEmulator(tmp_path / "emulator", ready_delay=WAVE_SECONDS, minute_seconds=1.0) as running:
        yield running


@pytest.fixture
def runner(emulator, tmp_path):
    from pathlib import Path

    project = Path(__file__).parent / "projects" / PROJECT
    env = {"MODELARTS_ENDPOINT": emulator.endpoint, "HUAWEICLOUD_SDK_AK": emulator.access_key,
           "HUAWEICLOUD_SDK_SK": emulator.secret_key, "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id}
    runner = StackRunner(project_dir=project, stack_name="test", state_dir=tmp_path / "state",
                         home_dir=tmp_path / "home", env=env)
    runner.use_config({"image": "swr.example/org/web:1"})
    yield runner
    (project / "Pulumi.test.yaml").unlink(missing_ok=True)


def watch_instances(api, service_id: str, name: str, stop: threading.Event, seen: list[list[dict]]) -> None:
    while not stop.is_set():
        seen.append(api.deployments.instances(service_id, name))
        time.sleep(0.1)


def test_upgrade_with_max_unavailable_zero_keeps_every_replica_ready(runner, emulator):
    first = runner.up().outputs
    service_id, old_version = first["service_id"].value, first["version"].value

    runner.use_config({"image": "swr.example/org/web:2"})
    preview = runner.preview()
    assert f"from version {old_version} to a new version in 4 wave(s)" in preview.stdout
    assert "at least 4 of 4 ready throughout" in preview.stdout

    seen: list[list[dict]] = []
    stop = threading.Event()
    with api_client(emulator) as api:
        watcher = threading.Thread(target=watch_instances, args=(api, service_id, "web", stop, seen))
        watcher.start()
        try:
            result = runner.up()
        finally:
            stop.set()
            watcher.join()
    new_version = result.outputs["version"].value
    assert new_version != old_version

    ready_counts = [sum(1 for i in snapshot if i["status"] == "RUNNING") for snapshot in seen]
    assert len(seen) > 10 and min(ready_counts) >= 4, ready_counts
    mixed = [s for s in seen if {i.get("version") for i in s if i["status"] == "RUNNING"} == {old_version, new_version}]
    assert mixed, "the rollout was never seen halfway, with both versions serving"
    runner.destroy()


def test_failing_upgrade_leaves_the_old_version_serving_and_fails_up(runner, emulator):
    first = runner.up().outputs
    service_id, old_version = first["service_id"].value, first["version"].value
    # New replicas never pass their probes: the 1-minute deploy timeout expires and the platform rolls back.
    emulator.add_fault("deploy_times_out", match="web")

    runner.use_config({"image": "swr.example/org/web:broken"})
    with pytest.raises(auto_errors.CommandError) as failure:
        runner.up()
    message = str(failure.value)
    assert "rolled back by the platform" in message
    assert f"version {old_version} is serving" in message
    assert "roll back" in message  # the platform's own event

    with api_client(emulator) as api:
        live = api.deployments.get(service_id, first["deployment_id"].value)
        instances = api.deployments.instances(service_id, "web")
    assert live["version"] == old_version and live["status"] == "RUNNING"
    assert len(instances) == 4 and all(i["status"] == "RUNNING" for i in instances)
    emulator.clear_faults()
    runner.use_config({"image": "swr.example/org/web:1"})
    runner.destroy()
