"""Rules shared by the v1 models: names, free text, and the flavors the v1 documents name."""

from __future__ import annotations

import re
from typing import Any

from ...models.common import NonBlank, not_blank, not_blank_if_set

__all__ = ["NAME", "NAME_RULE", "as_recorded", "matching", "NonBlank", "DOCUMENTED_FLAVORS", "CUSTOM", "without", "not_blank",
           "not_blank_if_set"]

# Service and model names: 1-64 letters, digits, '-' and '_' (seed 000; models reference S1/S5).
NAME = r"[A-Za-z0-9_-]{1,64}"
NAME_RULE = "1 to 64 letters, digits, hyphens (-) and underscores (_)"

# Flavors the v1 documents name (seed 000 create, seed 001 update; some must be requested by ticket).
# The region's catalogue (the v2 flavors API) is read at preview for anything else.
DOCUMENTED_FLAVORS = ("modelarts.vm.cpu.2u", "modelarts.vm.gpu.pnt004", "modelarts.vm.ai1.snt3",
                      "modelarts.vm.gpu.p4", "modelarts.vm.ai1.a310")
CUSTOM = "custom"


def as_recorded(live: Any, recorded: Any) -> Any:
    """`live` (a spec's body) cut to the shape of `recorded` (the inputs last applied, or a program's
    inputs at import): keys `recorded` does not hold are left out, recursively, so what the platform
    fills in by itself (empty `envs`, a missing schedule) never shows as a change in a refresh.
    List items beyond the recorded ones are kept whole: they are real drift."""
    if isinstance(live, dict) and isinstance(recorded, dict):
        return {key: as_recorded(value, recorded[key]) for key, value in live.items() if key in recorded}
    if isinstance(live, list) and isinstance(recorded, list):
        return [as_recorded(item, recorded[i]) if i < len(recorded) else item for i, item in enumerate(live)]
    return live


def matching(pattern: str, rule: str):
    """A validator refusing text that does not match `pattern`, saying `rule` (not the regex)."""
    compiled = re.compile(pattern)

    def check(cls, value: str | None) -> str | None:
        if value is not None and not compiled.fullmatch(value):
            raise ValueError(f"must be {rule}")
        return value

    return check


def without(forbidden: str):
    """A validator refusing text that holds any of `forbidden`."""
    def check(cls, value: str | None) -> str | None:
        if value is not None and any(c in value for c in forbidden):
            raise ValueError(f"must not contain any of {forbidden}")
        return value

    return check
