"""Carrying out v1 service plans: create (or adopt), converge step by step, read, delete.

Each step is one update request followed by a wait until the service has
settled, so the next step starts from a status the platform accepts changes
in (nothing but a start or stop is taken while it deploys or stops). A config
update is verified against what the service shows afterwards: a platform that
rolled it back fails the run with its events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ....core.plan import Plan
from ....core.poll import Waits
from ..client import ModelArtsV1Client
from ..models.service import ServiceSpec
from ..planner.service import PutSettings, SetStatus, plan_service, refuse_replace
from ..statuses import SERVICE_FAILED, SERVICE_TRANSITIONAL, START, status_of
from ..waiters.service import expect_serving, rolled_back, wait_gone, wait_settled

# Settings, then a status: two steps at most; a third means the platform keeps undoing them.
MAX_CONVERGE_STEPS = 3


@dataclass
class ServiceReconciler:
    client: ModelArtsV1Client
    waits: Waits

    # ----- reading and planning ----------------------------------------------------------------

    def plan_live(self, live: dict[str, Any], desired: ServiceSpec, recorded: dict[str, Any]) -> Plan:
        """`recorded` (the last outputs) supplies what the show response leaves out."""
        return plan_service(desired, ServiceSpec.from_api(live, recorded))

    def read(self, service_id: str, recorded: dict[str, Any]) -> tuple[ServiceSpec, dict[str, Any]] | None:
        live = self.client.services.find(service_id)
        if live is None:
            return None
        return ServiceSpec.from_api(live, recorded).without_unmanaged(recorded, ("state",)), live

    # ----- lifecycle -----------------------------------------------------------------------------

    def create(self, desired: ServiceSpec) -> dict[str, Any]:
        """Create the service and wait for its first deploy; a service of the name that an earlier
        run left (or whose create answer was lost) is adopted and brought to `desired` instead."""
        live, created = self.client.services.create_or_adopt(desired.create_body())
        service_id = live["service_id"]
        if created:
            live = wait_settled(self.client, service_id, self.waits, failed_ok=False, known=live)
            return self.converge(service_id, desired, desired.body(), live)
        self.waits.say(f"adopting service {service_id}, left by an earlier run")
        live = wait_settled(self.client, service_id, self.waits, known=live)
        if status_of(live) == SERVICE_FAILED and desired.state != "stopped":
            # Its deploy failed: deploy it again (on the desired config, if that differs).
            self.waits.say(f"service {service_id} is failed ({live.get('error_msg') or 'no reason given'}); "
                           "deploying it again")
            desired_running = desired.model_copy(update={"state": START})
            live = self.converge(service_id, desired_running, desired.body(), live)
        return self.converge(service_id, desired, desired.body(), live)

    def converge(self, service_id: str, desired: ServiceSpec, recorded: dict[str, Any],
                 live: dict[str, Any] | None = None) -> dict[str, Any]:
        """Take one step at a time until nothing is left. `live`: the service as just read."""
        if live is None or status_of(live) in SERVICE_TRANSITIONAL:
            live = wait_settled(self.client, service_id, self.waits, known=live)
        plan = Plan()
        for _ in range(MAX_CONVERGE_STEPS):
            plan = self.plan_live(live, desired, recorded)
            refuse_replace(desired.service_name, plan)
            if not plan.steps:
                return live
            live = self.apply_first(service_id, desired, recorded, plan, live)
        raise RuntimeError(f"Service {desired.service_name} did not converge after {MAX_CONVERGE_STEPS} steps: "
                           f"{plan.summary()}")

    def apply_first(self, service_id: str, desired: ServiceSpec, recorded: dict[str, Any], plan: Plan,
                    before: dict[str, Any]) -> dict[str, Any]:
        """Send the plan's first step, wait until the service settles, and check the result.
        `before`: the service as the plan saw it."""
        step = plan.steps[0]
        services = self.client.services
        if isinstance(step, PutSettings):
            services.update(service_id, desired.update_body(step.fields))
            if "config" not in step.fields:
                # A description or schedule takes effect at once, with no status or update_time to show it.
                return wait_settled(self.client, service_id, self.waits)
            live = wait_settled(self.client, service_id, self.waits, after=before)
            self.verify_config(live, desired, recorded)
            return live
        if isinstance(step, SetStatus):
            self.waits.say(f"{step.doing} service {service_id}")
            services.set_status(service_id, step.status)
            live = wait_settled(self.client, service_id, self.waits, after=before)
            if step.status == START:
                expect_serving(live)
            return live
        raise TypeError(f"unknown step {step!r}")

    def verify_config(self, live: dict[str, Any], desired: ServiceSpec, recorded: dict[str, Any]) -> None:
        """The service runs the config it was sent: not failed, and not rolled back to the old one."""
        if status_of(live) == SERVICE_FAILED:
            expect_serving(live)
        left = [c.path for c in self.plan_live(live, desired, recorded).changes if c.path.startswith("config")]
        if left:
            raise rolled_back(self.client, live, left)

    def delete(self, service_id: str) -> None:
        self.client.services.delete(service_id)
        wait_gone(self.client, service_id, self.waits)
