"""Deployment: a versioned group of identical replicas serving behind a service."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from .base import Spec
from .common import UpgradeConfig

UNIT_NAME = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
ENV_KEY = r"^[A-Za-z_.-][A-Za-z0-9_.-]{0,63}$"


class Image(Spec):
    source: Literal["SWR", "IMAGE"] = "SWR"
    swr_path: str = Field(min_length=1)


class UnitConfig(Spec):
    image: Image
    flavor: str | None = None
    name: str | None = Field(default=None, max_length=16, pattern=UNIT_NAME)
    cmd: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    envs: dict[str, str] = Field(default_factory=dict)

    @field_validator("envs")
    @classmethod
    def _env_names(cls, envs: dict[str, str]) -> dict[str, str]:
        import re

        for key, value in envs.items():
            if not re.match(ENV_KEY, key):
                raise ValueError(f"env name {key!r} must be 1-64 of [A-Za-z0-9_.-] and not start with a digit")
            if any(ch in value for ch in "<^>"):
                raise ValueError(f"env {key!r} must not contain '<', '^' or '>'")
        return envs


class AdvancedConfig(Spec):
    port: int = Field(default=8080, ge=1, le=65535)
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS", "TCP", "NA"] = "HTTP"
    upgrade_config: UpgradeConfig = Field(default_factory=UpgradeConfig)
    deploy_timeout_minutes: int | None = Field(default=None, ge=1, le=300)


class DeploymentSpec(Spec):
    service_id: str = Field(min_length=1)
    name: str = Field(min_length=1, max_length=64)
    count: int = Field(default=1, ge=1, le=128)
    weight: int = Field(default=100, ge=0, le=100)
    pool_id: str | None = None
    framework: Literal["COMMON", "VLLM", "MINDIE"] = "COMMON"
    description: str = Field(default="", max_length=512)
    unit_configs: list[UnitConfig] = Field(min_length=1)
    advanced_config: AdvancedConfig = Field(default_factory=AdvancedConfig)

    def create_body(self) -> dict[str, Any]:
        body = self.body()
        body.pop("service_id")
        return body

    def update_body(self) -> dict[str, Any]:
        # PUT replaces unit_configs wholesale and needs name, weight and advanced_config.
        return self.create_body()

    @classmethod
    def from_api(cls, service_id: str, live: dict[str, Any]) -> "DeploymentSpec":
        return cls.project({**live, "service_id": service_id})
