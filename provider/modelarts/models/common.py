"""Sub-models shared by services and deployments."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from ...core.rollout import RolloutShape, surge_of, unavailable_of
from ...core.spec import PERCENT, Spec


def not_blank(value: str) -> str:
    """A value the platform needs must hold more than whitespace."""
    if not value.strip():
        raise ValueError("must not be blank (only whitespace)")
    return value


def not_blank_if_set(value: str | None) -> str | None:
    return None if value is None else not_blank(value)


# A string the platform needs a value in: empty or whitespace-only is refused. (An optional
# field with length limits uses `str | None` and `not_blank_if_set`, so pydantic's length
# messages stay about characters.)
NonBlank = Annotated[str, AfterValidator(not_blank)]


class RollingUpdate(Spec):
    max_surge: str = "1%"
    """Replicas a rolling upgrade may start on top of the wanted count, as a percentage of it ('0%' to '100%'),
    rounded up to whole replicas. Cannot be 0% while max_unavailable is 0% too."""
    max_unavailable: str = "1%"
    """Replicas a rolling upgrade may take out of service at once, as a percentage of the wanted count ('0%' to
    '100%') rounded down, so 1% of fewer than 100 replicas means none. A first deployment also counts as
    running with that many replicas missing."""

    @field_validator("max_surge", "max_unavailable")
    @classmethod
    def _percentage(cls, value: str) -> str:
        if value == "0%" or PERCENT.match(value):
            return value
        raise ValueError("must be a percentage string from 0% to 100%, e.g. '25%'")

    @model_validator(mode="after")
    def _can_progress(self) -> "RollingUpdate":
        if self.max_surge == "0%" and self.max_unavailable == "0%":
            raise ValueError("max_surge: cannot be 0% while max_unavailable is 0% too: the upgrade could never "
                             "progress")
        return self


def _percent(value: str) -> int:
    return int(value.rstrip("%"))


def rollout_shape(replicas: int, rolling: RollingUpdate) -> RolloutShape:
    """The shape of a rolling upgrade of `replicas` (`core.rollout`); the platform rounds max surge up and
    max unavailable down (domain spec §3.1)."""
    return RolloutShape(replicas=replicas, surge=surge_of(replicas, _percent(rolling.max_surge)),
                        unavailable=unavailable_of(replicas, _percent(rolling.max_unavailable)))


class UpgradeConfig(Spec):
    type: Literal["ROLLING"] = "ROLLING"
    """Upgrade strategy: ROLLING (replicas replaced a few at a time) is the only one."""
    rolling_update: RollingUpdate = Field(default_factory=RollingUpdate)
    """Pace of a rolling upgrade: how far the replica count may go above and below the wanted count."""


class Tag(Spec):
    key: NonBlank = Field(min_length=1, max_length=128)
    """Tag key, unique within the service and not blank; it may not start with `_sys_` (reserved for the
    platform)."""
    value: str = Field(default="", max_length=256)
    """Tag value; may be empty."""

    @field_validator("key")
    @classmethod
    def _not_system(cls, value: str) -> str:
        if value.startswith("_sys_"):
            raise ValueError("must not start with '_sys_' (reserved for the platform)")
        return value
