"""Connection settings of the PAI-EAS client and endpoint resolution (eas-api.md 1.1)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from ...core.transport import RetrySettings, normalized_endpoint

API_VERSION = "2021-07-01"


def endpoint_for_region(region: str) -> str:
    """`pai-eas.{region}.aliyuncs.com` for every region: the SDK's generic rule for regions missing
    from its table (`eas.{region}`) is very likely not a real host (eas-api.md 1.1)."""
    return f"https://pai-eas.{region}.aliyuncs.com"


class ClientConfig(RetrySettings):
    # The region is also every path's ClusterId (eas-api.md 1.1).
    region: str = Field(min_length=1)
    access_key_id: str = Field(min_length=1)
    # SecretStr keeps the secret out of repr(), str() and model_dump() output.
    access_key_secret: SecretStr
    endpoint: str | None = None

    def resolved_endpoint(self) -> str:
        """Base URL without trailing slash: the explicit endpoint, else the region's host."""
        if self.endpoint and self.endpoint.strip():
            return normalized_endpoint(self.endpoint)
        return endpoint_for_region(self.region.strip())
