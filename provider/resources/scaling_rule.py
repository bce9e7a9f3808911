"""Pulumi glue for a deployment's auto-scaling policy (HPA cron rules).

The resource id is `<service_id>/<deployment_id>`: the API addresses the
policy by its deployment (one policy per deployment), so that pair is the
policy's identity and also the id to import an existing policy with.
"""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..clients.modelarts import ModelArtsClient
from ..models.scaling_rule import ScalingRuleSpec
from ..planner.plan import Action, Plan
from ..planner.scaling_rule import REPLACE_FIELDS, plan_scaling_rule, rule_operations
from ..waiters.deployment import wait_deployment_in
from .base import ModelArtsProvider, refuse_replace_if_needed

# Deployment statuses in which the platform accepts rule changes (domain-spec 12).
EDITABLE = {"RUNNING", "STOPPED", "CONCERNING"}


def policy_id(service_id: str, deployment_id: str) -> str:
    return f"{service_id}/{deployment_id}"


def parse_id(id_: str) -> tuple[str, str]:
    service_id, sep, deployment_id = id_.partition("/")
    if not sep or not service_id or not deployment_id or "/" in deployment_id:
        raise ValueError(f"a ScalingRule id is '<service_id>/<deployment_id>', got {id_!r}")
    return service_id, deployment_id


def outputs(spec: ScalingRuleSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {**spec.body(), **meta, "policy_id": live.get("id"), "status": live.get("status")}


class ScalingRuleProvider(ModelArtsProvider):
    identity_field = "deployment_id"
    output_keys = frozenset({"policy_id", "status"})
    kind = "ScalingRule"
    spec_cls = ScalingRuleSpec
    replace_reasons = REPLACE_FIELDS

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: ScalingRuleSpec) -> Plan | None:
        # The policy in state is the one under the recorded deployment.
        service_id, deployment_id = parse_id(id_)
        live = self.client().scaling_rules.get(service_id, deployment_id)
        if live is None:
            return None
        return plan_scaling_rule(desired, ScalingRuleSpec.from_api(service_id, deployment_id, live))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = ScalingRuleSpec.model_validate(spec_inputs)
        live = self._ensure(spec, meta)
        return CreateResult(policy_id(spec.service_id, spec.deployment_id), outputs(spec, meta, live))

    def _ensure(self, spec: ScalingRuleSpec, meta: dict[str, Any]) -> dict[str, Any]:
        """The deployment's policy brought to `spec`, created if there is none.

        One policy per deployment: a policy already there (left by an
        interrupted create, or made by hand) is adopted and converged; one
        deleted behind our back is put back.
        """
        client = self.client()
        _wait_editable(client, spec, meta)
        live = client.scaling_rules.get(spec.service_id, spec.deployment_id)
        if live is None:
            return client.scaling_rules.create(spec.service_id, spec.deployment_id, spec.create_body())
        return self._converge(spec, live)

    def _converge(self, spec: ScalingRuleSpec, live: dict[str, Any]) -> dict[str, Any]:
        plan = plan_scaling_rule(spec, ScalingRuleSpec.from_api(spec.service_id, spec.deployment_id, live))
        refuse_replace_if_needed(self.kind, policy_id(spec.service_id, spec.deployment_id), plan,
                                 {"allow_replace": False}, REPLACE_FIELDS)
        if plan.action is Action.NOOP:
            return live
        # `id` is the deployment the policy is bound to (reference 4.4).
        body = {"id": spec.deployment_id, "hpa_rules": rule_operations(spec, live)}
        return self.client().scaling_rules.update(spec.service_id, spec.deployment_id, body)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = ScalingRuleSpec.model_validate(spec_inputs)
        return UpdateResult(outputs(spec, meta, self._ensure(spec, meta)))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        service_id, deployment_id = parse_id(id_)
        live = self.client().scaling_rules.get(service_id, deployment_id)
        if live is None:
            return ReadResult(None, {})
        _, meta = self.split(props)
        spec = ScalingRuleSpec.from_api(service_id, deployment_id, live)
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        service_id, deployment_id = parse_id(id_)
        self.client().scaling_rules.delete(service_id, deployment_id)


def _wait_editable(client: ModelArtsClient, spec: ScalingRuleSpec, meta: dict[str, Any]) -> None:
    # A deployment still deploying or upgrading refuses rule changes; wait it out.
    wait_deployment_in(client, spec.service_id, spec.deployment_id, EDITABLE, meta["timeout_seconds"])


class ScalingRule(pulumi.dynamic.Resource, module="modelarts", name="ScalingRule"):
    """The auto-scaling policy (periodic HPA rules) of one deployment.

    Import an existing policy with `pulumi.ResourceOptions(import_="<service_id>/<deployment_id>")`.
    """

    policy_id: pulumi.Output[str]
    status: pulumi.Output[str]

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {**args, "policy_id": None, "status": None}
        super().__init__(ScalingRuleProvider(), resource_name, props, opts)
