"""Carrying out service plans: create (or adopt), converge, read, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ..client import ModelArtsClient
from ..models.service import ServiceSpec
from ..planner.service import SetRunState, SyncTags, UpdateSettings, plan_service
from ..statuses import SERVICE_TRANSITIONAL, status_of
from ..waiters.service import wait_service_deleted, wait_service_settled


def predict_url(live: dict[str, Any]) -> str:
    """The public inference URL, falling back to whatever URL the platform gives."""
    entries = live.get("predict_url") or []
    for wanted in ("PUBLIC", "INTERNAL", "CONSOLE"):
        for entry in entries:
            if entry.get("type") == wanted and entry.get("urls"):
                return entry["urls"][0]
    return (live.get("version") or {}).get("predict_url") or ""


@dataclass
class ServiceReconciler:
    client: ModelArtsClient
    waits: Waits

    def plan(self, service_id: str, desired: ServiceSpec, recorded: dict[str, Any]) -> Plan | None:
        """None when the service is gone. `recorded` (the last outputs) supplies
        the fields the API does not echo."""
        live = self.client.services.find(service_id)
        return None if live is None else self.plan_live(live, desired, recorded)

    def plan_live(self, live: dict[str, Any], desired: ServiceSpec, recorded: dict[str, Any]) -> Plan:
        return plan_service(desired, ServiceSpec.from_api(live, recorded))

    def create(self, desired: ServiceSpec) -> dict[str, Any]:
        """Create the service; one of the name that an earlier run left (or whose create answer
        was lost) is adopted and brought to `desired` instead of duplicated."""
        live, created = self.client.services.create_or_adopt(desired.create_body())
        if not created:
            self.waits.say(f"adopting service {live['id']}, left by an earlier run")
        if not created or desired.state == "stopped":
            return self.converge(live["id"], desired, desired.body(), live)
        if status_of(live) in SERVICE_TRANSITIONAL:
            live = wait_service_settled(self.client, live["id"], self.waits)
        return live

    def converge(self, service_id: str, desired: ServiceSpec, recorded: dict[str, Any],
                 live: dict[str, Any] | None = None) -> dict[str, Any]:
        """Bring the service to `desired`; `live`: the service as just read, when the caller has it."""
        if live is None or status_of(live) in SERVICE_TRANSITIONAL:
            live = wait_service_settled(self.client, service_id, self.waits)
        plan = plan_service(desired, ServiceSpec.from_api(live, recorded))
        refuse_replace("Service", desired.name, plan, ServiceSpec)
        if not plan.steps:
            return live
        self.apply(service_id, desired, plan)
        return wait_service_settled(self.client, service_id, self.waits)

    def apply(self, service_id: str, desired: ServiceSpec, plan: Plan) -> None:
        """Tags through the tag API, other settings through one update, then start/stop."""
        services = self.client.services
        for step in plan.steps:
            if isinstance(step, SyncTags):
                if step.remove:
                    services.delete_tags(service_id, list(step.remove))
                if step.add:
                    services.add_tags(service_id, [{"key": k, "value": v} for k, v in step.add.items()])
            elif isinstance(step, UpdateSettings):
                services.update(service_id, desired.update_body())
                wait_service_settled(self.client, service_id, self.waits)
            elif isinstance(step, SetRunState):
                services.stop(service_id) if step.state == "stopped" else services.start(service_id)

    def read(self, service_id: str, recorded: dict[str, Any]) -> tuple[ServiceSpec, dict[str, Any]] | None:
        live = self.client.services.find(service_id)
        if live is None:
            return None
        return ServiceSpec.from_api(live, recorded).without_unmanaged(recorded, ("state",)), live

    def delete(self, service_id: str) -> None:
        self.client.services.delete(service_id)
        wait_service_deleted(self.client, service_id, self.waits)
