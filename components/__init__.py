"""Components that compose the resources into what teams reuse.

    from inference_iac.components import InferenceService, InferenceServiceArgs, DeploymentArgs
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    **{name: ".inference_service" for name in (
        "InferenceService", "InferenceServiceArgs", "DeploymentArgs", "ApiKeyArgs", "PrivateConnectionArgs",
        "ScalingRuleArgs", "CronRuleArgs", "CustomSpecArgs", "InferenceServiceArgsError")},
    **{name: ".canary" for name in ("CanaryRelease", "CanaryReleaseArgs", "GateArgs", "CanaryReleaseArgsError")},
    **{name: ".kubernetes" for name in ("KubernetesEndpoint", "KubernetesEndpointArgs", "KubernetesEndpointArgsError")},
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
