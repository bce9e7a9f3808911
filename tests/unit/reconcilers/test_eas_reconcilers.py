"""The PAI-EAS reconcilers on recorded API exchanges: no Pulumi, no server, no waiting.

Each scenario replays what the emulator answered when it was recorded and
fails on any request the reconciler makes that differs from the recording,
so these tests pin down both the outcome and the exact calls.
"""

from __future__ import annotations

import pytest
from eas_scenarios import SCENARIOS
from eas_support import deterministic_tokens
from replay import NO_WAITING, Replay, assert_every_scenario_recorded, load, replay_scenario

from inference_iac.core import recent
from inference_iac.core.poll import Clock, Waits
from inference_iac.eas.client import ClientConfig, EasClient

CLOUD = "eas"


def client_for(recording, transport) -> EasClient:
    config = ClientConfig(region=recording["region"], access_key_id="AK", access_key_secret="SK",
                          endpoint="http://127.0.0.1:8999", retry_backoff_seconds=0)
    return EasClient(config, transport=transport)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario_replays(scenario, monkeypatch):
    from inference_iac.eas.reconcilers import traffic_shift

    monkeypatch.setattr(traffic_shift, "bake", lambda seconds: None)
    monkeypatch.setattr(recent, "_entries", {})  # no read of another scenario is reused
    deterministic_tokens(monkeypatch)
    replay_scenario(CLOUD, scenario, client_for)


def test_every_scenario_has_a_recording():
    assert_every_scenario_recorded(CLOUD, SCENARIOS)


def test_a_long_wait_reports_status_ready_desired_and_wave(monkeypatch):
    """Progress lines of a rolling update: status, running/desired instances and the wave in progress."""
    from inference_iac.core import progress
    from inference_iac.core.progress import Reporter

    scenario = next(s for s in SCENARIOS if s.name == "deployment_rolling_update")
    recording = load(CLOUD, scenario.name)
    lines: list[str] = []
    progress.set_route(lambda label, message, ephemeral: lines.append(f"{label}: {message}"))
    ticks = iter(range(0, 100_000, 20))
    clock = Clock(now=lambda: float(next(ticks)), sleep=lambda seconds: None)
    try:
        with client_for(recording, Replay(recording["exchanges"])) as client:
            scenario.run(client, Waits(timeout_seconds=100_000, clock=clock, reporter=Reporter("Deployment", "main"),
                                       progress_every=15), recording["context"])
    finally:
        progress.set_route(None)
    waiting = [line for line in lines if "waiting: Updating" in line]
    assert waiting and all(line.startswith("Deployment main: ") for line in waiting), lines
    assert "/3 ready" in waiting[0] and "wave " in waiting[0] and " of 3" in waiting[0], waiting


def test_deleting_a_group_with_members_left_says_they_keep_it(monkeypatch):
    """The members may be this stack's own, deleted right after the Service: the message claims nothing else."""
    from inference_iac.core import progress
    from inference_iac.core.progress import Reporter
    from inference_iac.eas.reconcilers.service import ServiceReconciler

    recording = load(CLOUD, "service_delete_leaves_foreign_members")
    lines: list[str] = []
    progress.set_route(lambda label, message, ephemeral: lines.append(f"{label}: {message}"))
    try:
        with client_for(recording, Replay(recording["exchanges"])) as client:
            ServiceReconciler(client, Waits(timeout_seconds=60, clock=NO_WAITING,
                                            reporter=Reporter("Service", "stays"))).delete("rec_stays")
    finally:
        progress.set_route(None)
    assert lines == ["Service stays: group rec_stays stays while its member(s) rec_member remain; it goes with the "
                     "last of them"]
