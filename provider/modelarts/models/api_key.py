"""ApiKey: a bearer credential for real-time services, optionally bound to some of them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field

# SDK CreateApiKeyReq: 1-64 letters, Chinese characters, digits, '-' and '_'.
KEY_NAME = r"^[A-Za-z0-9\u4e00-\u9fa5_-]{1,64}$"
DESCRIPTION_FORBIDDEN = "!<>=&'\""


_NO_UPDATE = "API keys have no update API; a new {} means a new key (and a new secret value)"


class ApiKeySpec(Spec):
    name: str = spec_field(change=Action.REPLACE, why=_NO_UPDATE.format("name"), pattern=KEY_NAME)
    description: str = spec_field("", change=Action.REPLACE, why=_NO_UPDATE.format("description"), max_length=256)
    # USER: valid for every real-time service of the project, never bound;
    # SERVICE: valid only for the services listed in service_ids.
    scope: Literal["USER", "SERVICE"] = spec_field("SERVICE", change=Action.REPLACE, why=_NO_UPDATE.format("scope"))
    # The desired bindings, as a set: order carries no meaning. Bound and unbound in place.
    service_ids: list[str] = spec_field(default_factory=list, change=Action.UPDATE, api=False)

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
