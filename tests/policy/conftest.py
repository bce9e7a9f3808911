"""The pack lives in the repo's top-level `policy/` folder, which is not an installed package."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
