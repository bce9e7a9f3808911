"""Alibaba Cloud PAI-EAS (API 2021-07-01): Pulumi resources and everything beneath them.

    from inference_iac.eas import Service, Deployment

The resources are loaded on first use, so the Pulumi-free layers below them
(`client`, `models`, `planner`, `waiters`, `reconcilers`) import without Pulumi.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_PUBLIC = {
    "Service": ".resources.service",
    "Deployment": ".resources.deployment",
    "ApiKey": ".resources.api_key",
    "Gateway": ".resources.gateway",
    "IntranetConnection": ".resources.intranet_connection",
    "ScalingRule": ".resources.scaling_rule",
    "TrafficShift": ".resources.traffic_shift",
}

_ARGS = ("ServiceArgs", "DeploymentArgs", "ApiKeyArgs", "GatewayArgs", "IntranetConnectionArgs", "ScalingRuleArgs",
         "TrafficShiftArgs")
_PUBLIC.update({name: ".args" for name in _ARGS})

__all__ = sorted(_PUBLIC)

if TYPE_CHECKING:
    from .args import (ApiKeyArgs, DeploymentArgs, GatewayArgs, IntranetConnectionArgs, ScalingRuleArgs,
                       ServiceArgs, TrafficShiftArgs)
    from .resources.api_key import ApiKey
    from .resources.deployment import Deployment
    from .resources.gateway import Gateway
    from .resources.intranet_connection import IntranetConnection
    from .resources.scaling_rule import ScalingRule
    from .resources.service import Service
    from .resources.traffic_shift import TrafficShift


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
