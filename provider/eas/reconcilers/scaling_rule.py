"""Carrying out scaling-rule plans: ensure (create, adopt or converge each scaler), read, delete.

Each scaler is a per-service singleton: one already there (left by an
interrupted create, or made by hand) is adopted and converged; one deleted
behind our back is put back. A rule manages the kinds of scaler it declares
(or declared): only those are read, changed and deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core import recent
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ...core.retry import repeat_unless_done
from ..client import EasClient
from ..models.scaling_rule import ScalingRuleSpec
from ..planner.scaling_rule import KINDS, DeleteScaler, PutScaler, managed_kinds, plan_scaling_rule
from ..statuses import SERVICE_RESTING
from ..waiters.service import wait_service_in


@dataclass
class ScalingRuleReconciler:
    client: EasClient
    waits: Waits

    def live(self, deployment: str, kinds: tuple[str, ...] = KINDS) -> ScalingRuleSpec | None:
        """The scalers of `kinds` in input shape (the others as None); None when the service has none of them."""
        scalers = self.client.scalers
        cron = scalers.cronscaler(deployment) if "cron" in kinds else None
        autoscaler = scalers.autoscaler(deployment) if "autoscaler" in kinds else None
        if cron is None and autoscaler is None:
            return None
        return ScalingRuleSpec.from_api(deployment, cron, autoscaler)

    def recent_key(self, deployment: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
        return ("eas-scalers", self.client.region, deployment, *kinds)

    def read(self, deployment: str, kinds: tuple[str, ...]) -> ScalingRuleSpec | None:
        """What a refresh reads; kept a moment for the diff that follows it."""
        live = self.live(deployment, kinds)
        if live is not None:
            recent.put(self.recent_key(deployment, kinds), live)
        return live

    def plan(self, deployment: str, desired: ScalingRuleSpec, recorded: dict[str, Any]) -> Plan | None:
        kinds = managed_kinds(desired, recorded)
        live = recent.take(self.recent_key(deployment, kinds)) or self.live(deployment, kinds)
        return None if live is None else plan_scaling_rule(desired, live)

    def ensure(self, desired: ScalingRuleSpec, recorded: dict[str, Any] | None = None) -> ScalingRuleSpec:
        """Create, adopt or converge the scalers the rule manages (`recorded`: the inputs last applied)."""
        name = desired.deployment_name
        # A service still creating or updating may refuse scaler changes; wait it out.
        wait_service_in(self.client, name, SERVICE_RESTING, self.waits)
        kinds = managed_kinds(desired, recorded)
        found = self.live(name, kinds)
        if found is not None and recorded is None:
            present = " and ".join(k for k in kinds if getattr(found, k) is not None)
            self.waits.say(f"adopting the {present} scaler of service {name}, already there (left by an earlier "
                           "run, or made by hand)")
        live = found or ScalingRuleSpec.model_construct(deployment_name=name, cron=None, autoscaler=None)
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
        return self.live(name, kinds) or live

    def delete(self, deployment: str, recorded: dict[str, Any]) -> None:
        """Delete the scalers the rule manages; another kind is left alone."""
        kinds = managed_kinds(None, recorded)
        if "cron" in kinds:
            self.client.scalers.delete_cronscaler(deployment)
        if "autoscaler" in kinds:
            self.client.scalers.delete_autoscaler(deployment)
