"""Every dynamic resource this package ships, by type token, across clouds."""

from __future__ import annotations


def all_providers() -> dict[str, type]:
    from .modelarts.registry import PROVIDERS_BY_TYPE as MODELARTS

    return {**MODELARTS}
