"""Pulumi glue for a ModelArts service."""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..models.service import ServiceSpec
from ..planner.plan import Action, Plan
from ..planner.service import REPLACE_FIELDS, plan_service
from ..waiters.service import find_service, wait_service_deleted, wait_service_settled
from .base import ModelArtsProvider, refuse_replace_if_needed


def predict_url(live: dict[str, Any]) -> str:
    """The public inference URL, falling back to whatever URL the platform gives."""
    entries = live.get("predict_url") or []
    for wanted in ("PUBLIC", "INTERNAL", "CONSOLE"):
        for entry in entries:
            if entry.get("type") == wanted and entry.get("urls"):
                return entry["urls"][0]
    return (live.get("version") or {}).get("predict_url") or ""


def outputs(spec: ServiceSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    # No volatile fields (status, timestamps): refresh must only show real drift.
    return {**spec.body(), **meta, "service_id": live["id"], "predict_url": predict_url(live)}


class ServiceProvider(ModelArtsProvider):
    output_keys = frozenset({"service_id", "predict_url"})
    kind = "Service"
    spec_cls = ServiceSpec
    replace_reasons = REPLACE_FIELDS

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: ServiceSpec) -> Plan | None:
        live = find_service(self.client(), id_)
        return None if live is None else plan_service(desired, ServiceSpec.from_api(live))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = ServiceSpec.model_validate(spec_inputs)
        client = self.client()
        # A previous `up` may have created the service and then failed while
        # waiting; adopting it by its unique name avoids a duplicate.
        existing = client.services.find_by_name(spec.name)
        if existing is None:
            service_id = client.services.create(spec.create_body())["id"]
        else:
            service_id = existing["id"]
            self._converge(service_id, spec, meta)
        live = wait_service_settled(client, service_id, meta["timeout_seconds"])
        return CreateResult(service_id, outputs(spec, meta, live))

    def _converge(self, service_id: str, spec: ServiceSpec, meta: dict[str, Any]) -> None:
        client = self.client()
        live = wait_service_settled(client, service_id, meta["timeout_seconds"])
        plan = plan_service(spec, ServiceSpec.from_api(live))
        refuse_replace_if_needed("Service", spec.name, plan, {**meta, "allow_replace": False}, REPLACE_FIELDS)
        if plan.action is not Action.NOOP:
            client.services.update(service_id, spec.update_body())

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = ServiceSpec.model_validate(spec_inputs)
        self._converge(id_, spec, meta)
        live = wait_service_settled(self.client(), id_, meta["timeout_seconds"])
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = find_service(self.client(), id_)
        if live is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        _, meta = self.split(props)
        spec = ServiceSpec.from_api(live)
        outs = outputs(spec, meta, live)
        inputs = {**spec.body(), **meta}
        return ReadResult(id_, outs, inputs)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        client = self.client()
        client.services.delete(id_)
        wait_service_deleted(client, id_, meta["timeout_seconds"])


class Service(pulumi.dynamic.Resource, module="modelarts", name="Service"):
    """A ModelArts real-time inference service (no deployments: add `Deployment`s)."""

    service_id: pulumi.Output[str]
    predict_url: pulumi.Output[str]

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "service_id": None, "predict_url": None}
        super().__init__(ServiceProvider(), resource_name, props, opts)
