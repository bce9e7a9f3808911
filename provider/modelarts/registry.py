"""The ModelArts v2 resources, by type token (the plugin host rebuilds providers from it).

Tokens are part of every URN in users' stacks, so a resource's `module` and
`name` never change.
"""

from __future__ import annotations

from ..core.registry import providers_by_type
from .resources import (ApiKey, ApiKeyProvider, Deployment, DeploymentProvider, IntranetConnection,
                        IntranetConnectionProvider, ScalingRule, ScalingRuleProvider, Service, ServiceProvider,
                        TrafficShift, TrafficShiftProvider)

PROVIDERS_BY_TYPE = providers_by_type([
    (Service, ServiceProvider),
    (Deployment, DeploymentProvider),
    (IntranetConnection, IntranetConnectionProvider),
    (ScalingRule, ScalingRuleProvider),
    (ApiKey, ApiKeyProvider),
    (TrafficShift, TrafficShiftProvider),
])
