"""Pulumi glue for a ModelArts service."""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..clients.modelarts import ModelArtsClient
from ..models.service import ServiceSpec
from ..planner.plan import Plan
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


def sync_tags(client: ModelArtsClient, service_id: str, desired: ServiceSpec, live: ServiceSpec) -> None:
    wanted = {t.key: t.value for t in desired.tags}
    current = {t.key: t.value for t in live.tags}
    stale = [key for key in current if key not in wanted]
    changed = [{"key": k, "value": v} for k, v in wanted.items() if current.get(k) != v]
    if stale:
        client.services.delete_tags(service_id, stale)
    if changed:
        client.services.add_tags(service_id, changed)


def execute(client: ModelArtsClient, service_id: str, desired: ServiceSpec, live: ServiceSpec, plan: Plan,
            timeout: float) -> None:
    """Tags through the tag API, other settings through one update, then start/stop."""
    paths = {c.path.split(".")[0].split("[")[0] for c in plan.changes}
    if "tags" in paths:
        sync_tags(client, service_id, desired, live)
    if paths - {"tags", "state"}:
        client.services.update(service_id, desired.update_body())
        wait_service_settled(client, service_id, timeout)
    if "state" in paths and desired.state is not None:
        if desired.state == "stopped":
            client.services.stop(service_id)
        else:
            client.services.start(service_id)


class ServiceProvider(ModelArtsProvider):
    output_keys = frozenset({"service_id", "predict_url"})
    kind = "Service"
    spec_cls = ServiceSpec
    replace_reasons = REPLACE_FIELDS

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: ServiceSpec) -> Plan | None:
        live = find_service(self.client(), id_)
        return None if live is None else plan_service(desired, ServiceSpec.from_api(live, olds))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = ServiceSpec.model_validate(spec_inputs)
        client = self.client()
        # A previous `up` may have created the service and then failed while
        # waiting; adopting it by its unique name avoids a duplicate.
        existing = client.services.find_by_name(spec.name)
        if existing is None:
            service_id = client.services.create(spec.create_body())["id"]
            if spec.state == "stopped":
                self._converge(service_id, spec, meta, previous=spec.body())
        else:
            service_id = existing["id"]
            self._converge(service_id, spec, meta, previous=spec.body())
        live = wait_service_settled(client, service_id, meta["timeout_seconds"])
        return CreateResult(service_id, outputs(spec, meta, live))

    def _converge(self, service_id: str, spec: ServiceSpec, meta: dict[str, Any], previous: dict[str, Any]) -> None:
        client = self.client()
        live = ServiceSpec.from_api(wait_service_settled(client, service_id, meta["timeout_seconds"]), previous)
        plan = plan_service(spec, live)
        refuse_replace_if_needed("Service", spec.name, plan, {**meta, "allow_replace": False}, REPLACE_FIELDS)
        execute(client, service_id, spec, live, plan, meta["timeout_seconds"])

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = ServiceSpec.model_validate(spec_inputs)
        self._converge(id_, spec, meta, previous=olds)
        live = wait_service_settled(self.client(), id_, meta["timeout_seconds"])
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = find_service(self.client(), id_)
        if live is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        _, meta = self.split(props)
        spec = ServiceSpec.from_api(live, props)
        if props.get("state") is None:
            # Report the run state only to stacks that manage it.
            spec = spec.model_copy(update={"state": None})
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

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
