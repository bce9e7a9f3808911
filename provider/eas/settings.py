"""Where the PAI-EAS provider's connection settings come from (stack config wins over the environment)."""

from __future__ import annotations

from typing import Callable, Mapping

from ..core.cloud import CloudApi
from ..core.settings import Source
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


EAS = CloudApi("PAI-EAS", SOURCES, REQUIRED, lambda values: EasClient(client_config(values)))


def resolve(get_config: Callable[[str], str | None], env: Mapping[str, str] | None = None) -> ClientConfig:
    """The client configuration from stack config (via `get_config`) and the environment."""
    return client_config(EAS.settings(get_config, env))
