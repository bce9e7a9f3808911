"""ApiKey: a bearer credential for real-time services, optionally bound to some of them."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field

# SDK CreateApiKeyReq: 1-64 letters, Chinese characters, digits, '-' and '_'.
KEY_NAME = r"^[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}$"
DESCRIPTION_FORBIDDEN = "!<>=&'\""


_NO_UPDATE = "API keys have no update API; a new {} means a new key (and a new secret value)"


class ApiKeySpec(Spec):
    unlisted_change: ClassVar[Action] = Action.REPLACE

    name: str = spec_field(change=Action.REPLACE, why=_NO_UPDATE.format("name"), pattern=KEY_NAME)
    """Name of the key; no two keys may share it until one of them is deleted."""
    description: str = spec_field("", change=Action.REPLACE, why=_NO_UPDATE.format("description"), max_length=256)
    """Free text about the key; it must not contain ! < > = & or quotes."""
    scope: Literal["USER", "SERVICE"] = spec_field("SERVICE", change=Action.REPLACE, why=_NO_UPDATE.format("scope"))
    """Where the key is valid: USER for every real-time service of the project, with no bindings; SERVICE only
    for the services it is bound to (service_ids)."""
    service_ids: list[str] = spec_field(default_factory=list, change=Action.UPDATE, api=False)
    """IDs of the services the provider binds the key to, and unbinds it from when removed; a set, so order does
    not matter and an ID may appear once. Only for scope SERVICE; the services must use auth_type API_KEY."""

    @field_validator("description")
    @classmethod
    def _allowed_characters(cls, value: str) -> str:
        if any(ch in DESCRIPTION_FORBIDDEN for ch in value):
            raise ValueError("must not contain any of ! < > = & ' \"")
        return value

    @field_validator("service_ids")
    @classmethod
    def _distinct_ids(cls, value: list[str]) -> list[str]:
        if any(not isinstance(v, str) or not v.strip() for v in value):
            raise ValueError("every service id must be a non-empty string")
        if len(set(value)) != len(value):
            raise ValueError("must not list the same service twice")
        return sorted(value)

    @model_validator(mode="after")
    def _bindings_need_service_scope(self) -> "ApiKeySpec":
        if self.scope == "USER" and self.service_ids:
            raise ValueError("service_ids: a USER-scope key is valid for every service and cannot be bound; "
                             "use scope SERVICE to limit it to the listed services")
        return self

    def create_body(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description or None, "scope": self.scope}

    @classmethod
    def from_api(cls, live: dict[str, Any]) -> "ApiKeySpec":
        """Project an ApiKeyResponseV2 (list item) onto the spec shape."""
        flat = {**live, "service_ids": [s["id"] for s in live.get("services") or [] if s.get("id")]}
        return cls.project(flat)
