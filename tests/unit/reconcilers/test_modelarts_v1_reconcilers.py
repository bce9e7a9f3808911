"""The ModelArts v1 reconcilers on recorded API exchanges: no Pulumi, no server, no waiting.

Each scenario replays what the emulator answered when it was recorded
(`record_modelarts_v1.py`) and fails on any request that differs from the
recording, so these tests pin down both the outcome and the exact calls.
"""

from __future__ import annotations

import pytest
from modelarts_v1_scenarios import SCENARIOS
from replay import assert_every_scenario_recorded, replay_scenario

from inference_iac.modelarts.v1.client import ClientConfig, ModelArtsV1Client

CLOUD = "modelarts-v1"


def client_for(recording, transport) -> ModelArtsV1Client:
    config = ClientConfig(endpoint="http://127.0.0.1:8999", access_key="AK", secret_key="SK",
                          project_id=recording["project_id"], retry_backoff_seconds=0)
    return ModelArtsV1Client(config, transport=transport)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario_replays(scenario):
    replay_scenario(CLOUD, scenario, client_for)


def test_every_scenario_has_a_recording():
    assert_every_scenario_recorded(CLOUD, SCENARIOS)
