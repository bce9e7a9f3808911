"""Shared plumbing for the resource models.

`Spec` models describe desired state with the management API's own field
names, so a validated spec dumps straight into a request body. The same model
projected from an API response gives the live state in the same shape, which
is what the planner compares.
"""

from __future__ import annotations

import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError

PERCENT = re.compile(r"^(100|[1-9][0-9]?)%$")


class Spec(BaseModel):
    """Strict about unknown fields so a typo fails `check` instead of being ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def body(self) -> dict[str, Any]:
        """Request body: unset optional fields are left out, as the SDK does."""
        return self.model_dump(mode="json", exclude_none=True)

    @classmethod
    def project(cls, data: dict[str, Any] | None):
        """Build the model from an API response, ignoring fields it does not declare."""
        return cls.model_validate(_known_fields(cls, data or {}))


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The Spec class inside `X`, `X | None` or `list[X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _known_fields(cls: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        key = field.alias or name
        if key not in data or data[key] is None:
            continue
        value = data[key]
        inner = _model_of(field.annotation)
        if inner is not None and get_origin(field.annotation) is not dict:
            if isinstance(value, list):
                value = [_known_fields(inner, v) if isinstance(v, dict) else v for v in value]
            elif isinstance(value, dict):
                value = _known_fields(inner, value)
        kept[key] = value
    return kept


def describe_errors(error: ValidationError) -> list[tuple[str, str]]:
    """(field path, rule) pairs, e.g. ("unit_configs.0.count", "must be <= 128")."""
    out = []
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"]) or "(inputs)"
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        out.append((path, message))
    return out
