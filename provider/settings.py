"""Where the provider's connection settings come from.

Stack config (`modelarts:*`) wins over environment variables, so a stack can
pin its region while CI supplies credentials through the environment. The
values are read when the provider process starts (in `configure`), never
captured into the serialized provider, so rotating a secret needs no `up`.
"""

from __future__ import annotations

import os
from typing import Callable, Mapping

from .clients.modelarts import ClientConfig

# (stack config key, environment variable, ClientConfig field)
SOURCES = (
    ("modelarts:endpoint", "MODELARTS_ENDPOINT", "endpoint"),
    ("modelarts:accessKey", "HUAWEICLOUD_SDK_AK", "access_key"),
    ("modelarts:secretKey", "HUAWEICLOUD_SDK_SK", "secret_key"),
    ("modelarts:projectId", "HUAWEICLOUD_SDK_PROJECT_ID", "project_id"),
    ("modelarts:region", "HUAWEICLOUD_SDK_REGION", "region"),
)
REQUIRED = ("access_key", "secret_key", "project_id")


class SettingsError(ValueError):
    """A setting is missing; the message says which config key or variable to set."""


def resolve(get_config: Callable[[str], str | None], env: Mapping[str, str] = os.environ) -> ClientConfig:
    values: dict[str, str] = {}
    for key, variable, field in SOURCES:
        value = get_config(key) or env.get(variable)
        if value:
            values[field] = value
    missing = [f"{key} (or ${variable})" for key, variable, field in SOURCES if field in REQUIRED and field not in values]
    if missing:
        raise SettingsError("ModelArts provider is missing settings: " + ", ".join(missing))
    if "endpoint" not in values and "region" not in values:
        raise SettingsError(
            "ModelArts provider needs modelarts:endpoint (or $MODELARTS_ENDPOINT) "
            "or modelarts:region (or $HUAWEICLOUD_SDK_REGION)"
        )
    return ClientConfig(**values)
