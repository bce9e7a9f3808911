"""Dedicated (private) gateways and their intranet linked VPCs (eas-api.md 4.5, 7.8, 7.9)."""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError, only_match
from .http import EasHttp
from .services import list_pages


class GatewaysApi:
    def __init__(self, http: EasHttp) -> None:
        self.http = http

    def _path(self, gateway_id: str, suffix: str = "") -> str:
        return self.http.cluster_path("gateways", gateway_id, suffix)

    # ----- gateways ------------------------------------------------------------------------

    def create(self, body: dict[str, Any], resource_name: str | None = None) -> dict[str, Any]:
        return self.http.call("CreateGateway", "POST", "/gateways", params={"ResourceName": resource_name}, body=body)

    def get(self, gateway_id: str) -> dict[str, Any]:
        return self.http.call("DescribeGateway", "GET", self._path(gateway_id)) or {}

    def find(self, gateway_id: str) -> dict[str, Any] | None:
        try:
            return self.get(gateway_id)
        except NotFoundError:
            return None

    def find_by_name(self, name: str) -> dict[str, Any] | None:
        """The one gateway of the region with exactly that alias (the list filter may be fuzzy)."""
        listed = list_pages(self.http, "ListGateway", "/gateways", "Gateways", {"GatewayName": name})
        return only_match(listed, lambda g: g.get("GatewayName") == name, f"PAI-EAS gateways are named {name!r}",
                          "GatewayId")

    def listed(self, gateway_id: str, name: str | None) -> dict[str, Any] | None:
        """The gateway's ListGateway item, which carries what DescribeGateway leaves out (ChargeType)."""
        listed = list_pages(self.http, "ListGateway", "/gateways", "Gateways", {"GatewayName": name or None})
        return next((g for g in listed if g.get("GatewayId") == gateway_id), None)

    def update(self, gateway_id: str, body: dict[str, Any]) -> None:
        self.http.call("UpdateGateway", "PUT", self._path(gateway_id), body=body)

    def delete(self, gateway_id: str) -> None:
        try:
            self.http.call("DeleteGateway", "DELETE", self._path(gateway_id))
        except NotFoundError:
            return

    # ----- intranet linked VPCs ------------------------------------------------------------------

    def linked_vpcs(self, gateway_id: str) -> list[dict[str, Any]]:
        answer = self.http.call("ListGatewayIntranetLinkedVpc", "GET",
                                self._path(gateway_id, "/intranet_endpoint_linked_vpc")) or {}
        return list(answer.get("IntranetLinkedVpcList") or [])

    def find_linked_vpc(self, gateway_id: str, vpc_id: str, vswitch_id: str) -> dict[str, Any] | None:
        """The linked VPC entry (identified by VPC and vSwitch), or None (also when the gateway is gone)."""
        try:
            entries = self.linked_vpcs(gateway_id)
        except NotFoundError:
            return None
        return next((e for e in entries if e.get("VpcId") == vpc_id and e.get("VSwitchId") == vswitch_id), None)

    def link_vpc(self, gateway_id: str, vpc_id: str, vswitch_id: str, authoritative_dns: bool | None) -> None:
        self.http.call("CreateGatewayIntranetLinkedVpc", "POST", self._path(gateway_id, "/intranet_endpoint_linked_vpc"),
                       params={"VpcId": vpc_id, "VSwitchId": vswitch_id, "EnableAuthoritativeDns": authoritative_dns})

    def unlink_vpc(self, gateway_id: str, vpc_id: str, vswitch_id: str) -> None:
        try:
            self.http.call("DeleteGatewayIntranetLinkedVpc", "DELETE",
                           self._path(gateway_id, "/intranet_endpoint_linked_vpc"),
                           params={"VpcId": vpc_id, "VSwitchId": vswitch_id})
        except NotFoundError:
            return
