"""The Pulumi resource for a PAI-EAS IntranetConnection: a dedicated gateway's intranet endpoint in one
of your VPCs (a linked VPC). The id is `<region>/<gateway_id>/<vpc_id>/<vswitch_id>`."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..args import IntranetConnectionArgs
from ..ids import INTRANET_CONNECTION_ID, in_region
from ..models.intranet_connection import IntranetConnectionSpec
from ..reconcilers.intranet_connection import IntranetConnectionReconciler
from ..settings import EAS
from ..statuses import status_of

OUTPUT_KEYS = frozenset({"ip", "security_group_id", "status"})


def outputs(spec: IntranetConnectionSpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "ip": live.get("Ip") or "",
            "security_group_id": live.get("SecurityGroupId") or "", "status": status_of(live)}


def _recorded(id_: str, region: str, props: dict[str, Any]) -> IntranetConnectionSpec:
    gateway_id, vpc_id, vswitch_id = in_region(INTRANET_CONNECTION_ID, id_, region)
    return IntranetConnectionSpec.model_construct(gateway_id=gateway_id, vpc_id=vpc_id, vswitch_id=vswitch_id,
                                                  enable_authoritative_dns=props.get("enable_authoritative_dns"))


class IntranetConnectionProvider(CloudProvider):
    cloud = EAS
    kind = "IntranetConnection"
    spec_cls = IntranetConnectionSpec
    identity_field = "vswitch_id"
    output_keys = OUTPUT_KEYS

    @staticmethod
    def label(spec: IntranetConnectionSpec, fallback: str) -> str:
        return f"{spec.gateway_id}/{spec.vpc_id}"

    def reconciler(self, name: str, meta: dict[str, Any]) -> IntranetConnectionReconciler:
        return IntranetConnectionReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: IntranetConnectionSpec,
             meta: dict[str, Any]) -> Plan | None:
        return self.reconciler(id_, meta).plan(_recorded(id_, self.client().region, olds), desired)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        id_ = INTRANET_CONNECTION_ID.join(self.client().region, spec.gateway_id, spec.vpc_id, spec.vswitch_id)
        live = self.reconciler(id_, meta).create(spec)
        return CreateResult(id_, outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        # Every input is replace-only: an update only changes provider options.
        spec, meta = self.desired(news)
        found = self.reconciler(id_, meta).read(spec)
        return UpdateResult(outputs(spec, meta, found[1] if found else {}))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        found = self.reconciler(id_, meta).read(_recorded(id_, self.client().region, props))
        if found is None:
            return ReadResult(None, {})
        spec, live = found
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        self.reconciler(id_, meta).delete(_recorded(id_, self.client().region, props))


class IntranetConnection(pulumi.dynamic.Resource, module="eas", name="IntranetConnection"):
    """Private access to a dedicated `Gateway` from your VPC: the gateway's intranet endpoint in one of your
    vSwitches. There is no update: a change of any input replaces it.

    Import an existing one with `pulumi.ResourceOptions(import_="<region>/<gateway_id>/<vpc_id>/<vswitch_id>")`.
    """

    ip: pulumi.Output[str]
    security_group_id: pulumi.Output[str]
    status: pulumi.Output[str]

    def __init__(self, resource_name: str, args: IntranetConnectionArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {**args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(IntranetConnectionProvider(), resource_name, props, opts)
