"""Carrying out gateway plans: create (or adopt by name), converge, read, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core import recent
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ...core.retry import create_or_find
from ..client import EasClient
from ..models.gateway import GatewaySpec
from ..planner.gateway import UpdateGateway, plan_gateway
from ..waiters.gateway import wait_gateway_gone, wait_gateway_running


@dataclass
class GatewayReconciler:
    client: EasClient
    waits: Waits

    def recent_key(self, gateway_id: str) -> tuple[str, str, str]:
        return ("eas-gateway", self.client.region, gateway_id)

    def plan(self, gateway_id: str, desired: GatewaySpec, recorded: dict[str, Any]) -> Plan | None:
        # A refresh diffs right after its read: that gateway is the live one.
        live = recent.take(self.recent_key(gateway_id)) or self.client.gateways.find(gateway_id)
        return None if live is None else plan_gateway(desired, GatewaySpec.from_api(live, recorded))

    def create(self, desired: GatewaySpec) -> dict[str, Any]:
        """Create, or adopt the gateway an interrupted create left behind (found by its alias)."""
        gateways = self.client.gateways
        # Aliases are not unique to the API, so an interrupted run's gateway is looked for first.
        existing = gateways.find_by_name(desired.name)
        if existing is None:
            made, _ = create_or_find(lambda: gateways.create(desired.create_body(), desired.resource_name),
                                     lambda: gateways.find_by_name(desired.name))
            gateway_id = made["GatewayId"]
            recorded = desired.body()
        else:
            gateway_id = existing["GatewayId"]
            self.waits.say(f"adopting gateway {gateway_id}, left by an earlier run")
            # What the list item says stands in for the values DescribeGateway does not answer with.
            recorded = GatewaySpec.from_api(existing).body()
        return self.converge(gateway_id, desired, recorded)

    def converge(self, gateway_id: str, desired: GatewaySpec, recorded: dict[str, Any]) -> dict[str, Any]:
        live = wait_gateway_running(self.client, gateway_id, self.waits)
        plan = plan_gateway(desired, GatewaySpec.from_api(live, recorded))
        refuse_replace("Gateway", desired.name, plan, GatewaySpec)
        for step in plan.steps:
            if isinstance(step, UpdateGateway):
                self.client.gateways.update(gateway_id, desired.update_body(set(step.fields)))
                live = wait_gateway_running(self.client, gateway_id, self.waits)
        return live

    def read(self, gateway_id: str, recorded: dict[str, Any],
             importing: bool = False) -> tuple[GatewaySpec, dict[str, Any]] | None:
        """The gateway in input shape; an import, with no applied value to fall back on, also reads the
        gateway's list item for the billing method."""
        live = self.client.gateways.find(gateway_id)
        if live is None:
            return None
        recent.put(self.recent_key(gateway_id), live)
        listed = self.client.gateways.listed(gateway_id, live.get("GatewayName")) if importing else None
        spec = GatewaySpec.from_api({**(listed or {}), **live}, recorded)
        keep = {k: recorded.get(k) for k in ("auto_renewal", "resource_name", "charge_type") if recorded.get(k) is not None}
        return spec.model_copy(update=keep), live

    def delete(self, gateway_id: str) -> None:
        self.client.gateways.delete(gateway_id)
        wait_gateway_gone(self.client, gateway_id, self.waits)
