"""Record the PAI-EAS reconciler scenarios against a fresh emulator (writes testdata/eas/*.json).

    .venv/bin/python tests/unit/reconcilers/record_eas.py [scenario ...]

Run it after a change to what a reconciler sends or to the emulator's
answers; the tests then replay the new recordings.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[2]))

from eas_scenarios import SCENARIOS  # noqa: E402
from eas_support import REGION, deterministic_tokens, eas_client, eas_config  # noqa: E402
from replay import Recorder, save  # noqa: E402

from inference_iac.core import recent  # noqa: E402
from inference_iac.core.poll import Waits  # noqa: E402
from inference_iac.eas.client import EasClient  # noqa: E402
from inference_iac.eas.reconcilers import traffic_shift  # noqa: E402
from inference_iac.emulator.testing import RunningEmulator  # noqa: E402


def record(emulator, scenario) -> None:
    deterministic_tokens(prefix="setup")
    with eas_client(emulator) as api:
        context = scenario.setup(api, emulator)
    deterministic_tokens()
    recent._entries.clear()  # what the setup read is not the run's to reuse (a replay has none of it)
    recorder = Recorder()
    with EasClient(eas_config(emulator), transport=recorder) as client:
        result = scenario.run(client, Waits(timeout_seconds=60), context)
    scenario.check(result, context)
    save("eas", scenario.name, {"region": REGION, "context": context, "exchanges": recorder.exchanges})
    print(f"{scenario.name}: {len(recorder.exchanges)} exchanges")


def main(names: list[str]) -> None:
    traffic_shift.bake = lambda seconds: None
    for scenario in [s for s in SCENARIOS if not names or s.name in names]:
        # A fresh emulator each: no fault or leftover of one scenario reaches the next.
        with tempfile.TemporaryDirectory() as scratch, RunningEmulator(Path(scratch), ready_delay=0.2) as emulator:
            record(emulator, scenario)


if __name__ == "__main__":
    main(sys.argv[1:])
