"""Values not known until apply (outputs of resources still to be created): recognised, never judged."""

from __future__ import annotations

from typing import Any

from pulumi.output import Output, Unknown
from pulumi.runtime.rpc import UNKNOWN
from pydantic import BaseModel, ValidationError

from .spec import describe_errors


def is_unknown(value: Any) -> bool:
    """Depending on how it arrives, an unknown is the wire sentinel, an `Unknown`
    instance, or (in a program, or when it carries dependencies) an `Output`."""
    return isinstance(value, (Output, Unknown)) or (isinstance(value, str) and value == UNKNOWN)


def has_unknowns(value: Any) -> bool:
    if isinstance(value, dict):
        return any(has_unknowns(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(has_unknowns(v) for v in value)
    return is_unknown(value)


def path_parts(path: str) -> list[str | int]:
    """`unit_configs[0].image` -> ["unit_configs", 0, "image"]."""
    parts: list[str | int] = []
    for piece in path.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        if name:
            parts.append(name)
        parts += [int(i) for i in indexes if i.isdigit()]
    return parts


def points_at_unknown(inputs: Any, path: str) -> bool:
    node = inputs
    for part in path_parts(path):
        if is_unknown(node):
            return True
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return False
    return has_unknowns(node)


def known_problems(model: type[BaseModel], inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, rule) for every validation failure that is not about an unknown value."""
    try:
        model.model_validate(inputs)
    except ValidationError as error:
        return [(path, rule) for path, rule in describe_errors(error) if not points_at_unknown(inputs, path)]
    return []
