"""Helpers shared by test modules (pytest puts this directory on sys.path)."""

from __future__ import annotations

from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from provider.clients.modelarts import ClientConfig, ModelArtsClient


def configured(provider, emulator):
    """`provider` configured through stack config, as the engine would, to talk to `emulator`."""
    provider.configure(ConfigureRequest(Config({
        "modelarts:endpoint": emulator.endpoint,
        "modelarts:accessKey": emulator.access_key,
        "modelarts:secretKey": emulator.secret_key,
        "modelarts:projectId": emulator.project_id,
    }, "test")))
    return provider


def api_client(emulator) -> ModelArtsClient:
    """This repo's API client pointed at `emulator`, for arranging and checking cloud state."""
    return ModelArtsClient(ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key,
                                        secret_key=emulator.secret_key, project_id=emulator.project_id))
