"""Sub-models shared by services and deployments."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from ...core.spec import PERCENT, Spec


class RollingUpdate(Spec):
    # Percentages of the replica count: surge rounds up, unavailable rounds
    # down. The platform default of 1% unavailable rounds down to zero for
    # fewer than 100 replicas, so by default no ready replica is ever removed
    # before its replacement is ready.
    max_surge: str = "1%"
    max_unavailable: str = "1%"

    @field_validator("max_surge", "max_unavailable")
    @classmethod
    def _percentage(cls, value: str) -> str:
        if value == "0%" or PERCENT.match(value):
            return value
        raise ValueError("must be a percentage string from 0% to 100%, e.g. '25%'")

    @model_validator(mode="after")
    def _can_progress(self) -> "RollingUpdate":
        if self.max_surge == "0%" and self.max_unavailable == "0%":
            raise ValueError("max_surge and max_unavailable cannot both be 0%: the upgrade could never progress")
        return self


class UpgradeConfig(Spec):
    type: Literal["ROLLING"] = "ROLLING"
    rolling_update: RollingUpdate = Field(default_factory=RollingUpdate)


class Tag(Spec):
    key: str = Field(min_length=1, max_length=128)
    value: str = Field(default="", max_length=256)

    @field_validator("key")
    @classmethod
    def _not_system(cls, value: str) -> str:
        if value.startswith("_sys_"):
            raise ValueError("must not start with '_sys_' (reserved for the platform)")
        return value
