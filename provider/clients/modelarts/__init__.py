"""Huawei Cloud ModelArts real-time inference API client (no Pulumi imports)."""

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
from .services import ServicesApi

__all__ = [
    "AmbiguousMatchError",
    "ApiError",
    "AuthError",
    "BadRequestError",
    "ClientConfig",
    "ConflictError",
    "DeploymentsApi",
    "ModelArtsClient",
    "ModelArtsError",
    "ModelArtsHttp",
    "NotFoundError",
    "ServerError",
    "ServicesApi",
    "ThrottledError",
    "TransportError",
    "endpoint_for_region",
]
