"""Record the ModelArts reconciler scenarios against a fresh emulator (writes testdata/modelarts/*.json).

    .venv/bin/python tests/unit/reconcilers/record_modelarts.py [scenario ...]

Run it after a change to what a reconciler sends or to the emulator's
answers; the tests then replay the new recordings.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[2]))

from modelarts_scenarios import SCENARIOS  # noqa: E402
from replay import record_each, record_run  # noqa: E402
from support import api_client  # noqa: E402

from inference_iac.modelarts.client import ClientConfig, ModelArtsClient  # noqa: E402


def record(emulator, scenario) -> None:
    with api_client(emulator) as api:
        context = scenario.setup(api, emulator)
    config = ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key,
                          secret_key=emulator.secret_key, project_id=emulator.project_id, retry_backoff_seconds=0)
    record_run("modelarts", scenario, lambda recorder: ModelArtsClient(config, transport=recorder), context,
               {"project_id": emulator.project_id})


def main(names: list[str]) -> None:
    record_each(SCENARIOS, names, record)


if __name__ == "__main__":
    main(sys.argv[1:])
