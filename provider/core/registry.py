"""Type tokens of dynamic resources, derived from the resource classes themselves."""

from __future__ import annotations

from typing import Iterable


def type_token(resource_cls: type) -> str:
    """`pulumi-python:dynamic/<module>:<Name>`, exactly as the Pulumi SDK registers the resource."""
    return f"pulumi-python:{resource_cls._resource_type_name}"


def type_in_urn(urn: str) -> str:
    """The resource's own type token in its URN: `urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`."""
    parts = urn.split("::")
    return parts[2].rsplit("$", 1)[-1] if len(parts) >= 4 else ""


def providers_by_type(pairs: Iterable[tuple[type, type]]) -> dict[str, type]:
    return {type_token(resource): provider for resource, provider in pairs}
