"""Pulumi glue for a ModelArts service."""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult

from ..models.service import ServiceSpec
from ..planner.plan import Action
from ..planner.service import REPLACE_FIELDS, plan_service
from ..waiters.service import find_service, wait_service_deleted, wait_service_settled
from .base import (
    ModelArtsProvider,
    check_failures,
    has_unknowns,
    refuse_replace_if_needed,
    report_plan,
)


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

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        spec_inputs, meta = self.split(news)
        failures = check_failures(ServiceSpec, spec_inputs)
        if failures or has_unknowns(spec_inputs):
            return CheckResult(news, failures)
        return CheckResult({**ServiceSpec.model_validate(spec_inputs).body(), **meta}, [])

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        spec_inputs, meta = self.split(news)
        if has_unknowns(spec_inputs):
            return DiffResult(changes=True)
        desired = ServiceSpec.model_validate(spec_inputs)
        live = find_service(self.client(), id_)
        if live is None:
            print(f"[modelarts] Service {desired.name}: {id_} no longer exists; it will be created again", flush=True)
            return DiffResult(changes=True, replaces=["name"], delete_before_replace=True)
        plan = plan_service(desired, ServiceSpec.from_api(live))
        refuse_replace_if_needed("Service", desired.name, plan, meta, REPLACE_FIELDS)
        report_plan("Service", desired.name, plan)
        meta_changed = any(olds.get(k) != v for k, v in meta.items())
        return DiffResult(
            changes=plan.action is not Action.NOOP or meta_changed,
            replaces=plan.replace_fields,
            # Service names are unique in a project: the old one must go first.
            delete_before_replace=True,
        )

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
