"""The Pulumi resource for a ModelArts service (a thin adapter over ServiceReconciler)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core import recent
from ...core.provider import CloudProvider, recorded_inputs
from ..catalogue import catalogue_for, quota_problems
from ..models.service import ServiceSpec
from ..reconcilers.service import ServiceReconciler, predict_url
from ..args import ServiceArgs
from ..settings import MODELARTS


def outputs(spec: ServiceSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    # No volatile fields (status, timestamps): refresh must only show real drift.
    return {**recorded_inputs(spec, meta), "service_id": live["id"], "predict_url": predict_url(live)}


class ServiceProvider(CloudProvider):
    cloud = MODELARTS
    kind = "Service"
    spec_cls = ServiceSpec
    output_keys = frozenset({"service_id", "predict_url"})
    stable_outputs = frozenset({"service_id", "predict_url"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> ServiceReconciler:
        return ServiceReconciler(self.client(), self.waits(name, meta))

    def live_problems(self, olds: dict[str, Any], desired: ServiceSpec) -> list[tuple[str, str]]:
        """A new service must fit in the project's quota (with the others this run creates)."""
        return [] if olds else quota_problems(desired.name, catalogue_for(self.client()))

    def plan(self, id_: str, olds: dict[str, Any], desired: ServiceSpec, meta: dict[str, Any]) -> Plan | None:
        live = recent.take(("service", id_)) or self.client().services.find(id_)
        if live is None:
            return None
        recent.put(("service", id_), live)  # the update that may follow plans from the same read
        return self.reconciler(desired.name, meta).plan_live(live, desired, olds)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(live["id"], outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        live = self.reconciler(spec.name, meta).converge(id_, spec, olds, recent.take(("service", id_)))
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        found = self.reconciler(str(props.get("name") or id_), meta).read(id_, props)
        if found is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        spec, live = found
        recent.put(("service", id_), live)  # a refresh diffs right after reading
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        self.reconciler(str(props.get("name") or id_), meta).delete(id_)


class Service(pulumi.dynamic.Resource, module="modelarts", name="Service"):
    """A ModelArts real-time inference service (no deployments: add `Deployment`s)."""

    service_id: pulumi.Output[str]
    predict_url: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ServiceArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "service_id": None, "predict_url": None}
        super().__init__(ServiceProvider(), resource_name, props, opts)
