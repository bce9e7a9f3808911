"""Gateway: a dedicated (private) gateway that services are reached through (eas-api.md 4.5, 7.8).

Deployments bind to it with `networking.gateway`; IntranetConnections link it
to your VPCs.
"""

from __future__ import annotations

from typing import Any, Literal



from ...core.actions import Action
from ...core.spec import Spec, not_echoed_paths, spec_field

# Wire names of the fields, in CreateGateway/UpdateGateway bodies and DescribeGateway answers.
CREATE_KEYS = {"name": "Name", "instance_type": "InstanceType", "replicas": "Replicas",
               "enable_internet": "EnableInternet", "enable_intranet": "EnableIntranet", "charge_type": "ChargeType",
               "auto_renewal": "AutoRenewal"}
UPDATE_KEYS = {"name": "Name", "instance_type": "InstanceType", "replicas": "Replicas",
               "enable_internet": "EnableInternet", "enable_intranet": "EnableIntranet",
               "enable_ssl_redirection": "EnableSSLRedirection", "is_default": "IsDefault"}
# DescribeGateway answers without ChargeType; only ListGateway's items carry it (eas-api.md 7.8).
DESCRIBE_KEYS = {"name": "GatewayName", "instance_type": "InstanceType", "replicas": "Replicas",
                 "enable_internet": "InternetEnabled", "enable_ssl_redirection": "SSLRedirectionEnabled",
                 "is_default": "IsDefault"}
LISTED_KEYS = {**DESCRIBE_KEYS, "charge_type": "ChargeType"}


class GatewaySpec(Spec):
    name: str = spec_field(change=Action.UPDATE, min_length=1, max_length=64)
    """Alias of the gateway; an interrupted create is adopted by it, so keep it unique in the region."""
    instance_type: Literal["2c4g", "4c8g", "8c16g", "16c32g"] = spec_field(change=Action.UPDATE)
    """Size of each gateway node: 2c4g, 4c8g, 8c16g or 16c32g (cores and GB of memory); a change replaces the
    nodes one by one."""
    replicas: int | None = spec_field(None, change=Action.UPDATE, ge=1)
    """Number of gateway nodes."""
    enable_internet: bool | None = spec_field(None, change=Action.UPDATE)
    """Whether the gateway is reachable from the internet (the platform's default: no)."""
    enable_intranet: bool | None = spec_field(None, change=Action.UPDATE, echoed=False)
    """Whether the gateway is reachable from VPCs (the platform's default: yes)."""
    enable_ssl_redirection: bool | None = spec_field(None, change=Action.UPDATE)
    """Whether HTTP requests are redirected to HTTPS; set by an update right after the create."""
    is_default: bool | None = spec_field(None, change=Action.UPDATE)
    """Whether this is the region's default dedicated gateway; set by an update right after the create."""
    charge_type: Literal["PrePaid", "PostPaid"] | None = spec_field(
        None, change=Action.REPLACE, why="the billing method is chosen when the gateway is bought", echoed=False)
    """Billing method: PrePaid (subscription) or PostPaid (pay-as-you-go)."""
    auto_renewal: bool | None = spec_field(None, create_only=True)
    """Whether a subscription renews itself (the platform's default: no)."""
    resource_name: str | None = spec_field(None, create_only=True, api=False, min_length=1)
    """ID of the resource group the gateway is created for (ListResources' ResourceId)."""

    def create_body(self) -> dict[str, Any]:
        return {wire: getattr(self, name) for name, wire in CREATE_KEYS.items() if getattr(self, name) is not None}

    def update_body(self, changed: set[str]) -> dict[str, Any]:
        """The changed fields an update carries (every one UpdateGateway takes)."""
        return {wire: getattr(self, name) for name, wire in UPDATE_KEYS.items()
                if name in changed and getattr(self, name) is not None}

    @classmethod
    def from_api(cls, live: dict[str, Any], recorded: dict[str, Any] | None = None) -> "GatewaySpec":
        """The live gateway (DescribeGateway's answer, or a ListGateway item) in input shape. A field the
        answer does not carry (`enable_intranet` never, `charge_type` in DescribeGateway) is the last
        applied value."""
        data = {name: live.get(wire) for name, wire in LISTED_KEYS.items()}
        for (name,) in not_echoed_paths(cls):
            if data.get(name) is None:
                data[name] = (recorded or {}).get(name)
        return cls.project({k: v for k, v in data.items() if v is not None and v != ""})


