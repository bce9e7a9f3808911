"""The ModelArts v1 reconcilers on recorded API exchanges: no Pulumi, no server, no waiting.

Each scenario replays what the emulator answered when it was recorded
(`record_modelarts_v1.py`) and fails on any request that differs from the
recording, so these tests pin down both the outcome and the exact calls.
"""

from __future__ import annotations

import pytest
from modelarts_v1_scenarios import SCENARIOS
from replay import Replay, load

from inference_iac.core.poll import Clock, Waits
from inference_iac.modelarts.v1.client import ClientConfig, ModelArtsV1Client

NO_WAITING = Clock(now=lambda: 0.0, sleep=lambda seconds: None)
CLOUD = "modelarts-v1"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario_replays(scenario):
    recording = load(CLOUD, scenario.name)
    replay = Replay(recording["exchanges"])
    config = ClientConfig(endpoint="http://127.0.0.1:8999", access_key="AK", secret_key="SK",
                          project_id=recording["project_id"], retry_backoff_seconds=0)
    with ModelArtsV1Client(config, transport=replay) as client:
        result = scenario.run(client, Waits(timeout_seconds=60, clock=NO_WAITING), recording["context"])
    scenario.check(result, recording["context"])
    assert replay.finished, f"{len(replay.exchanges) - replay.position} recorded request(s) were not made"


def test_every_scenario_has_a_recording():
    for scenario in SCENARIOS:
        assert load(CLOUD, scenario.name)["exchanges"], scenario.name
