"""The Pulumi resource for a deployment's auto-scaling policy (HPA cron rules).

The resource id is `<service_id>/<deployment_id>`: the API addresses the
policy by its deployment (one policy per deployment), so that pair is the
policy's identity and also the id to import an existing policy with.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..ids import SCALING_RULE_ID
from ..models.scaling_rule import ScalingRuleSpec
from ..reconcilers.scaling_rule import ScalingRuleReconciler
from ..args import ScalingRuleArgs
from ..settings import MODELARTS


def outputs(spec: ScalingRuleSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "policy_id": live.get("id"), "status": live.get("status")}


class ScalingRuleProvider(CloudProvider):
    cloud = MODELARTS
    kind = "ScalingRule"
    spec_cls = ScalingRuleSpec
    identity_field = "deployment_id"
    output_keys = frozenset({"policy_id", "status"})
    stable_outputs = frozenset({"policy_id"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> ScalingRuleReconciler:
        return ScalingRuleReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: ScalingRuleSpec, meta: dict[str, Any]) -> Plan | None:
        service_id, deployment_id = SCALING_RULE_ID.split(id_)
        return self.reconciler(id_, meta).plan(service_id, deployment_id, desired)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        id_ = SCALING_RULE_ID.join(spec.service_id, spec.deployment_id)
        return CreateResult(id_, outputs(spec, meta, self.reconciler(id_, meta).ensure(spec)))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        return UpdateResult(outputs(spec, meta, self.reconciler(id_, meta).ensure(spec)))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        found = self.reconciler(id_, meta).read(*SCALING_RULE_ID.split(id_))
        if found is None:
            return ReadResult(None, {})
        spec, live = found
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        self.reconciler(id_, meta).delete(*SCALING_RULE_ID.split(id_))


class ScalingRule(pulumi.dynamic.Resource, module="modelarts", name="ScalingRule"):
    """The auto-scaling policy (periodic HPA rules) of one deployment.

    Import an existing policy with `pulumi.ResourceOptions(import_="<service_id>/<deployment_id>")`.
    """

    policy_id: pulumi.Output[str]
    status: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ScalingRuleArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {**args, "policy_id": None, "status": None}
        super().__init__(ScalingRuleProvider(), resource_name, props, opts)
