"""The Pulumi resource for a ModelArts intranet (private network) connection.

Manual approval: when the service requires approval
(`runtime_config.service_invoke.intranet_approval_enable: true`), create
waits at most `approval_wait_seconds` (default 60) for the owner, then
SUCCEEDS with `status: APPROVING` and says so. The connection exists and is
recorded, so nothing is created twice; once it is approved, a `pulumi
refresh` shows the new status, and a `pulumi up` plans a status-only update
that records it. A rejected, revoked or failed connection fails the wait with
the platform's reason.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import Field

from ...core.plan import Plan
from ...core.provider import CloudProvider, ProviderOptions, recorded_inputs
from ..models.intranet_connection import IntranetConnectionSpec
from ..reconcilers.intranet_connection import IntranetConnectionReconciler
from ..args import IntranetConnectionArgs
from ..settings import MODELARTS
from ..statuses import status_of

OUTPUT_KEYS = frozenset({"connection_id", "status", "url_list"})


class ConnectionOptions(ProviderOptions):
    approval_wait_seconds: float = Field(default=60, ge=0, le=7 * 24 * 3600)
    """How long, in seconds, a create waits for the service owner's approval before it records APPROVING."""


def outputs(spec: IntranetConnectionSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "connection_id": live["id"], "status": status_of(live),
            # The private access addresses appear once the connection is CONNECTED.
            "url_list": list(live.get("url_list") or [])}


class IntranetConnectionProvider(CloudProvider):
    cloud = MODELARTS
    kind = "IntranetConnection"
    spec_cls = IntranetConnectionSpec
    options_cls = ConnectionOptions
    output_keys = OUTPUT_KEYS
    stable_outputs = frozenset({"connection_id"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> IntranetConnectionReconciler:
        return IntranetConnectionReconciler(self.client(), self.waits(name, meta), meta["approval_wait_seconds"])

    def plan(self, id_: str, olds: dict[str, Any], desired: IntranetConnectionSpec,
             meta: dict[str, Any]) -> Plan | None:
        return self.reconciler(self.label(desired, id_), meta).plan(id_, desired, olds.get("status"))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(self.label(spec, spec.service_id), meta).create(spec)
        return CreateResult(live["id"], outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        live = self.reconciler(self.label(spec, id_), meta).update(id_, spec)
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        found = self.reconciler(str(props.get("name") or id_), meta).read(id_, props.get("name"))
        if found is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        spec, live = found
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        self.reconciler(str(props.get("name") or id_), meta).delete(id_)


class IntranetConnection(pulumi.dynamic.Resource, module="modelarts", name="IntranetConnection"):
    """Private access to a `Service` from your VPC (or resource-pool network)."""

    connection_id: pulumi.Output[str]
    status: pulumi.Output[str]
    url_list: pulumi.Output[list]

    def __init__(self, resource_name: str, args: IntranetConnectionArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(IntranetConnectionProvider(), resource_name, props, opts)
