"""Huawei Cloud ModelArts management API client (no Pulumi imports).

Errors are the core's neutral classes (`inference_iac.core.errors`).
"""

from .api_keys import ApiKeyResponseError, ApiKeysApi, CreatedApiKey
from .client import ModelArtsClient
from .config import ClientConfig, endpoint_for_region
from .deployments import DeploymentsApi
from .http import ModelArtsHttp
from .intranet_connections import IntranetConnectionsApi
from .scaling_rules import ScalingRulesApi
from .services import ServicesApi

__all__ = [
    "ApiKeyResponseError",
    "ApiKeysApi",
    "ClientConfig",
    "CreatedApiKey",
    "DeploymentsApi",
    "IntranetConnectionsApi",
    "ModelArtsClient",
    "ModelArtsHttp",
    "ScalingRulesApi",
    "ServicesApi",
    "endpoint_for_region",
]
