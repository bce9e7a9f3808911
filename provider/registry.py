"""Every dynamic resource this package ships, across clouds: by type token, and for the reference docs."""

from __future__ import annotations


def all_providers() -> dict[str, type]:
    from .eas.registry import PROVIDERS_BY_TYPE as EAS
    from .modelarts.registry import PROVIDERS_BY_TYPE as MODELARTS

    return {**MODELARTS, **EAS}


def resource_docs() -> list:
    from .eas.registry import resource_docs as eas
    from .modelarts.registry import resource_docs as modelarts

    return [*modelarts(), *eas()]
