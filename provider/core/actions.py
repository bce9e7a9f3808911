"""The actions a plan can take, ordered from least to most disruptive."""

from __future__ import annotations

from enum import Enum


class Action(str, Enum):
    # Ordered from least to most disruptive; a plan is headed by its worst action.
    NOOP = "no-op"
    UPDATE = "in-place update"
    TRAFFIC = "traffic shift"
    SCALE = "scale"
    START_STOP = "start/stop"
    # A return to a recorded version: rolls like an upgrade, but to known-good settings.
    SWITCH_BACK = "switch back"
    ROLLING_UPGRADE = "rolling upgrade"
    REPLACE = "replace"

    @property
    def rank(self) -> int:
        return list(Action).index(self)
