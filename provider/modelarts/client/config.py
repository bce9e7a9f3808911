"""Connection settings of the ModelArts client and endpoint resolution."""

from __future__ import annotations

from pydantic import Field, SecretStr

from ...core.transport import RetrySettings, normalized_endpoint

# The SDK's ModelArtsRegion table. Every region follows the same pattern
# except ap-southeast-1, which lives under the .cn domain.
_DEFAULT_DOMAIN = "myhuaweicloud.com"
_REGION_DOMAIN_EXCEPTIONS = {"ap-southeast-1": "myhuaweicloud.cn"}
KNOWN_REGIONS = frozenset(
    {
        "cn-north-1", "cn-north-4", "cn-south-1", "ap-southeast-1", "ap-southeast-2",
        "ap-southeast-3", "cn-east-3", "cn-east-4", "la-south-2", "af-south-1",
        "cn-north-9", "tr-west-1", "ap-southeast-4", "me-east-1", "cn-southwest-2",
        "cn-north-2", "sa-brazil-1", "la-north-2", "af-north-1", "cn-north-12",
        "cn-southwest-3", "cn-north-11",
    }
)


def endpoint_for_region(region: str) -> str:
    """Regions missing from the SDK table get the common pattern rather than an
    error, so a region Huawei adds later works without a client release."""
    domain = _REGION_DOMAIN_EXCEPTIONS.get(region, _DEFAULT_DOMAIN)
    return f"https://modelarts.{region}.{domain}"


class ClientConfig(RetrySettings):
    endpoint: str | None = None
    access_key: str = Field(min_length=1)
    # SecretStr keeps the key out of repr(), str() and model_dump() output.
    secret_key: SecretStr
    project_id: str = Field(min_length=1)
    region: str | None = None

    def resolved_endpoint(self) -> str:
        """Base URL without trailing slash: explicit endpoint first, then region."""
        if self.endpoint and self.endpoint.strip():
            return normalized_endpoint(self.endpoint)
        if self.region and self.region.strip():
            return endpoint_for_region(self.region.strip())
        raise ValueError("ModelArts client configuration needs `endpoint` or `region`; neither is set")
