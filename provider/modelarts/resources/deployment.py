"""The Pulumi resource for a ModelArts deployment (a thin adapter over DeploymentReconciler)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core import recent
from ...core.provider import CloudProvider, recorded_inputs
from ..catalogue import catalogue_for, deployment_problems
from ..ids import locate_deployment
from ..models.deployment import DeploymentSpec
from ..planner.deployment import remember_version
from ..reconcilers.deployment import DeploymentReconciler
from ..args import DeploymentArgs
from ..settings import MODELARTS


def outputs(spec: DeploymentSpec, meta: dict[str, Any], live: dict[str, Any],
            versions: dict[str, str]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "deployment_id": live["id"], "status": live.get("status"),
            "version": live.get("version"), "versions": versions}


def recorded(props: dict[str, Any]) -> dict[str, str]:
    """The versions this stack rolled out, as the state remembers them."""
    versions = props.get("versions")
    return dict(versions) if isinstance(versions, dict) else {}


class DeploymentProvider(CloudProvider):
    cloud = MODELARTS
    kind = "Deployment"
    spec_cls = DeploymentSpec
    output_keys = frozenset({"deployment_id", "status", "version", "versions"})
    stable_outputs = frozenset({"deployment_id"})

    def reconciler(self, name: str, meta: dict[str, Any], props: dict[str, Any] | None = None) -> DeploymentReconciler:
        return DeploymentReconciler(self.client(), self.waits(name, meta), recorded(props or {}))

    def live_problems(self, olds: dict[str, Any], desired: DeploymentSpec) -> list[tuple[str, str]]:
        """A pool or flavor the platform does not offer, judged when it is new (no reads on a no-op)."""
        before = {"pool_id": olds.get("pool_id"), "flavors": [u.get("flavor") for u in olds.get("unit_configs") or []]}
        now = {"pool_id": desired.pool_id, "flavors": [u.flavor for u in desired.unit_configs]}
        return [] if olds and before == now else deployment_problems(desired, catalogue_for(self.client()))

    def plan(self, id_: str, olds: dict[str, Any], desired: DeploymentSpec, meta: dict[str, Any]) -> Plan | None:
        service_id, deployment_id = locate_deployment(id_, olds)
        service_id = service_id or desired.service_id
        live = recent.take(("deployment", deployment_id)) or self.client().deployments.find(service_id, deployment_id)
        if live is None:
            return None
        recent.put(("deployment", deployment_id), live)  # the update that may follow plans from the same read
        return self.reconciler(desired.name, meta, olds).plan(service_id, desired, live)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(live["id"], outputs(spec, meta, live, remember_version({}, live.get("version"), spec)))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        service_id, deployment_id = locate_deployment(id_, olds)
        live = self.reconciler(spec.name, meta, olds).converge(service_id or spec.service_id, deployment_id, spec,
                                                               recent.take(("deployment", deployment_id)))
        versions = remember_version(recorded(olds), live.get("version"), spec)
        return UpdateResult(outputs(spec, meta, live, versions))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        service_id, deployment_id = locate_deployment(id_, props)
        found = self.reconciler(str(props.get("name") or id_), meta).read(service_id, deployment_id, props)
        if found is None:
            return ReadResult(None, {})
        spec, live = found
        recent.put(("deployment", deployment_id), live)  # a refresh diffs right after reading
        return ReadResult(id_, outputs(spec, meta, live, recorded(props)), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        service_id, deployment_id = locate_deployment(id_, props)
        self.reconciler(str(props.get("name") or id_), meta).delete(service_id, deployment_id)


class Deployment(pulumi.dynamic.Resource, module="modelarts", name="Deployment"):
    """A versioned group of replicas serving behind a `Service`.

    Import an existing one with `pulumi.ResourceOptions(import_="<service_id>/<deployment_id>")`.
    """

    deployment_id: pulumi.Output[str]
    status: pulumi.Output[str]
    version: pulumi.Output[str]
    # Versions this stack rolled out (version -> configuration digest): what a revert switches back to.
    versions: pulumi.Output[dict]

    def __init__(self, resource_name: str, args: DeploymentArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "deployment_id": None, "status": None, "version": None,
                 "versions": None}
        super().__init__(DeploymentProvider(), resource_name, props, opts)
