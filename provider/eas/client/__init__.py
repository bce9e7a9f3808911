"""Alibaba Cloud PAI-EAS management API client (API 2021-07-01; no Pulumi imports).

Errors are the core's neutral classes (`inference_iac.core.errors`).
"""

from .client import EasClient
from .config import ClientConfig, endpoint_for_region
from .gateways import GatewaysApi
from .groups import GroupsApi
from .http import EasHttp
from .scalers import ScalersApi
from .services import ServicesApi

__all__ = ["ClientConfig", "EasClient", "EasHttp", "GatewaysApi", "GroupsApi", "ScalersApi", "ServicesApi",
           "endpoint_for_region"]
