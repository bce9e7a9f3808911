"""Thin Pulumi glue: dynamic providers that wire models, planner, client and waiters together."""

from .api_key import ApiKey, ApiKeyProvider
from .deployment import Deployment, DeploymentProvider
from .intranet_connection import IntranetConnection, IntranetConnectionProvider
from .scaling_rule import ScalingRule, ScalingRuleProvider
from .service import Service, ServiceProvider
from .traffic_shift import TrafficShift, TrafficShiftProvider

# Type token -> provider class; the plugin host uses it to serve `import_`.
PROVIDERS_BY_TYPE = {
    "pulumi-python:dynamic/modelarts:Service": ServiceProvider,
    "pulumi-python:dynamic/modelarts:Deployment": DeploymentProvider,
    "pulumi-python:dynamic/modelarts:IntranetConnection": IntranetConnectionProvider,
    "pulumi-python:dynamic/modelarts:ScalingRule": ScalingRuleProvider,
    "pulumi-python:dynamic/modelarts:ApiKey": ApiKeyProvider,
    "pulumi-python:dynamic/modelarts:TrafficShift": TrafficShiftProvider,
}

__all__ = ["PROVIDERS_BY_TYPE", "ApiKey", "ApiKeyProvider", "Deployment", "DeploymentProvider", "IntranetConnection", "IntranetConnectionProvider", "ScalingRule", "ScalingRuleProvider", "Service", "ServiceProvider", "TrafficShift", "TrafficShiftProvider"]
