"""The Pulumi resource for a PAI-EAS ScalingRule: a service's cron scaler and/or autoscaler.

The id is `<region>/<deployment_name>`: both scalers are singletons of one
service, so the service is the rule's identity (and the id to import with).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..args import ScalingRuleArgs
from ..ids import SCALING_RULE_ID, in_region
from ..models.scaling_rule import ScalingRuleSpec
from ..planner.scaling_rule import KINDS, managed_kinds
from ..reconcilers.scaling_rule import ScalingRuleReconciler
from ..settings import EAS

OUTPUT_KEYS = frozenset({"region", "has_cron", "has_autoscaler"})


def outputs(spec: ScalingRuleSpec, meta: dict[str, Any], region: str, live: ScalingRuleSpec) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "region": region, "has_cron": live.cron is not None,
            "has_autoscaler": live.autoscaler is not None}


class ScalingRuleProvider(CloudProvider):
    cloud = EAS
    kind = "ScalingRule"
    spec_cls = ScalingRuleSpec
    identity_field = "deployment_name"
    output_keys = OUTPUT_KEYS
    stable_outputs = frozenset({"region"})

    @staticmethod
    def label(spec: ScalingRuleSpec, fallback: str) -> str:
        return spec.deployment_name

    def reconciler(self, name: str, meta: dict[str, Any]) -> ScalingRuleReconciler:
        return ScalingRuleReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: ScalingRuleSpec, meta: dict[str, Any]) -> Plan | None:
        (deployment,) = in_region(SCALING_RULE_ID, id_, self.client().region)
        return self.reconciler(deployment, meta).plan(deployment, desired, olds)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        region = self.client().region
        live = self.reconciler(spec.deployment_name, meta).ensure(spec)
        return CreateResult(SCALING_RULE_ID.join(region, spec.deployment_name), outputs(spec, meta, region, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        live = self.reconciler(spec.deployment_name, meta).ensure(spec, olds)
        return UpdateResult(outputs(spec, meta, self.client().region, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        (deployment,) = in_region(SCALING_RULE_ID, id_, self.client().region)
        # A refresh reads the scalers the rule manages; an import (nothing recorded) reads both.
        live = self.reconciler(deployment, meta).read(deployment, managed_kinds(None, props) or KINDS)
        if live is None:
            return ReadResult(None, {})
        inputs = {**live.model_dump(mode="json", exclude_none=True), **meta}
        return ReadResult(id_, {**inputs, **outputs(live, meta, self.client().region, live)}, inputs)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        (deployment,) = in_region(SCALING_RULE_ID, id_, self.client().region)
        self.reconciler(deployment, meta).delete(deployment, props)


class ScalingRule(pulumi.dynamic.Resource, module="eas", name="ScalingRule"):
    """The cron scaler and/or metric autoscaler of one `Deployment`; while either exists it owns the
    deployment's instance count. The rule manages the kinds of scaler it declares (removing one deletes it);
    a scaler of a kind it never declared is left alone.

    Import an existing one with `pulumi.ResourceOptions(import_="<region>/<deployment_name>")`.
    """

    region: pulumi.Output[str]
    has_cron: pulumi.Output[bool]
    has_autoscaler: pulumi.Output[bool]

    def __init__(self, resource_name: str, args: ScalingRuleArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {**args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(ScalingRuleProvider(), resource_name, props, opts)
