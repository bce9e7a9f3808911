"""Fixtures shared by the suites that need a running emulator."""

from __future__ import annotations

import pytest

from inference_iac.emulator.testing import RunningEmulator


@pytest.fixture(scope="module")
def live_emulator(tmp_path_factory):
    """A real emulator process (separate from the test process), fast to become ready."""
    with RunningEmulator(tmp_path_factory.mktemp("emulator-data"), ready_delay=0.5) as emulator:
        yield emulator


@pytest.fixture
def provider_env(live_emulator, monkeypatch):
    """Point the provider at the emulator through the documented environment variables."""
    env = live_emulator.provider_env()
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def sdk_client(live_emulator):
    """The official Huawei SDK client, unchanged, pointed at the emulator."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkmodelarts.v1 import ModelArtsClient

    credentials = BasicCredentials(live_emulator.access_key, live_emulator.secret_key, live_emulator.project_id)
    return ModelArtsClient.new_builder().with_credentials(credentials).with_endpoint(live_emulator.endpoint).build()


@pytest.fixture
def api(live_emulator):
    """This repo's API client on the test emulator, for arranging and checking cloud state."""
    from support import api_client

    with api_client(live_emulator) as client:
        yield client
