"""Where the ModelArts provider's connection settings come from (stack config wins over the environment)."""

from __future__ import annotations

from typing import Callable, Mapping

from ..core.cloud import CloudApi
from ..core.settings import SettingsError, Source
from .client import ClientConfig, ModelArtsClient

SOURCES = (
    Source("modelarts:endpoint", "MODELARTS_ENDPOINT", "endpoint"),
    Source("modelarts:accessKey", "HUAWEICLOUD_SDK_AK", "access_key"),
    Source("modelarts:secretKey", "HUAWEICLOUD_SDK_SK", "secret_key", secret=True),
    Source("modelarts:projectId", "HUAWEICLOUD_SDK_PROJECT_ID", "project_id"),
    Source("modelarts:region", "HUAWEICLOUD_SDK_REGION", "region"),
)
REQUIRED = ("access_key", "secret_key", "project_id")


def client_config(values: Mapping[str, str]) -> ClientConfig:
    if not values.get("endpoint") and not values.get("region"):
        raise SettingsError("ModelArts provider needs modelarts:endpoint (or $MODELARTS_ENDPOINT) "
                            "or modelarts:region (or $HUAWEICLOUD_SDK_REGION)")
    return ClientConfig(**values)


MODELARTS = CloudApi("ModelArts", SOURCES, REQUIRED, lambda values: ModelArtsClient(client_config(values)))


def resolve(get_config: Callable[[str], str | None], env: Mapping[str, str] | None = None) -> ClientConfig:
    """The client configuration from stack config (via `get_config`) and the environment."""
    return client_config(MODELARTS.settings(get_config, env))
