"""Pulumi glue for a ModelArts intranet (private network) connection.

Manual approval: when the service requires approval
(`runtime_config.service_invoke.intranet_approval_enable: true`), create
waits at most `approval_wait_seconds` (default 60) for the owner, then
SUCCEEDS with `status: APPROVING` and says so on stderr. The connection
exists and is recorded, so nothing is created twice; once it is approved, a
`pulumi refresh` shows the new status, and a `pulumi up` plans a status-only
update that records it. A rejected, revoked or failed connection fails the
wait with the platform's reason.
"""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..clients.modelarts import ModelArtsClient
from ..models.intranet_connection import IntranetConnectionSpec
from ..planner.intranet_connection import REPLACE_FIELDS, plan_intranet_connection
from ..planner.plan import Action, Plan
from ..waiters.intranet_connection import (
    connection_status,
    find_connection,
    wait_connection_gone,
    wait_connection_ready,
)
from .base import ModelArtsProvider, refuse_replace_if_needed

APPROVAL_WAIT_DEFAULT = 60
OUTPUT_KEYS = frozenset({"connection_id", "status", "url_list"})
# A leftover in one of these serves nothing: a new request replaces it.
ENDED = {"REJECTED", "CANCELED"}


def outputs(spec: IntranetConnectionSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {
        **spec.body(),
        **meta,
        "connection_id": live["id"],
        "status": connection_status(live),
        # The private access addresses appear once the connection is CONNECTED.
        "url_list": list(live.get("url_list") or []),
    }


def label(spec: IntranetConnectionSpec, fallback: str = "") -> str:
    return spec.name or fallback


class IntranetConnectionProvider(ModelArtsProvider):
    output_keys = OUTPUT_KEYS
    kind = "IntranetConnection"
    spec_cls = IntranetConnectionSpec
    replace_reasons = REPLACE_FIELDS

    def split(self, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        # One provider option of our own, beside the shared ones.
        spec, meta = super().split(props)
        wait = spec.pop("approval_wait_seconds", None)
        meta["approval_wait_seconds"] = APPROVAL_WAIT_DEFAULT if wait is None else wait
        return spec, meta

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: IntranetConnectionSpec) -> Plan | None:
        live = find_connection(self.client(), id_)
        if live is None:
            return None
        return plan_intranet_connection(desired, IntranetConnectionSpec.from_api(live), olds.get("status"),
                                        connection_status(live))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = IntranetConnectionSpec.model_validate(spec_inputs)
        client = self.client()
        connection_id = self._adopt(client, spec, meta) or client.intranet_connections.create(spec.create_body())["id"]
        live = self._wait(client, connection_id, spec, meta)
        return CreateResult(connection_id, outputs(spec, meta, live))

    def _adopt(self, client: ModelArtsClient, spec: IntranetConnectionSpec, meta: dict[str, Any]) -> str | None:
        """The id of a leftover connection for the same service and network, brought to `spec`.

        Only one may exist per service and VPC (or pool), so an earlier create
        that the API accepted must be adopted rather than requested again.
        """
        existing = client.intranet_connections.find_for(spec.service_id, spec.scene, spec.vpc_id, spec.pool_id)
        if existing is None:
            return None
        if connection_status(existing) in ENDED:
            client.intranet_connections.delete(existing["id"])
            wait_connection_gone(client, existing["id"], meta["timeout_seconds"])
            return None
        self._converge(existing["id"], spec, existing, adopting=True)
        return existing["id"]

    def _converge(self, connection_id: str, spec: IntranetConnectionSpec, live: dict[str, Any],
                  adopting: bool = False) -> None:
        client = self.client()
        plan = plan_intranet_connection(spec, IntranetConnectionSpec.from_api(live))
        if adopting:
            # A leftover with another subnet or dispatcher group cannot be adopted as is.
            refuse_replace_if_needed(self.kind, label(spec, connection_id), plan, {"allow_replace": False},
                                     REPLACE_FIELDS)
        if Action.UPDATE in plan.actions and spec.custom_urls is not None:
            client.intranet_connections.modify(connection_id, spec.custom_urls)
        if connection_status(live) == "FAILED":
            # The platform's answer to "Connection failed. Try again".
            client.intranet_connections.act(connection_id, "RETRY")

    def _wait(self, client: ModelArtsClient, connection_id: str, spec: IntranetConnectionSpec,
              meta: dict[str, Any]) -> dict[str, Any]:
        return wait_connection_ready(client, connection_id, label(spec, connection_id), meta["timeout_seconds"],
                                     meta["approval_wait_seconds"])

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = IntranetConnectionSpec.model_validate(spec_inputs)
        client = self.client()
        self._converge(id_, spec, client.intranet_connections.get(id_))
        return UpdateResult(outputs(spec, meta, self._wait(client, id_, spec, meta)))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = find_connection(self.client(), id_)
        if live is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        _, meta = self.split(props)
        spec = IntranetConnectionSpec.from_api(live, name=props.get("name"))
        return ReadResult(id_, outputs(spec, meta, live), {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        client = self.client()
        client.intranet_connections.delete(id_)
        wait_connection_gone(client, id_, meta["timeout_seconds"])


class IntranetConnection(pulumi.dynamic.Resource, module="modelarts", name="IntranetConnection"):
    """Private access to a `Service` from your VPC (or resource-pool network)."""

    connection_id: pulumi.Output[str]
    status: pulumi.Output[str]
    url_list: pulumi.Output[list]

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(IntranetConnectionProvider(), resource_name, props, opts)
