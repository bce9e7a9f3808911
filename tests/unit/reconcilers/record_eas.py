"""Record the PAI-EAS reconciler scenarios against a fresh emulator (writes testdata/eas/*.json).

    .venv/bin/python tests/unit/reconcilers/record_eas.py [scenario ...]

Run it after a change to what a reconciler sends or to the emulator's
answers; the tests then replay the new recordings.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[2]))

from eas_scenarios import SCENARIOS  # noqa: E402
from eas_support import REGION, deterministic_tokens, eas_client, eas_config  # noqa: E402
from replay import record_each, record_run  # noqa: E402

from inference_iac.core import recent  # noqa: E402
from inference_iac.eas.client import EasClient  # noqa: E402
from inference_iac.eas.reconcilers import traffic_shift  # noqa: E402


def record(emulator, scenario) -> None:
    deterministic_tokens(prefix="setup")
    with eas_client(emulator) as api:
        context = scenario.setup(api, emulator)
    deterministic_tokens()
    recent._entries.clear()  # what the setup read is not the run's to reuse (a replay has none of it)
    record_run("eas", scenario, lambda recorder: EasClient(eas_config(emulator), transport=recorder), context,
               {"region": REGION})


def main(names: list[str]) -> None:
    traffic_shift.bake = lambda seconds: None
    record_each(SCENARIOS, names, record)


if __name__ == "__main__":
    main(sys.argv[1:])
