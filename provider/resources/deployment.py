"""Pulumi glue for a ModelArts deployment."""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..clients.modelarts import ApiError, ModelArtsClient
from ..models.common import live_state
from ..models.deployment import DeploymentSpec
from ..planner.deployment import REPLACE_FIELDS, matching_version, plan_deployment
from ..planner import ownership
from ..planner.plan import Action, Plan
from ..planner.rollout import rollout_shape
from ..waiters.deployment import (
    deployment_status,
    find_deployment,
    verify_rollout,
    wait_deployment_gone,
    wait_deployment_in,
)
from ..waiters.service import alarming_events, event_ids
from .base import ModelArtsProvider, refuse_replace_if_needed

SETTLED = {"RUNNING", "CONCERNING", "STOPPED"}
MAX_CONVERGE_STEPS = 4
VERSIONS_CONSIDERED = 10


def locate(id_: str, props: dict[str, Any]) -> tuple[str, str]:
    """(service id, deployment id); imports use the id `<service_id>/<deployment_id>`."""
    if "/" in id_:
        service_id, deployment_id = id_.split("/", 1)
        return service_id, deployment_id
    return props.get("service_id") or "", id_


def outputs(spec: DeploymentSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {
        **spec.body(),
        **meta,
        "deployment_id": live["id"],
        "status": live.get("status"),
        "version": live.get("version"),
    }


class DeploymentProvider(ModelArtsProvider):
    output_keys = frozenset({"deployment_id", "status", "version"})
    kind = "Deployment"
    spec_cls = DeploymentSpec
    replace_reasons = REPLACE_FIELDS

    # ----- planning ---------------------------------------------------------------------

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: DeploymentSpec) -> Plan | None:
        service_id, deployment_id = locate(id_, olds)
        live = find_deployment(self.client(), service_id or desired.service_id, deployment_id)
        if live is None:
            return None
        return self.plan(desired, live, service_id or desired.service_id)[0]

    def plan(self, desired: DeploymentSpec, live: dict[str, Any], service_id: str,
             owned: set[str] | None = None) -> tuple[Plan, str | None]:
        """The plan and, for an upgrade back to a recorded configuration, that version.

        `owned`: fields something else manages, when the caller already knows them.
        """
        if owned is None:
            owned = self.owned_fields(service_id, live["id"])
        state = live_state(deployment_status(live)) if desired.state else None
        live_spec = DeploymentSpec.from_api(service_id, live, state)
        plan = plan_deployment(desired, live_spec, ignored=owned)
        if plan.action is not Action.ROLLING_UPGRADE:
            return plan, None
        version = self.recorded_version_matching(desired, live, service_id)
        if version is None:
            shape = rollout_shape(desired.count, desired.advanced_config.upgrade_config.rolling_update)
            return plan.with_note(f"from version {live.get('version')} to a new version in {shape.describe()}"), None
        return plan.with_note(f"switches back to version {version}, which has the desired configuration"), version

    def owned_fields(self, service_id: str, deployment_id: str) -> set[str]:
        """Fields something else manages: an enabled scaling rule owns the replica count."""
        return ownership.owned_fields(self.client().scaling_rules.get(service_id, deployment_id))

    def recorded_version_matching(self, desired: DeploymentSpec, live: dict[str, Any], service_id: str) -> str | None:
        client = self.client()
        try:
            versions = client.deployments.versions(service_id, live["id"])
        except ApiError:
            return None
        candidates: dict[str, DeploymentSpec] = {}
        for entry in versions[-VERSIONS_CONSIDERED:]:
            version = entry.get("version")
            if not version or version == live.get("version"):
                continue
            try:
                recorded = client.deployments.get_version(service_id, live["id"], version)
            except ApiError:
                continue
            candidates[version] = DeploymentSpec.from_api(service_id, recorded, desired.state)
        return matching_version(desired, candidates)

    # ----- carrying a plan out ------------------------------------------------------------

    def converge(self, service_id: str, deployment_id: str, spec: DeploymentSpec, meta: dict[str, Any]) -> dict[str, Any]:
        """Take one step at a time (switch, upgrade, scale, start/stop) until nothing is left.

        Each step waits for the deployment to settle, so the next one starts
        from a state the platform accepts.
        """
        client = self.client()
        timeout = meta["timeout_seconds"]
        live = wait_deployment_in(client, service_id, deployment_id, SETTLED, timeout)
        for _ in range(MAX_CONVERGE_STEPS):
            owned = self.owned_fields(service_id, deployment_id)
            plan, version = self.plan(spec, live, service_id, owned)
            if plan.action is Action.NOOP:
                return live
            refuse_replace_if_needed(self.kind, spec.name, plan, {**meta, "allow_replace": False}, REPLACE_FIELDS)
            # An upgrade sends the whole configuration: keep what a scaling rule set.
            sent = ownership.yield_owned(spec, DeploymentSpec.from_api(service_id, live), owned)
            upgrading = version is not None or Action.ROLLING_UPGRADE in plan.actions
            # Whatever the platform reports after this point belongs to this step.
            seen = event_ids(alarming_events(client, service_id)) if upgrading else set()
            expected = self.step(client, service_id, deployment_id, sent, plan, version, live.get("weight"))
            live = wait_deployment_in(client, service_id, deployment_id, SETTLED, timeout)
            if expected is not None:
                # A switch restores that version's replica count: check against the live target.
                shape = rollout_shape(int(live.get("count") or sent.count),
                                      sent.advanced_config.upgrade_config.rolling_update)
                verify_rollout(client, service_id, live, expected, shape.min_ready, seen)
        raise RuntimeError(f"Deployment {spec.name} did not converge after {MAX_CONVERGE_STEPS} steps: {plan.summary()}")

    @staticmethod
    def step(client: ModelArtsClient, service_id: str, deployment_id: str, spec: DeploymentSpec,
             plan: Plan, version: str | None, live_weight: int | None) -> str | None:
        """Make one call; for a rolling upgrade, return the version it must end on."""
        actions = plan.actions
        if version is not None:
            client.deployments.switch_version(service_id, deployment_id, version)
            return version
        if actions & {Action.ROLLING_UPGRADE, Action.UPDATE, Action.TRAFFIC}:
            # The whole desired configuration, replica count included.
            answer = client.deployments.update(service_id, deployment_id, spec.update_body(live_weight))
            return answer.get("version") if Action.ROLLING_UPGRADE in actions else None
        if Action.SCALE in actions:
            client.deployments.scale(service_id, spec.name, spec.count)
        elif Action.START_STOP in actions:
            if spec.state == "stopped":
                client.deployments.stop(service_id, deployment_id)
            else:
                client.deployments.start(service_id, deployment_id)
        return None

    # ----- lifecycle ----------------------------------------------------------------------

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
            wait_deployment_in(client, spec.service_id, deployment_id, {"RUNNING"}, meta["timeout_seconds"])
        else:
            deployment_id = existing["id"]
        live = self.converge(spec.service_id, deployment_id, spec, meta)
        return CreateResult(deployment_id, outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = DeploymentSpec.model_validate(spec_inputs)
        service_id, deployment_id = locate(id_, olds)
        live = self.converge(service_id or spec.service_id, deployment_id, spec, meta)
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        service_id, deployment_id = locate(id_, props)
        live = find_deployment(self.client(), service_id, deployment_id) if service_id else None
        if live is None:
            return ReadResult(None, {})
        _, meta = self.split(props)
        # Report the run state only to stacks that manage it.
        state = live_state(deployment_status(live)) if props.get("state") else None
        spec = DeploymentSpec.from_api(service_id, live, state)
        if props.get("count") and "count" in self.owned_fields(service_id, deployment_id):
            # The scaling rule moves the count on its own; that is not drift.
            spec = spec.model_copy(update={"count": props["count"]})
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        service_id, deployment_id = locate(id_, props)
        client = self.client()
        client.deployments.delete(service_id, deployment_id)
        wait_deployment_gone(client, service_id, deployment_id, meta["timeout_seconds"])


class Deployment(pulumi.dynamic.Resource, module="modelarts", name="Deployment"):
    """A versioned group of replicas serving behind a `Service`.

    Import an existing one with `pulumi.ResourceOptions(import_="<service_id>/<deployment_id>")`.
    """

    deployment_id: pulumi.Output[str]
    status: pulumi.Output[str]
    version: pulumi.Output[str]

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "deployment_id": None, "status": None, "version": None}
        super().__init__(DeploymentProvider(), resource_name, props, opts)
