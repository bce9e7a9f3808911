"""The PAI-EAS resources, by type token (the plugin host rebuilds providers from it), and their docs.

Tokens are part of every URN in users' stacks, so a resource's `module` and
`name` never change.
"""

from __future__ import annotations

from ..core.docgen import ResourceDoc
from ..core.registry import providers_by_type
from .ids import (API_KEY_ID, DEPLOYMENT_ID, GATEWAY_ID, INTRANET_CONNECTION_ID, SCALING_RULE_ID, SERVICE_ID,
                  TRAFFIC_SHIFT_ID)
from .resources import (ApiKey, ApiKeyProvider, Deployment, DeploymentProvider, Gateway, GatewayProvider,
                        IntranetConnection, IntranetConnectionProvider, ScalingRule, ScalingRuleProvider, Service,
                        ServiceProvider, TrafficShift, TrafficShiftProvider)

# (resource, provider, the id to import an existing one with)
RESOURCES = [
    (Service, ServiceProvider, SERVICE_ID.shape),
    (Deployment, DeploymentProvider, DEPLOYMENT_ID.shape),
    (Gateway, GatewayProvider, GATEWAY_ID.shape),
    (IntranetConnection, IntranetConnectionProvider, INTRANET_CONNECTION_ID.shape),
    (ScalingRule, ScalingRuleProvider, SCALING_RULE_ID.shape),
    (ApiKey, ApiKeyProvider, API_KEY_ID.shape),
    (TrafficShift, TrafficShiftProvider, TRAFFIC_SHIFT_ID.shape),
]

PROVIDERS_BY_TYPE = providers_by_type((resource, provider) for resource, provider, _ in RESOURCES)


def resource_docs() -> list[ResourceDoc]:
    return [ResourceDoc("eas", provider.kind, resource, provider, import_id, "inference_iac.eas")
            for resource, provider, import_id in RESOURCES]
