"""Release 0.1's recorded data, shared by the state-compatibility and persistence tests.

The emulator database that release's `up` left is kept as an SQL dump (text, so a
change to it shows as a diff); replaying the dump gives back the same file, with
the same table layout, that release 0.1 wrote.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from inference_iac.emulator.core.store import DB_FILE

FIXTURE = Path(__file__).parent / "e2e" / "fixtures" / "release-0.1"


def restore_emulator_data_dir(data_dir: Path) -> Path:
    """Write release 0.1's emulator database into `data_dir` (created) and return its path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    database = data_dir / DB_FILE
    connection = sqlite3.connect(database)
    try:
        connection.executescript((FIXTURE / "emulator.sql").read_text())
    finally:
        connection.close()
    return database
