"""Thin Pulumi adapters: dynamic resources whose providers hand everything to the reconcilers."""

from .api_key import ApiKey, ApiKeyProvider
from .deployment import Deployment, DeploymentProvider
from .gateway import Gateway, GatewayProvider
from .intranet_connection import IntranetConnection, IntranetConnectionProvider
from .scaling_rule import ScalingRule, ScalingRuleProvider
from .service import Service, ServiceProvider
from .traffic_shift import TrafficShift, TrafficShiftProvider

__all__ = ["ApiKey", "ApiKeyProvider", "Deployment", "DeploymentProvider", "Gateway", "GatewayProvider",
           "IntranetConnection", "IntranetConnectionProvider", "ScalingRule", "ScalingRuleProvider", "Service",
           "ServiceProvider", "TrafficShift", "TrafficShiftProvider"]
