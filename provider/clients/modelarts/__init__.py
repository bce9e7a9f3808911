"""Huawei Cloud ModelArts real-time inference API client (no Pulumi imports)."""

from .api_keys import ApiKeyResponseError, ApiKeysApi, CreatedApiKey
from .client import ModelArtsClient
from .config import ClientConfig, endpoint_for_region
from .deployments import DeploymentsApi
from .errors import (
    AmbiguousMatchError,
    ApiError,
    AuthError,
    BadRequestError,
    ConflictError,
    ModelArtsError,
    NotFoundError,
    ServerError,
    ThrottledError,
    TransportError,
)
from .http import ModelArtsHttp
from .intranet_connections import IntranetConnectionsApi
from .scaling_rules import ScalingRulesApi
from .services import ServicesApi

__all__ = [
    "AmbiguousMatchError",
    "ApiError",
    "ApiKeyResponseError",
    "ApiKeysApi",
    "AuthError",
    "BadRequestError",
    "ClientConfig",
    "ConflictError",
    "CreatedApiKey",
    "DeploymentsApi",
    "IntranetConnectionsApi",
    "ModelArtsClient",
    "ModelArtsError",
    "ModelArtsHttp",
    "NotFoundError",
    "ServerError",
    "ScalingRulesApi",
    "ServicesApi",
    "ThrottledError",
    "TransportError",
    "endpoint_for_region",
]
