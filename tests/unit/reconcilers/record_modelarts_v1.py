"""Record the ModelArts v1 reconciler scenarios against a fresh emulator (writes testdata/modelarts-v1/*.json).

    .venv/bin/python tests/unit/reconcilers/record_modelarts_v1.py [scenario ...]

Run it after a change to what a v1 reconciler sends or to the emulator's v1
answers; the tests then replay the new recordings.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from modelarts_v1_scenarios import SCENARIOS  # noqa: E402
from replay import record_each, record_run  # noqa: E402

from inference_iac.modelarts.v1.client import ClientConfig, ModelArtsV1Client  # noqa: E402

CLOUD = "modelarts-v1"


def client_config(emulator) -> ClientConfig:
    return ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key, secret_key=emulator.secret_key,
                        project_id=emulator.project_id, retry_backoff_seconds=0)


def record(emulator, scenario) -> None:
    with ModelArtsV1Client(client_config(emulator)) as api:
        context = scenario.setup(api, emulator)
    record_run(CLOUD, scenario, lambda recorder: ModelArtsV1Client(client_config(emulator), transport=recorder),
               context, {"project_id": emulator.project_id})


def main(names: list[str]) -> None:
    record_each(SCENARIOS, names, record)


if __name__ == "__main__":
    main(sys.argv[1:])
