"""Helpers for the PAI-EAS end-to-end tests (tests/e2e is on sys.path, as for conftest)."""

from __future__ import annotations

from typing import Any

from eas_support import REGION, eas_client  # noqa: F401 - re-exported for the test modules


def outputs(result) -> dict[str, Any]:
    """Plain stack outputs of an up (secrets unwrapped)."""
    return {key: value.value for key, value in result.outputs.items()}


def state_text(runner) -> str:
    """Everything the stack's file backend holds, as text."""
    return "".join(p.read_text(errors="ignore") for p in runner.state_dir.rglob("*") if p.is_file())


def official_sdk(emulator):
    """The official PAI-EAS SDK client (alibabacloud-eas20210701), unchanged, pointed at the emulator."""
    from alibabacloud_eas20210701.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    return Client(open_api_models.Config(access_key_id=emulator.access_key, access_key_secret=emulator.secret_key,
                                         endpoint=f"{emulator.host}:{emulator.port}", protocol="http",
                                         region_id=REGION))


def service_names(eas, prefix: str) -> list[str]:
    """Names of the region's EAS services that start with `prefix`."""
    return sorted(s["ServiceName"] for s in eas.services.list_all() if str(s["ServiceName"]).startswith(prefix))


def member_json(name: str, group: str, image: str = "registry.example/legacy:1", log_level: str = "info",
                instances: int = 1) -> dict:
    """A service JSON as the e2e projects declare their members (for services made out of band)."""
    return {"name": name, "metadata": {"group": group, "instance": instances, "cpu": 1, "memory": 1000},
            "containers": [{"image": image, "port": 8000, "env": [{"name": "LOG_LEVEL", "value": log_level}]}]}


def recorded_outputs(runner, kind: str, name: str) -> dict[str, Any]:
    """The outputs the state records for the EAS resource `kind` (e.g. "Service") called `name`."""
    deployment = runner.stack().export_stack().deployment or {}
    for resource in deployment.get("resources") or []:
        if resource.get("type") == f"pulumi-python:dynamic/eas:{kind}" and resource["urn"].endswith(f"::{name}"):
            return resource.get("outputs") or {}
    raise AssertionError(f"no {kind} {name} in the state")
