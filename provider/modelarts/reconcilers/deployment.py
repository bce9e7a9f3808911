"""Carrying out deployment plans: create (adopt, or recreate a failed first deploy), converge step by step
(switch back, upgrade with verification, update, scale, start/stop), read, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.errors import ApiError
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ..client import ModelArtsClient
from ..models.deployment import DeploymentSpec
from ..models.scaling_rule import LivePolicy
from ..planner.deployment import PutConfig, Scale, SetRunState, SwitchVersion, plan_deployment, wants_versions
from ..planner.ownership import owned_fields, yield_owned
from ..planner.rollout import rollout_shape
from ..statuses import (DEPLOYMENT_FIRST_DEPLOY_FAILED, DEPLOYMENT_RUNNING, DEPLOYMENT_SETTLED, run_state,
                        status_of)
from ..waiters.deployment import verify_rollout, wait_deployment_gone, wait_deployment_in
from ..waiters.service import alarming_events, event_ids

MAX_CONVERGE_STEPS = 4

# How many of the newest recorded versions a switch back may return to.
VERSIONS_CONSIDERED = 10


@dataclass
class LiveDeployment:
    """What planning needs to know of a live deployment."""

    raw: dict[str, Any]
    owned: set[str]

    @property
    def id(self) -> str:
        return self.raw["id"]


@dataclass
class DeploymentReconciler:
    client: ModelArtsClient
    waits: Waits

    # ----- reading and planning -----------------------------------------------------------

    def owned(self, service_id: str, deployment_id: str) -> set[str]:
        """Fields something else manages: an enabled scaling rule owns the replica count."""
        policy = self.client.scaling_rules.get(service_id, deployment_id)
        return owned_fields(LivePolicy.from_api(policy) if policy else None)

    def plan(self, service_id: str, desired: DeploymentSpec, live: dict[str, Any],
             owned: set[str] | None = None) -> Plan:
        """`owned`: the fields something else manages, when the caller knows them; else they are
        looked up only if the replica count differs (the one field a scaling rule can own)."""
        state = run_state(status_of(live)) if desired.state else None
        live_spec = DeploymentSpec.from_api(service_id, live, state)
        plan = plan_deployment(desired, live_spec, live_version=live.get("version"), owned=owned or ())
        if owned is None and "count" in plan.top_fields:
            owned = self.owned(service_id, live["id"])
            plan = plan_deployment(desired, live_spec, live_version=live.get("version"), owned=owned)
        if not wants_versions(plan):
            return plan
        return plan_deployment(desired, live_spec, live_version=live.get("version"), owned=owned or (),
                               recorded=self.recorded_versions(service_id, live, desired.state))

    def plan_by_id(self, service_id: str, deployment_id: str, desired: DeploymentSpec) -> Plan | None:
        """None when the deployment is gone."""
        live = self.client.deployments.find(service_id, deployment_id)
        return None if live is None else self.plan(service_id, desired, live)

    def recorded_versions(self, service_id: str, live: dict[str, Any], state: str | None) -> dict[str, DeploymentSpec]:
        """The newest recorded versions other than the live one, in input shape."""
        deployments = self.client.deployments
        try:
            versions = deployments.versions(service_id, live["id"])
        except ApiError:
            return {}
        candidates: dict[str, DeploymentSpec] = {}
        for entry in versions[-VERSIONS_CONSIDERED:]:
            version = entry.get("version")
            if not version or version == live.get("version"):
                continue
            try:
                recorded = deployments.get_version(service_id, live["id"], version)
            except ApiError:
                continue
            candidates[version] = DeploymentSpec.from_api(service_id, recorded, state)
        return candidates

    # ----- carrying a plan out ---------------------------------------------------------------

    def converge(self, service_id: str, deployment_id: str, desired: DeploymentSpec) -> dict[str, Any]:
        """Take one step at a time until nothing is left; each step waits for the
        deployment to settle, so the next one starts from a state the platform accepts."""
        live = wait_deployment_in(self.client, service_id, deployment_id, DEPLOYMENT_SETTLED, self.waits)
        plan = Plan()
        for _ in range(MAX_CONVERGE_STEPS):
            plan = self.plan(service_id, desired, live)
            refuse_replace("Deployment", desired.name, plan, DeploymentSpec)
            if not plan.steps:
                return live
            live = self.apply_first(service_id, deployment_id, desired, live, plan, set(plan.ignored))
        raise RuntimeError(f"Deployment {desired.name} did not converge after {MAX_CONVERGE_STEPS} steps: "
                           f"{plan.summary()}")

    def apply_first(self, service_id: str, deployment_id: str, desired: DeploymentSpec, live: dict[str, Any],
                    plan: Plan, owned: set[str]) -> dict[str, Any]:
        """Carry out the plan's first step and wait for the result (verified, for a rollout)."""
        step = plan.steps[0]
        deployments = self.client.deployments
        # An update sends the whole configuration: keep what a scaling rule set.
        sent = yield_owned(desired, DeploymentSpec.from_api(service_id, live), owned)
        rolling = isinstance(step, SwitchVersion) or (isinstance(step, PutConfig) and step.upgrade)
        # Whatever the platform reports after this point belongs to this step.
        seen = event_ids(alarming_events(self.client, service_id)) if rolling else set()
        expected = None
        if isinstance(step, SwitchVersion):
            self.waits.say(f"switching back to version {step.version}")
            deployments.switch_version(service_id, deployment_id, step.version)
            expected = step.version
        elif isinstance(step, PutConfig):
            answer = deployments.update(service_id, deployment_id, sent.update_body(live))
            expected = answer.get("version") if step.upgrade else None
        elif isinstance(step, Scale):
            deployments.scale(service_id, desired.name, step.count)
        elif isinstance(step, SetRunState):
            if step.state == "stopped":
                deployments.stop(service_id, deployment_id)
            else:
                deployments.start(service_id, deployment_id)
        shape = rollout_shape(sent.count, sent.advanced_config.upgrade_config.rolling_update) if rolling else None
        live = wait_deployment_in(self.client, service_id, deployment_id, DEPLOYMENT_SETTLED, self.waits,
                                  shape=shape, version=expected)
        if expected is not None:
            # A switch restores that version's replica count: check against the live target.
            shape = rollout_shape(int(live.get("count") or sent.count),
                                  sent.advanced_config.upgrade_config.rolling_update)
            verify_rollout(self.client, service_id, live, expected, shape.min_ready, seen)
        return live

    # ----- lifecycle --------------------------------------------------------------------------

    def create(self, desired: DeploymentSpec) -> dict[str, Any]:
        """Create, or adopt a deployment an earlier create left behind after the API accepted it."""
        service_id = desired.service_id
        deployments = self.client.deployments
        existing = deployments.find_by_name(service_id, desired.name)
        if existing is not None and status_of(existing) == DEPLOYMENT_FIRST_DEPLOY_FAILED:
            # A first deploy that failed serves nothing: start over with the
            # desired configuration rather than adopt the broken one.
            self.waits.say(f"deleting deployment {existing['id']}, whose first deploy failed, to create it again")
            deployments.delete(service_id, existing["id"])
            wait_deployment_gone(self.client, service_id, existing["id"], self.waits)
            existing = None
        if existing is None:
            deployment_id = deployments.create(service_id, desired.create_body())["id"]
            wait_deployment_in(self.client, service_id, deployment_id, {DEPLOYMENT_RUNNING}, self.waits,
                               shape=rollout_shape(desired.count, desired.advanced_config.upgrade_config.rolling_update))
        else:
            self.waits.say(f"adopting deployment {existing['id']}, left by an earlier run")
            deployment_id = existing["id"]
        return self.converge(service_id, deployment_id, desired)

    def read(self, service_id: str, deployment_id: str, recorded: dict[str, Any]) -> tuple[DeploymentSpec, dict[str, Any]] | None:
        live = self.client.deployments.find(service_id, deployment_id) if service_id else None
        if live is None:
            return None
        # Report the run state only to stacks that manage it.
        state = run_state(status_of(live)) if recorded.get("state") else None
        spec = DeploymentSpec.from_api(service_id, live, state)
        if recorded.get("count") and recorded["count"] != spec.count and "count" in self.owned(service_id, deployment_id):
            # The scaling rule moves the count on its own; that is not drift.
            spec = spec.model_copy(update={"count": recorded["count"]})
        return spec, live

    def delete(self, service_id: str, deployment_id: str) -> None:
        self.client.deployments.delete(service_id, deployment_id)
        wait_deployment_gone(self.client, service_id, deployment_id, self.waits)
