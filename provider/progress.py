"""Progress lines for the person running `pulumi up`.

A dynamic provider has no connection to the engine's log, but the engine
shows what the provider process writes to stderr, so that is where plans,
waits and resumptions are reported.
"""

from __future__ import annotations

import sys


def say(message: str) -> None:
    print(f"[modelarts] {message}", file=sys.stderr, flush=True)
