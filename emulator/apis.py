"""The API plug-ins the emulator serves, one folder each (add a cloud API here)."""

from __future__ import annotations

from .core.plugin import ApiPlugin


def enabled_apis() -> list[ApiPlugin]:
    from .eas.plugin import EasApi
    from .modelarts.plugin import ModelArtsApi

    return [ModelArtsApi(), EasApi()]
