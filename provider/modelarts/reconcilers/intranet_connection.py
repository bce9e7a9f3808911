"""Carrying out intranet-connection plans: create (or adopt the one the platform allows), converge,
wait for approval, read, delete.

Manual approval: when the service requires approval, create waits at most
`approval_wait_seconds` for the owner, then succeeds with status APPROVING
and says so; the next `up` records the new status once the owner decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ..client import ModelArtsClient
from ..models.intranet_connection import IntranetConnectionSpec
from ..planner.intranet_connection import ModifyUrls, RetryConnection, plan_intranet_connection
from ..statuses import CONNECTION_ENDED, status_of
from ..waiters.intranet_connection import wait_connection_gone, wait_connection_ready


@dataclass
class IntranetConnectionReconciler:
    client: ModelArtsClient
    waits: Waits
    approval_wait_seconds: float = 60.0

    def plan(self, connection_id: str, desired: IntranetConnectionSpec, recorded_status: str | None) -> Plan | None:
        live = self.client.intranet_connections.find(connection_id)
        if live is None:
            return None
        return plan_intranet_connection(desired, IntranetConnectionSpec.from_api(live),
                                        recorded_status=recorded_status, live_status=status_of(live))

    def create(self, desired: IntranetConnectionSpec) -> dict[str, Any]:
        connections = self.client.intranet_connections
        connection_id = self.adopt(desired) or connections.create(desired.create_body())["id"]
        return wait_connection_ready(self.client, connection_id, self.waits, self.approval_wait_seconds)

    def adopt(self, desired: IntranetConnectionSpec) -> str | None:
        """The id of a leftover connection for the same service and network, brought to `desired`.

        Only one may exist per service and VPC (or pool), so an earlier create
        that the API accepted must be adopted rather than requested again.
        """
        connections = self.client.intranet_connections
        existing = connections.find_for(desired.service_id, desired.scene, desired.vpc_id, desired.pool_id)
        if existing is None:
            return None
        if status_of(existing) in CONNECTION_ENDED:
            connections.delete(existing["id"])
            wait_connection_gone(self.client, existing["id"], self.waits)
            return None
        plan = plan_intranet_connection(desired, IntranetConnectionSpec.from_api(existing),
                                        live_status=status_of(existing))
        # A leftover with another subnet or dispatcher group cannot be adopted as is.
        refuse_replace("IntranetConnection", desired.name or existing["id"], plan, IntranetConnectionSpec)
        self.waits.say(f"adopting intranet connection {existing['id']}, left by an earlier run")
        self.apply(existing["id"], plan)
        return existing["id"]

    def update(self, connection_id: str, desired: IntranetConnectionSpec) -> dict[str, Any]:
        live = self.client.intranet_connections.get(connection_id)
        plan = plan_intranet_connection(desired, IntranetConnectionSpec.from_api(live), live_status=status_of(live))
        self.apply(connection_id, plan)
        return wait_connection_ready(self.client, connection_id, self.waits, self.approval_wait_seconds)

    def apply(self, connection_id: str, plan: Plan) -> None:
        connections = self.client.intranet_connections
        for step in plan.steps:
            if isinstance(step, ModifyUrls):
                connections.modify(connection_id, list(step.urls))
            elif isinstance(step, RetryConnection):
                connections.act(connection_id, "RETRY")

    def read(self, connection_id: str, name: str | None) -> tuple[IntranetConnectionSpec, dict[str, Any]] | None:
        live = self.client.intranet_connections.find(connection_id)
        return None if live is None else (IntranetConnectionSpec.from_api(live, name=name), live)

    def delete(self, connection_id: str) -> None:
        self.client.intranet_connections.delete(connection_id)
        wait_connection_gone(self.client, connection_id, self.waits)
