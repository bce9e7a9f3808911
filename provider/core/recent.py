"""A live state read by one provider call, handed to the next call on the same resource.

The engine asks a provider to `diff` a resource and then, moments later, to
`update` it (or, in a refresh, to `read` and then `diff` it). Both need the
live resource; reading it twice is a wasted API call, and planning the update
from what the diff saw is what the preview showed. Entries are taken once and
expire quickly, so a later call never plans from an old read.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Hashable

TTL_SECONDS = 10.0

_entries: dict[Hashable, tuple[float, Any]] = {}
_lock = threading.Lock()


def put(key: Hashable, value: Any, clock: Callable[[], float] = time.monotonic) -> None:
    with _lock:
        now = clock()
        for stale in [k for k, (at, _) in _entries.items() if now - at > TTL_SECONDS]:
            del _entries[stale]
        _entries[key] = (now, value)


def take(key: Hashable, clock: Callable[[], float] = time.monotonic) -> Any | None:
    with _lock:
        entry = _entries.pop(key, None)
    if entry is None or clock() - entry[0] > TTL_SECONDS:
        return None
    return entry[1]
