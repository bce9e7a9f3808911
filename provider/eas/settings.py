"""Where the PAI-EAS provider's connection settings come from (stack config wins over the environment)."""

from __future__ import annotations

import os
from typing import Callable, Mapping

from ..core.cloud import CloudApi
from ..core.settings import Source, read_sources, require
from .client import ClientConfig, EasClient

SOURCES = (
    Source("eas:region", "ALIBABA_CLOUD_REGION_ID", "region"),
    Source("eas:accessKeyId", "ALIBABA_CLOUD_ACCESS_KEY_ID", "access_key_id"),
    Source("eas:accessKeySecret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "access_key_secret", secret=True),
    Source("eas:endpoint", "EAS_ENDPOINT", "endpoint"),
)
REQUIRED = ("region", "access_key_id", "access_key_secret")


def client_config(values: Mapping[str, str]) -> ClientConfig:
    return ClientConfig(**values)


def resolve(get_config: Callable[[str], str | None], env: Mapping[str, str] | None = None) -> ClientConfig:
    """The client configuration from stack config (via `get_config`) and the environment."""
    values = read_sources(SOURCES, get_config, os.environ if env is None else env)
    require("PAI-EAS", SOURCES, values, REQUIRED)
    return client_config(values)


EAS = CloudApi("PAI-EAS", SOURCES, REQUIRED, lambda values: EasClient(client_config(values)))
