"""Service: the stable entry point (URL, auth, limits) that deployments serve behind."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import Spec
from .common import Tag, UpgradeConfig

SERVICE_NAME = r"^[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}$"


class RateLimit(Spec):
    num: int = Field(ge=1, le=10000)
    unit: Literal["SECONDS", "MINUTES"] = "SECONDS"


class ServiceInvoke(Spec):
    port: int = Field(default=8080, ge=1, le=65535)
    protocol: Literal["HTTP", "HTTPS", "WS", "WSS"] = "HTTPS"
    auth_type: Literal["API_KEY", "TOKEN", "NONE"] = "API_KEY"
    internet_access_enable: bool | None = None
    intranet_approval_enable: bool | None = None


class ServiceLimit(Spec):
    rate_limit: RateLimit = Field(default_factory=lambda: RateLimit(num=100))
    request_size_limit: int = Field(default=12, ge=1, le=50)  # MB
    request_timeout: int = Field(default=60, ge=1, le=7200)  # seconds


class RuntimeConfig(Spec):
    service_invoke: ServiceInvoke = Field(default_factory=ServiceInvoke)
    service_limit: ServiceLimit = Field(default_factory=ServiceLimit)


class ServiceSpec(Spec):
    name: str = Field(pattern=SERVICE_NAME)
    type: Literal["REAL_TIME", "ASYNC_REAL_TIME"] = "REAL_TIME"
    deploy_type: Literal["SINGLE", "MULTI"] = "SINGLE"
    description: str = Field(default="", max_length=512)
    workspace_id: str = "0"
    runtime_config: RuntimeConfig = Field(default_factory=RuntimeConfig)
    upgrade_config: UpgradeConfig | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=20)

    @field_validator("description")
    @classmethod
    def _no_angle_brackets(cls, value: str) -> str:
        if "<" in value or ">" in value:
            raise ValueError("must not contain '<' or '>'")
        return value

    @model_validator(mode="after")
    def _async_protocols(self) -> "ServiceSpec":
        if self.type == "ASYNC_REAL_TIME" and self.runtime_config.service_invoke.protocol not in ("HTTP", "HTTPS"):
            raise ValueError("runtime_config.service_invoke.protocol: asynchronous services accept only HTTP or HTTPS")
        return self

    def create_body(self) -> dict[str, Any]:
        # Deployments are separate resources, so the service starts without any.
        return {**self.body(), "group_configs": []}

    def update_body(self) -> dict[str, Any]:
        body = self.body()
        for immutable in ("type", "deploy_type", "workspace_id"):
            body.pop(immutable, None)
        body.pop("tags", None)  # the update API types tags as a string; tags change through create only for now
        return body

    @classmethod
    def from_api(cls, live: dict[str, Any]) -> "ServiceSpec":
        """Project a GET response onto the create-body shape (see the field mapping in the API reference)."""
        version = live.get("version") or {}
        flat = {
            **live,
            "description": version.get("description", ""),
            "runtime_config": version.get("runtime_config"),
            "upgrade_config": version.get("upgrade_config"),
        }
        return cls.project(flat)
