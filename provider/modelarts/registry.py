"""The ModelArts v2 resources, by type token (the plugin host rebuilds providers from it), and their docs.

Tokens are part of every URN in users' stacks, so a resource's `module` and
`name` never change.
"""

from __future__ import annotations

from ..core.docgen import ResourceDoc
from ..core.registry import providers_by_type
from .ids import DEPLOYMENT_ID, SCALING_RULE_ID, TRAFFIC_SHIFT_ID
from .resources import (ApiKey, ApiKeyProvider, Deployment, DeploymentProvider, IntranetConnection,
                        IntranetConnectionProvider, ScalingRule, ScalingRuleProvider, Service, ServiceProvider,
                        TrafficShift, TrafficShiftProvider)

# (resource, provider, the id to import an existing one with)
RESOURCES = [
    (Service, ServiceProvider, "<service_id>"),
    (Deployment, DeploymentProvider, DEPLOYMENT_ID.shape),
    (IntranetConnection, IntranetConnectionProvider, "<connection_id>"),
    (ScalingRule, ScalingRuleProvider, SCALING_RULE_ID.shape),
    (ApiKey, ApiKeyProvider, "<key_id>"),
    (TrafficShift, TrafficShiftProvider, TRAFFIC_SHIFT_ID.shape),
]

PROVIDERS_BY_TYPE = providers_by_type((resource, provider) for resource, provider, _ in RESOURCES)


def resource_docs() -> list[ResourceDoc]:
    return [ResourceDoc("modelarts", provider.kind, resource, provider, import_id, "inference_iac.modelarts")
            for resource, provider, import_id in RESOURCES]
