"""ModelArts v1: the old services API (`/v1/{project_id}/services`) and its model registry, on the same core.

    from inference_iac.modelarts.v1 import Model, Service

The resources are loaded on first use, so the Pulumi-free layers below them
(`client`, `models`, `planner`, `reconcilers`) import without Pulumi.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_PUBLIC = {
    "Model": ".resources.model",
    "Service": ".resources.service",
    "ModelArgs": ".args",
    "ServiceArgs": ".args",
}

__all__ = sorted(_PUBLIC)

if TYPE_CHECKING:
    from .args import ModelArgs, ServiceArgs
    from .resources.model import Model
    from .resources.service import Service


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
