"""The Pulumi resource for a PAI-EAS dedicated Gateway (a thin adapter over GatewayReconciler).

The id is `<region>/<gateway_id>`; Deployments bind to it with
`networking.gateway` (its `gateway_id` output).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..args import GatewayArgs
from ..ids import GATEWAY_ID, in_region
from ..models.gateway import GatewaySpec
from ..reconcilers.gateway import GatewayReconciler
from ..settings import EAS

OUTPUT_KEYS = frozenset({"gateway_id", "status", "internet_domain", "intranet_domain"})


def outputs(spec: GatewaySpec, meta: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "gateway_id": live.get("GatewayId"), "status": live.get("Status"),
            "internet_domain": live.get("InternetDomain") or "", "intranet_domain": live.get("IntranetDomain") or ""}


class GatewayProvider(CloudProvider):
    cloud = EAS
    kind = "Gateway"
    spec_cls = GatewaySpec
    output_keys = OUTPUT_KEYS
    stable_outputs = frozenset({"gateway_id"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> GatewayReconciler:
        return GatewayReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: GatewaySpec, meta: dict[str, Any]) -> Plan | None:
        (gateway_id,) = in_region(GATEWAY_ID, id_, self.client().region)
        return self.reconciler(desired.name, meta).plan(gateway_id, desired, olds)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(GATEWAY_ID.join(self.client().region, live["GatewayId"]), outputs(spec, meta, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        (gateway_id,) = in_region(GATEWAY_ID, id_, self.client().region)
        live = self.reconciler(spec.name, meta).converge(gateway_id, spec, olds)
        return UpdateResult(outputs(spec, meta, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        (gateway_id,) = in_region(GATEWAY_ID, id_, self.client().region)
        # An import reads with no recorded inputs.
        found = self.reconciler(str(props.get("name") or gateway_id), meta).read(
            gateway_id, props, importing=not props.get("instance_type"))
        if found is None:
            return ReadResult(None, {})
        spec, live = found
        return ReadResult(id_, outputs(spec, meta, live), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        (gateway_id,) = in_region(GATEWAY_ID, id_, self.client().region)
        self.reconciler(str(props.get("name") or gateway_id), meta).delete(gateway_id)


class Gateway(pulumi.dynamic.Resource, module="eas", name="Gateway"):
    """A PAI-EAS dedicated gateway; Deployments are reached through it with `networking.gateway`, and
    IntranetConnections link it to your VPCs.

    Import an existing one with `pulumi.ResourceOptions(import_="<region>/<gateway_id>")`.
    """

    gateway_id: pulumi.Output[str]
    status: pulumi.Output[str]
    internet_domain: pulumi.Output[str]
    intranet_domain: pulumi.Output[str]

    def __init__(self, resource_name: str, args: GatewayArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(GatewayProvider(), resource_name, props, opts)
