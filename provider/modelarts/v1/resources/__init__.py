"""Thin Pulumi adapters of the v1 resources: dynamic resources whose providers hand everything to the reconcilers."""

from .model import Model, ModelProvider
from .service import Service, ServiceProvider

__all__ = ["Model", "ModelProvider", "Service", "ServiceProvider"]
