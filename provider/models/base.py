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
        """Build the model from an API response, ignoring fields it does not declare.

        A live value the model would reject (a status or enum the platform
        added, a server default out of the user-facing range) is dropped
        rather than allowed to break planning; it then reads as unset.
        """
        known = _known_fields(cls, data or {})
        for _ in range(20):
            try:
                return cls.model_validate(known)
            except ValidationError as error:
                if not _drop_invalid(known, error):
                    raise
        return cls.model_validate(known)


def no_angle_brackets(cls, value: str) -> str:
    """Descriptions may not carry markup: the API rejects '<' and '>'."""
    if "<" in value or ">" in value:
        raise ValueError("must not contain '<' or '>'")
    return value


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


def _drop_invalid(data: dict[str, Any], error: ValidationError) -> bool:
    """Remove the values an error points at; False when nothing could be removed."""
    dropped = False
    for item in error.errors():
        loc = [part for part in item["loc"] if not isinstance(part, str) or part in _keys_along(data, item["loc"])]
        node: Any = data
        for part in loc[:-1]:
            node = node[part] if isinstance(node, (dict, list)) else None
            if node is None:
                break
        if isinstance(node, dict) and loc and loc[-1] in node:
            del node[loc[-1]]
            dropped = True
        elif isinstance(node, list) and loc and isinstance(loc[-1], int) and loc[-1] < len(node):
            node.pop(loc[-1])
            dropped = True
    return dropped


def _keys_along(data: Any, loc: tuple) -> set[str]:
    """Every dict key on the path, so validator-added loc parts can be skipped."""
    keys: set[str] = set()
    node = data
    for part in loc:
        if isinstance(node, dict):
            keys.update(node.keys())
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
    return keys


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
