"""Where a cloud provider's connection settings come from.

Each cloud lists its sources: a stack config key and an environment variable
per client setting. Stack config wins over the environment, so a stack can
pin its region while CI supplies credentials through the environment. Values
are read when the provider process starts (in `configure`), never captured
into the serialized provider, so rotating a secret needs no `up`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from .errors import ReportedError


@dataclass(frozen=True)
class Source:
    config_key: str  # e.g. "modelarts:secretKey"
    env: str  # e.g. "HUAWEICLOUD_SDK_SK"
    field: str  # the client config field it fills
    secret: bool = False

    def describe(self) -> str:
        return f"{self.config_key} (or ${self.env})"


class SettingsError(ReportedError, ValueError):
    """A setting is missing; the message says which config key or variable to set."""


def read_sources(sources: Iterable[Source], get_config: Callable[[str], str | None],
                 env: Mapping[str, str] | None = None) -> dict[str, str]:
    """field -> value for every source that has a value."""
    env = os.environ if env is None else env
    values: dict[str, str] = {}
    for source in sources:
        value = get_config(source.config_key) or env.get(source.env)
        if value:
            values[source.field] = value
    return values


def require(cloud: str, sources: Iterable[Source], values: Mapping[str, str], fields: Iterable[str]) -> None:
    by_field = {s.field: s for s in sources}
    missing = [by_field[f].describe() for f in fields if f not in values]
    if missing:
        raise SettingsError(f"{cloud} provider is missing settings: " + ", ".join(missing))
