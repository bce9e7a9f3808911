"""Thin Pulumi glue: dynamic providers that wire models, planner, client and waiters together."""

from .deployment import Deployment, DeploymentProvider
from .service import Service, ServiceProvider

__all__ = ["Deployment", "DeploymentProvider", "Service", "ServiceProvider"]
