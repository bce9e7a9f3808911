"""Carrying out scaling-rule plans: ensure (create, adopt or converge each scaler), read, delete.

Each scaler is a per-service singleton: one already there (left by an
interrupted create, or made by hand) is adopted and converged; one deleted
behind our back is put back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ...core.retry import repeat_unless_done
from ..client import EasClient
from ..models.scaling_rule import ScalingRuleSpec
from ..planner.scaling_rule import DeleteScaler, PutScaler, plan_scaling_rule
from ..statuses import SERVICE_RESTING
from ..waiters.service import wait_service_in


@dataclass
class ScalingRuleReconciler:
    client: EasClient
    waits: Waits

    def live(self, deployment: str) -> ScalingRuleSpec | None:
        """Both scalers in input shape; None when the service has neither."""
        cron = self.client.scalers.cronscaler(deployment)
        autoscaler = self.client.scalers.autoscaler(deployment)
        if cron is None and autoscaler is None:
            return None
        return ScalingRuleSpec.from_api(deployment, cron, autoscaler)

    def plan(self, deployment: str, desired: ScalingRuleSpec) -> Plan | None:
        live = self.live(deployment)
        return None if live is None else plan_scaling_rule(desired, live)

    def ensure(self, desired: ScalingRuleSpec) -> ScalingRuleSpec:
        name = desired.deployment_name
        # A service still creating or updating may refuse scaler changes; wait it out.
        wait_service_in(self.client, name, SERVICE_RESTING, self.waits)
        live = self.live(name) or ScalingRuleSpec.model_construct(deployment_name=name, cron=None, autoscaler=None)
        plan = plan_scaling_rule(desired, live)
        refuse_replace("ScalingRule", name, plan, ScalingRuleSpec)
        scalers = self.client.scalers
        for step in plan.steps:
            # A create (POST) whose answer was lost is repeated only if the scaler is not there.
            if isinstance(step, PutScaler) and step.kind == "cron":
                repeat_unless_done(lambda: scalers.put_cronscaler(name, desired.cron.request_body(), step.exists),
                                   lambda: not step.exists and scalers.cronscaler(name) is not None)
            elif isinstance(step, PutScaler):
                repeat_unless_done(lambda: scalers.put_autoscaler(name, desired.autoscaler.request_body(), step.exists),
                                   lambda: not step.exists and scalers.autoscaler(name) is not None)
            elif isinstance(step, DeleteScaler) and step.kind == "cron":
                scalers.delete_cronscaler(name)
            elif isinstance(step, DeleteScaler):
                scalers.delete_autoscaler(name)
        return self.live(name) or live

    def delete(self, deployment: str) -> None:
        self.client.scalers.delete_cronscaler(deployment)
        self.client.scalers.delete_autoscaler(deployment)
