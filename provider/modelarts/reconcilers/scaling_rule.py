"""Carrying out scaling-policy plans: ensure (create, adopt or converge), read, delete.

One policy per deployment, addressed by the deployment: a policy already
there (left by an interrupted create, or made by hand) is adopted and
converged; one deleted behind our back is put back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ..client import ModelArtsClient
from ..models.scaling_rule import LivePolicy, ScalingRuleSpec
from ..planner.scaling_rule import EditRules, plan_scaling_rule
from ..statuses import DEPLOYMENT_SETTLED
from ..waiters.deployment import wait_deployment_in


@dataclass
class ScalingRuleReconciler:
    client: ModelArtsClient
    waits: Waits

    def live(self, service_id: str, deployment_id: str) -> LivePolicy | None:
        policy = self.client.scaling_rules.get(service_id, deployment_id)
        return LivePolicy.from_api(policy) if policy else None

    def plan(self, service_id: str, deployment_id: str, desired: ScalingRuleSpec) -> Plan | None:
        live = self.live(service_id, deployment_id)
        if live is None:
            return None
        # The policy in state is the one under the recorded deployment.
        return plan_scaling_rule(desired, live, service_id, deployment_id)

    def ensure(self, desired: ScalingRuleSpec) -> dict[str, Any]:
        rules = self.client.scaling_rules
        # A deployment still deploying or upgrading refuses rule changes; wait it out.
        wait_deployment_in(self.client, desired.service_id, desired.deployment_id, DEPLOYMENT_SETTLED, self.waits)
        live = rules.get(desired.service_id, desired.deployment_id)
        if live is None:
            return rules.create(desired.service_id, desired.deployment_id, desired.create_body())
        plan = plan_scaling_rule(desired, LivePolicy.from_api(live))
        refuse_replace("ScalingRule", f"{desired.service_id}/{desired.deployment_id}", plan, ScalingRuleSpec)
        for step in plan.steps:
            if isinstance(step, EditRules):
                live = rules.update(desired.service_id, desired.deployment_id, desired.edit_body(list(step.edits)))
        return live

    def read(self, service_id: str, deployment_id: str) -> tuple[ScalingRuleSpec, dict[str, Any]] | None:
        raw = self.client.scaling_rules.get(service_id, deployment_id)
        if raw is None:
            return None
        return ScalingRuleSpec.from_api(service_id, deployment_id, LivePolicy.from_api(raw)), raw

    def delete(self, service_id: str, deployment_id: str) -> None:
        self.client.scaling_rules.delete(service_id, deployment_id)
