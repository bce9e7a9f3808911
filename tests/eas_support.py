"""Helpers for the PAI-EAS test modules (pytest puts this directory on sys.path)."""

from __future__ import annotations

import itertools
import time

from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from inference_iac.eas.client import ClientConfig, EasClient

REGION = "cn-shanghai"


def eas_config(emulator, **extra) -> ClientConfig:
    return ClientConfig(region=REGION, access_key_id=emulator.access_key, access_key_secret=emulator.secret_key,
                        endpoint=emulator.endpoint, retry_backoff_seconds=0, **extra)


def eas_client(emulator) -> EasClient:
    """This repo's EAS client pointed at `emulator`, for arranging and checking cloud state."""
    return EasClient(eas_config(emulator))


def eas_configured(provider, emulator):
    """`provider` configured through stack config, as the engine would, to talk to `emulator`."""
    provider.configure(ConfigureRequest(Config({
        "eas:region": REGION,
        "eas:endpoint": emulator.endpoint,
        "eas:accessKeyId": emulator.access_key,
        "eas:accessKeySecret": emulator.secret_key,
    }, "test")))
    return provider


def service_json(name: str, group: str, image: str = "registry.example/app:1", instance: int = 1, **extra) -> dict:
    body = {"name": name, "metadata": {"group": group, "instance": instance, "cpu": 1, "memory": 1000},
            "containers": [{"image": image, "port": 8000}]}
    body.update(extra)
    return body


def wait_status(api: EasClient, name: str, status: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        live = api.services.get(name)
        if live["Status"] == status:
            return live
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} is {live['Status']}, not {status}")
        time.sleep(0.1)


def deterministic_tokens(monkeypatch=None, prefix: str = "test"):
    """Token values from a counter (recorded bodies must not depend on chance)."""
    from inference_iac.eas.reconcilers import api_key

    counter = itertools.count(1)
    factory = lambda: f"{prefix}-token-{next(counter):04d}-abcdefghijklmnopqrstuvwxyz"  # noqa: E731
    if monkeypatch is not None:
        monkeypatch.setattr(api_key, "new_token", factory)
    else:
        api_key.new_token = factory
    return factory
