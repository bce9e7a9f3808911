"""The Pulumi resource for a ModelArts v1 service (a thin adapter over ServiceReconciler)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CheckResult, CreateResult, ReadResult, UpdateResult

from ....core import recent
from ....core.plan import Plan
from ....core.provider import CloudProvider, recorded_inputs
from ....core.settings import SettingsError
from ..args import ServiceArgs
from ..catalogue import catalogue_for, service_problems
from ..models.common import as_recorded
from ..models.service import ServiceSpec, update_problems
from ..planner.service import refuse_replace
from ..reconcilers.service import ServiceReconciler
from ..settings import MODELARTS_V1

OUTPUT_KEYS = ("service_id", "access_address")
# Set by `check` on the inputs of a service the engine already knows (from the stack's state, or read
# for an import): policies see only inputs, and the `no-new-v1-services` policy tells new ones by it.
EXISTING = "existing"


def outputs(spec: ServiceSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    # No volatile fields (status, progress, times): refresh must only show real drift.
    return {**recorded_inputs(spec, meta), "service_id": live["service_id"],
            "access_address": live.get("access_address") or ""}


def read_outputs(spec: ServiceSpec, meta: dict[str, Any], live: dict[str, Any], recorded: dict[str, Any]
                 ) -> dict[str, Any]:
    """The outputs of a read: the live settings in the shape of the recorded inputs."""
    return {**as_recorded(spec.body(), recorded), **meta, "service_id": live["service_id"],
            "access_address": live.get("access_address") or ""}


def _judged(body: dict[str, Any]) -> tuple:
    """What the platform's catalogue judges: the type, the pools, and each entry's model and flavor."""
    entries = [(e.get("model_id"), e.get("specification"), e.get("pool_name"))
               for e in body.get("config") or [] if isinstance(e, dict)]
    return body.get("infer_type"), body.get("pool_name"), entries


def _recent_key(service_id: str) -> tuple[str, str]:
    return ("modelarts-v1 service", service_id)


class ServiceProvider(CloudProvider):
    cloud = MODELARTS_V1
    kind = "Service"
    spec_cls = ServiceSpec
    output_keys = frozenset({*OUTPUT_KEYS, EXISTING})
    stable_outputs = frozenset({*OUTPUT_KEYS, EXISTING})
    identity_field = "service_name"

    @staticmethod
    def label(spec: ServiceSpec, fallback: str) -> str:
        return spec.service_name or fallback

    def reconciler(self, name: str, meta: dict[str, Any]) -> ServiceReconciler:
        return ServiceReconciler(self.client(), self.waits(name, meta))

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        return CheckResult({**result.inputs, EXISTING: True}, result.failures) if olds else result

    def live_problems(self, olds: dict[str, Any], desired: ServiceSpec) -> list[tuple[str, str]]:
        """Flavors, pools, models and (for a new service) the quota, as the platform knows them; judged
        when they are new (no reads on a no-op)."""
        if olds and _judged(olds) == _judged(desired.body()):
            return update_problems(desired, olds)
        try:
            catalogue = catalogue_for(self.client())
        except SettingsError:
            return []  # no connection settings yet: the create reports them
        problems = service_problems(desired, catalogue, creating=not olds)
        return problems + (update_problems(desired, olds) if olds else [])

    def plan(self, id_: str, olds: dict[str, Any], desired: ServiceSpec, meta: dict[str, Any]) -> Plan | None:
        live = recent.take(_recent_key(id_)) or self.client().services.find(id_)
        if live is None:
            return None
        recent.put(_recent_key(id_), live)  # the update that may follow plans from the same read
        plan = self.reconciler(desired.service_name, meta).plan_live(live, desired, olds)
        refuse_replace(desired.service_name, plan, allowed=meta["allow_replace"])
        return plan

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(spec.service_name, meta).create(spec)
        return CreateResult(live["service_id"], outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        live = self.reconciler(spec.service_name, meta).converge(id_, spec, olds, recent.take(_recent_key(id_)))
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        found = self.reconciler(str(props.get("service_name") or id_), meta).read(id_, props)
        if found is None:
            return ReadResult(None, {})  # gone: the engine drops it from the state
        spec, live = found
        recent.put(_recent_key(id_), live)  # a refresh diffs right after reading
        return ReadResult(id_, read_outputs(spec, meta, live, props), {**as_recorded(spec.body(), props), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        self.reconciler(str(props.get("service_name") or id_), meta).delete(id_)


class Service(pulumi.dynamic.Resource, module="modelarts-v1", name="Service"):
    """A ModelArts v1 service (`/v1/{project_id}/services`): published `Model`s deployed as one real-time,
    batch or edge service. `service_name` defaults to the resource name.

    Import an existing one with `pulumi.ResourceOptions(import_="<service_id>")`.
    """

    service_id: pulumi.Output[str]
    access_address: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ServiceArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"service_name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(ServiceProvider(), resource_name, props, opts)
