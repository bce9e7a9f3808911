"""Entry point the policy host runs (in this directory): serve the pack to the engine."""

import sys
from pathlib import Path

# The pack is the `policy` package of this repo, which is not an installed
# package: make the repo root importable, wherever the host was started.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi_policy import EnforcementLevel, PolicyPack  # noqa: E402

from policy.pack import INITIAL_CONFIG, PACK_NAME, POLICIES  # noqa: E402

PolicyPack(
    name=PACK_NAME,
    policies=POLICIES,
    enforcement_level=EnforcementLevel.MANDATORY,
    initial_config=INITIAL_CONFIG,
    description="Platform rules for ModelArts inference resources.",
)
