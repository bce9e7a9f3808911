"""What a cloud API plugs into the core: its settings sources and how to build its client."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .settings import Source, read_sources, require


@dataclass(frozen=True)
class CloudApi:
    """One management API: `label` names it in messages ("ModelArts", "PAI-EAS")."""

    label: str
    sources: tuple[Source, ...]
    required: tuple[str, ...]
    # Settings (field -> value) -> a client; raises SettingsError for a bad combination.
    build_client: Callable[[dict[str, str]], Any]
    _cache: dict[tuple, Any] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def settings(self, get_config: Callable[[str], str | None], env: Mapping[str, str] | None = None) -> dict[str, str]:
        values = read_sources(self.sources, get_config, env)
        require(self.label, self.sources, values, self.required)
        return values

    def client(self, get_config: Callable[[str], str | None], env: Mapping[str, str] | None = None) -> Any:
        """One client per distinct settings, shared by the provider's threads."""
        values = self.settings(get_config, env)
        key = tuple(sorted(values.items()))
        with self._lock:
            if key not in self._cache:
                self._cache[key] = self.build_client(values)
            return self._cache[key]

    def config_keys(self) -> list[str]:
        return [s.config_key for s in self.sources]
