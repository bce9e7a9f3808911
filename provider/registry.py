"""Every dynamic resource this package ships, across clouds: by type token, and for the reference docs."""

from __future__ import annotations


def all_providers() -> dict[str, type]:
    from .eas.registry import PROVIDERS_BY_TYPE as EAS
    from .modelarts.registry import PROVIDERS_BY_TYPE as MODELARTS
    from .modelarts.v1.registry import PROVIDERS_BY_TYPE as MODELARTS_V1

    return {**MODELARTS, **MODELARTS_V1, **EAS}


def resource_docs() -> list:
    from .eas.registry import resource_docs as eas
    from .modelarts.registry import resource_docs as modelarts
    from .modelarts.v1.registry import resource_docs as modelarts_v1

    return [*modelarts(), *modelarts_v1(), *eas()]
