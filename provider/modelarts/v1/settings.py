"""Where the v1 provider's connection settings come from: the same `modelarts:*` stack config keys and
environment variables as the v2 provider (one account, one region, two APIs)."""

from __future__ import annotations

from ...core.cloud import CloudApi
from ..settings import REQUIRED, SOURCES, client_config
from .client import ModelArtsV1Client

MODELARTS_V1 = CloudApi("ModelArts", SOURCES, REQUIRED, lambda values: ModelArtsV1Client(client_config(values)))
