"""Pulumi glue for a ModelArts deployment."""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..clients.modelarts import ModelArtsClient
from ..models.deployment import DeploymentSpec
from ..planner.deployment import REPLACE_FIELDS, plan_deployment
from ..planner.plan import Action, Plan
from ..waiters.deployment import deployment_status, find_deployment, wait_deployment_gone, wait_deployment_in
from .base import ModelArtsProvider, refuse_replace_if_needed

SERVING = {"RUNNING"}


def outputs(spec: DeploymentSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {
        **spec.body(),
        **meta,
        "deployment_id": live["id"],
        "status": live.get("status"),
        "version": live.get("version"),
    }


def execute(client: ModelArtsClient, deployment_id: str, spec: DeploymentSpec, plan: Plan) -> None:
    """Carry out a plan with the fewest disruptive calls.

    A rolling upgrade PUTs the whole desired configuration (replica count
    included); a change of replica count alone goes through the scale API,
    which creates no new version.
    """
    actions = plan.actions - {Action.NOOP}
    if not actions:
        return
    if actions == {Action.SCALE}:
        client.deployments.scale(spec.service_id, spec.name, spec.count)
    else:
        client.deployments.update(spec.service_id, deployment_id, spec.update_body())


class DeploymentProvider(ModelArtsProvider):
    output_keys = frozenset({"deployment_id", "status", "version"})
    kind = "Deployment"
    spec_cls = DeploymentSpec
    replace_reasons = REPLACE_FIELDS

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: DeploymentSpec) -> Plan | None:
        # The deployment lives under the service recorded in state.
        service_id = olds.get("service_id", desired.service_id)
        live = find_deployment(self.client(), service_id, id_)
        return None if live is None else plan_deployment(desired, DeploymentSpec.from_api(service_id, live))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = DeploymentSpec.model_validate(spec_inputs)
        client = self.client()
        # Adopt a deployment left behind by an earlier create that failed
        # after the API accepted it, instead of creating a duplicate.
        existing = client.deployments.find_by_name(spec.service_id, spec.name)
        if existing is not None and deployment_status(existing) == "FAILED":
            # A first deploy that failed serves nothing: start over with the
            # desired configuration rather than adopt the broken one.
            client.deployments.delete(spec.service_id, existing["id"])
            wait_deployment_gone(client, spec.service_id, existing["id"], meta["timeout_seconds"])
            existing = None
        if existing is None:
            deployment_id = client.deployments.create(spec.service_id, spec.create_body())["id"]
        else:
            deployment_id = existing["id"]
            self._converge(deployment_id, spec, meta)
        live = wait_deployment_in(client, spec.service_id, deployment_id, SERVING, meta["timeout_seconds"])
        return CreateResult(deployment_id, outputs(spec, meta, live))

    def _converge(self, deployment_id: str, spec: DeploymentSpec, meta: dict[str, Any]) -> None:
        client = self.client()
        live = client.deployments.get(spec.service_id, deployment_id)
        plan = plan_deployment(spec, DeploymentSpec.from_api(spec.service_id, live))
        refuse_replace_if_needed("Deployment", spec.name, plan, {**meta, "allow_replace": False}, REPLACE_FIELDS)
        execute(client, deployment_id, spec, plan)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = DeploymentSpec.model_validate(spec_inputs)
        self._converge(id_, spec, meta)
        live = wait_deployment_in(self.client(), spec.service_id, id_, SERVING, meta["timeout_seconds"])
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        service_id = props.get("service_id")
        live = find_deployment(self.client(), service_id, id_) if service_id else None
        if live is None:
            return ReadResult(None, {})
        _, meta = self.split(props)
        spec = DeploymentSpec.from_api(service_id, live)
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        client = self.client()
        client.deployments.delete(props["service_id"], id_)
        wait_deployment_gone(client, props["service_id"], id_, meta["timeout_seconds"])


class Deployment(pulumi.dynamic.Resource, module="modelarts", name="Deployment"):
    """A versioned group of replicas serving behind a `Service`."""

    deployment_id: pulumi.Output[str]
    status: pulumi.Output[str]
    version: pulumi.Output[str]

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "deployment_id": None, "status": None, "version": None}
        super().__init__(DeploymentProvider(), resource_name, props, opts)
