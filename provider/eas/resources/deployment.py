"""The Pulumi resource for a PAI-EAS Deployment: one EAS service in a group (a thin adapter over
DeploymentReconciler). The id is `<region>/<name>`."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..args import DeploymentArgs
from ..ids import DEPLOYMENT_ID, in_region
from ..models.deployment import DeploymentSpec
from ..reconcilers.deployment import DeploymentReconciler
from ..settings import EAS

OUTPUT_KEYS = frozenset({"service_id", "status", "version", "internet_endpoint", "intranet_endpoint"})


def outputs(spec: DeploymentSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "service_id": live.get("ServiceId"), "status": live.get("Status"),
            "version": live.get("CurrentVersion"), "internet_endpoint": live.get("InternetEndpoint") or "",
            "intranet_endpoint": live.get("IntranetEndpoint") or ""}


class DeploymentProvider(CloudProvider):
    cloud = EAS
    kind = "Deployment"
    spec_cls = DeploymentSpec
    output_keys = OUTPUT_KEYS
    stable_outputs = frozenset({"service_id"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> DeploymentReconciler:
        return DeploymentReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: DeploymentSpec, meta: dict[str, Any]) -> Plan | None:
        (name,) = in_region(DEPLOYMENT_ID, id_, self.client().region)
        return self.reconciler(desired.name, meta).plan_by_name(name, desired)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(DEPLOYMENT_ID.join(self.client().region, spec.name), outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        live = self.reconciler(spec.name, meta).converge(spec)
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        (name,) = in_region(DEPLOYMENT_ID, id_, self.client().region)
        found = self.reconciler(name, meta).read(name, props)
        if found is None:
            return ReadResult(None, {})
        spec, live = found
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        (name,) = in_region(DEPLOYMENT_ID, id_, self.client().region)
        self.reconciler(name, meta).delete(name)


class Deployment(pulumi.dynamic.Resource, module="eas", name="Deployment"):
    """One PAI-EAS service, a member of a `Service`'s group (`metadata.group`): its service JSON, instances and
    versions, and its share of the group's traffic (`weight`).

    Import an existing one with `pulumi.ResourceOptions(import_="<region>/<name>")`.
    """

    service_id: pulumi.Output[str]
    status: pulumi.Output[str]
    version: pulumi.Output[int]
    internet_endpoint: pulumi.Output[str]
    intranet_endpoint: pulumi.Output[str]

    def __init__(self, resource_name: str, args: DeploymentArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(DeploymentProvider(), resource_name, props, opts)
