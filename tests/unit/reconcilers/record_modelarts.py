"""Record the ModelArts reconciler scenarios against a fresh emulator (writes testdata/modelarts/*.json).

    .venv/bin/python tests/unit/reconcilers/record_modelarts.py [scenario ...]

Run it after a change to what a reconciler sends or to the emulator's
answers; the tests then replay the new recordings.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[2]))

from modelarts_scenarios import SCENARIOS  # noqa: E402
from replay import Recorder, save  # noqa: E402
from support import api_client  # noqa: E402

from inference_iac.core.poll import Waits  # noqa: E402
from inference_iac.emulator.testing import RunningEmulator  # noqa: E402
from inference_iac.modelarts.client import ClientConfig, ModelArtsClient  # noqa: E402


def record(emulator, scenario) -> None:
    with api_client(emulator) as api:
        context = scenario.setup(api, emulator)
    recorder = Recorder()
    config = ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key,
                          secret_key=emulator.secret_key, project_id=emulator.project_id, retry_backoff_seconds=0)
    with ModelArtsClient(config, transport=recorder) as client:
        result = scenario.run(client, Waits(timeout_seconds=60), context)
    scenario.check(result, context)
    save("modelarts", scenario.name, {"project_id": emulator.project_id, "context": context,
                                      "exchanges": recorder.exchanges})
    print(f"{scenario.name}: {len(recorder.exchanges)} exchanges")


def main(names: list[str]) -> None:
    for scenario in [s for s in SCENARIOS if not names or s.name in names]:
        # A fresh emulator each: no quota, fault or leftover of one scenario reaches the next.
        with tempfile.TemporaryDirectory() as scratch, RunningEmulator(Path(scratch), ready_delay=0.2) as emulator:
            record(emulator, scenario)


if __name__ == "__main__":
    main(sys.argv[1:])
