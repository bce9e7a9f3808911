"""Carrying out intranet-connection plans: create (or adopt the linked VPC an interrupted run left), read,
delete. There is no update: a change is a replacement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core import recent
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.retry import repeat_unless_done
from ..client import EasClient
from ..models.intranet_connection import IntranetConnectionSpec
from ..planner.intranet_connection import plan_intranet_connection
from ..waiters.gateway import wait_gateway_running
from ..waiters.intranet_connection import wait_link_gone, wait_link_running


# Reported only to a stack that sets it: the platform picks a value otherwise.
MANAGED_ONLY = ("enable_authoritative_dns",)


def spec_of(gateway_id: str, live: dict[str, Any], stack: IntranetConnectionSpec) -> IntranetConnectionSpec:
    """The linked VPC in input shape, as far as `stack` (the stack's spec) manages it."""
    read = IntranetConnectionSpec.model_construct(gateway_id=gateway_id, vpc_id=live.get("VpcId"),
                                                  vswitch_id=live.get("VSwitchId"),
                                                  enable_authoritative_dns=live.get("AuthoritativeDnsEnabled"))
    return read.without_unmanaged(stack.model_dump(), MANAGED_ONLY)


@dataclass
class IntranetConnectionReconciler:
    client: EasClient
    waits: Waits

    def find(self, spec: IntranetConnectionSpec) -> dict[str, Any] | None:
        return self.client.gateways.find_linked_vpc(spec.gateway_id, spec.vpc_id, spec.vswitch_id)

    def recent_key(self, spec: IntranetConnectionSpec) -> tuple[str, ...]:
        return ("eas-linked-vpc", self.client.region, spec.gateway_id, spec.vpc_id, spec.vswitch_id)

    def plan(self, recorded: IntranetConnectionSpec, desired: IntranetConnectionSpec) -> Plan | None:
        # A refresh diffs right after its read: that endpoint is the live one.
        live = recent.take(self.recent_key(recorded)) or self.find(recorded)
        if live is None:
            return None
        return plan_intranet_connection(desired, spec_of(recorded.gateway_id, live, desired))

    def create(self, desired: IntranetConnectionSpec) -> dict[str, Any]:
        wait_gateway_running(self.client, desired.gateway_id, self.waits)
        if self.find(desired) is None:
            # A POST whose answer was lost is repeated only if the endpoint is not there.
            repeat_unless_done(lambda: self.client.gateways.link_vpc(desired.gateway_id, desired.vpc_id,
                                                                     desired.vswitch_id, desired.enable_authoritative_dns),
                               lambda: self.find(desired) is not None)
        else:
            self.waits.say(f"adopting the intranet endpoint in {desired.vpc_id}/{desired.vswitch_id}, left by an "
                           "earlier run")
        return wait_link_running(self.client, desired.gateway_id, desired.vpc_id, desired.vswitch_id, self.waits)

    def read(self, recorded: IntranetConnectionSpec) -> tuple[IntranetConnectionSpec, dict[str, Any]] | None:
        live = self.find(recorded)
        if live is None:
            return None
        recent.put(self.recent_key(recorded), live)
        return spec_of(recorded.gateway_id, live, recorded), live

    def delete(self, spec: IntranetConnectionSpec) -> None:
        self.client.gateways.unlink_vpc(spec.gateway_id, spec.vpc_id, spec.vswitch_id)
        wait_link_gone(self.client, spec.gateway_id, spec.vpc_id, spec.vswitch_id, self.waits)
