"""Carrying out deployment plans: create (adopt, or recreate a failed first deploy), converge step by step
(switch back, upgrade with verification, update, scale, start/stop), read, delete.

API calls are a cost (real APIs throttle per account), so every read is used
for as much as it can: the live deployment a step waited for is the input of
the next plan, the scaling policy is read only when the replica count differs,
and switch-back candidates come from the versions the state remembers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ...core.errors import NotFoundError
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ..client import ModelArtsClient
from ..models.common import rollout_shape
from ..models.deployment import DeploymentSpec
from ..models.scaling_rule import LivePolicy
from ..planner.deployment import PutConfig, Scale, SetRunState, SwitchVersion, plan_deployment
from ..planner.ownership import owned_fields, yield_owned
from ..statuses import (DEPLOYMENT_FIRST_DEPLOY_FAILED, DEPLOYMENT_RUNNING, DEPLOYMENT_SETTLED, run_state,
                        status_of)
from ..waiters.deployment import verify_rollout, wait_deployment_gone, wait_deployment_in

MAX_CONVERGE_STEPS = 4


@dataclass
class DeploymentReconciler:
    client: ModelArtsClient
    waits: Waits
    # Versions this stack rolled out (version -> configuration digest): switch-back candidates.
    recorded_versions: Mapping[str, str] | None = None

    # ----- reading and planning -----------------------------------------------------------

    def owned(self, service_id: str, deployment_id: str) -> set[str]:
        """Fields something else manages: an enabled scaling rule owns the replica count."""
        policy = self.client.scaling_rules.get(service_id, deployment_id)
        return owned_fields(LivePolicy.from_api(policy) if policy else None)

    def plan(self, service_id: str, desired: DeploymentSpec, live: dict[str, Any]) -> Plan:
        """The plan from `live`; the scaling policy is looked up only if the replica count
        differs (the one field a scaling rule can own)."""
        state = run_state(status_of(live)) if desired.state else None
        live_spec = DeploymentSpec.from_api(service_id, live, state)
        plan = plan_deployment(desired, live_spec, live_version=live.get("version"),
                               recorded=self.recorded_versions)
        if "count" in plan.top_fields:
            owned = self.owned(service_id, live["id"])
            if owned:
                plan = plan_deployment(desired, live_spec, live_version=live.get("version"), owned=owned,
                                       recorded=self.recorded_versions)
        return plan

    def plan_by_id(self, service_id: str, deployment_id: str, desired: DeploymentSpec) -> Plan | None:
        """None when the deployment is gone."""
        live = self.client.deployments.find(service_id, deployment_id)
        return None if live is None else self.plan(service_id, desired, live)

    # ----- carrying a plan out ---------------------------------------------------------------

    def converge(self, service_id: str, deployment_id: str, desired: DeploymentSpec,
                 live: dict[str, Any] | None = None) -> dict[str, Any]:
        """Take one step at a time until nothing is left; each step waits for the deployment to
        settle, so the next one starts from a state the platform accepts. `live`: the deployment
        as just read, when the caller has it."""
        if live is None or status_of(live) not in DEPLOYMENT_SETTLED:
            live = wait_deployment_in(self.client, service_id, deployment_id, DEPLOYMENT_SETTLED, self.waits)
        plan = Plan()
        for _ in range(MAX_CONVERGE_STEPS):
            plan = self.plan(service_id, desired, live)
            refuse_replace("Deployment", desired.name, plan, DeploymentSpec)
            if not plan.steps:
                return live
            live = self.apply_first(service_id, deployment_id, desired, live, plan)
        raise RuntimeError(f"Deployment {desired.name} did not converge after {MAX_CONVERGE_STEPS} steps: "
                           f"{plan.summary()}")

    def apply_first(self, service_id: str, deployment_id: str, desired: DeploymentSpec, live: dict[str, Any],
                    plan: Plan) -> dict[str, Any]:
        """Carry out the plan's first step and wait for the result (verified, for a rollout)."""
        step = plan.steps[0]
        deployments = self.client.deployments
        known = None
        # An update sends the whole configuration: keep what a scaling rule set.
        sent = yield_owned(desired, DeploymentSpec.from_api(service_id, live), set(plan.ignored))
        # The platform's own clock: its events after this moment belong to this step.
        since = live.get("update_at")
        expected = None
        if isinstance(step, SwitchVersion):
            expected = self.switch(service_id, deployment_id, step.version, sent, live)
        elif isinstance(step, PutConfig):
            answer = deployments.update(service_id, deployment_id, sent.update_body(live))
            expected = answer.get("version") if step.upgrade else None
            # The answer shows where the change stands; an upgrade the answer calls settled is read again.
            if status_of(answer) != "UNKNOWN" and not (step.upgrade and status_of(answer) in DEPLOYMENT_SETTLED):
                known = answer
        elif isinstance(step, Scale):
            deployments.scale(service_id, desired.name, step.count)
        elif isinstance(step, SetRunState):
            if step.state == "stopped":
                deployments.stop(service_id, deployment_id)
            else:
                deployments.start(service_id, deployment_id)
        rolling = rollout_shape(sent.count, sent.advanced_config.upgrade_config.rolling_update)
        live = wait_deployment_in(self.client, service_id, deployment_id, DEPLOYMENT_SETTLED, self.waits,
                                  shape=rolling if expected else None, version=expected, known=known)
        if expected is not None:
            # A switch restores that version's replica count: check against the live target.
            shape = rollout_shape(int(live.get("count") or sent.count),
                                  sent.advanced_config.upgrade_config.rolling_update)
            verify_rollout(self.client, service_id, live, expected, shape.min_ready, since)
        return live

    def switch(self, service_id: str, deployment_id: str, version: str, sent: DeploymentSpec,
               live: dict[str, Any]) -> str:
        """Switch back to `version`; the version the deployment must end on. A version the
        platform has deleted since is rolled out again as a new one instead."""
        self.waits.say(f"switching back to version {version}")
        try:
            self.client.deployments.switch_version(service_id, deployment_id, version)
            return version
        except NotFoundError:
            self.waits.say(f"version {version} is gone; rolling the configuration out as a new version")
            answer = self.client.deployments.update(service_id, deployment_id, sent.update_body(live))
            return answer.get("version")

    # ----- lifecycle --------------------------------------------------------------------------

    def create(self, desired: DeploymentSpec) -> dict[str, Any]:
        """Create; a deployment of the name that an earlier run left (or whose create answer was
        lost) is adopted, or, when its first deploy failed, deleted and created again."""
        service_id = desired.service_id
        deployments = self.client.deployments
        live, created = deployments.create_or_adopt(service_id, desired.create_body())
        if not created and status_of(live) == DEPLOYMENT_FIRST_DEPLOY_FAILED:
            # A first deploy that failed serves nothing: start over with the desired configuration.
            self.waits.say(f"deleting deployment {live['id']}, whose first deploy failed, to create it again")
            self.delete(service_id, live["id"])
            live, created = deployments.create_or_adopt(service_id, desired.create_body())
        if not created:
            self.waits.say(f"adopting deployment {live['id']}, left by an earlier run")
            return self.converge(service_id, live["id"], desired, live)
        live = wait_deployment_in(self.client, service_id, live["id"], {DEPLOYMENT_RUNNING}, self.waits,
                                  shape=rollout_shape(desired.count,
                                                      desired.advanced_config.upgrade_config.rolling_update),
                                  known=live)
        return self.converge(service_id, live["id"], desired, live)

    def read(self, service_id: str, deployment_id: str, recorded: dict[str, Any]) -> tuple[DeploymentSpec, dict[str, Any]] | None:
        live = self.client.deployments.find(service_id, deployment_id) if service_id else None
        if live is None:
            return None
        # Report the run state only to stacks that manage it.
        state = run_state(status_of(live)) if recorded.get("state") else None
        spec = DeploymentSpec.from_api(service_id, live, state)
        counted = recorded.get("count")
        if counted and counted != spec.count and "count" in self.owned(service_id, deployment_id):
            # The scaling rule moves the count on its own; that is not drift.
            spec = spec.model_copy(update={"count": counted})
        return spec, live

    def delete(self, service_id: str, deployment_id: str) -> None:
        self.client.deployments.delete(service_id, deployment_id)
        wait_deployment_gone(self.client, service_id, deployment_id, self.waits)
