"""The Pulumi resource for a PAI-EAS Service: a service group (a thin adapter over ServiceReconciler).

The id is `<region>/<name>`. The group appears with its first Deployment, so
its endpoints and token are recorded from the first `up` or `refresh` after
that (a plan line says so); `access_token` is a secret output.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..args import ServiceArgs
from ..ids import SERVICE_ID, in_region
from ..models.service import ServiceSpec
from ..reconcilers.service import ServiceReconciler
from ..settings import EAS

SECRET_OUTPUTS = ["access_token"]
OUTPUT_KEYS = frozenset({"region", "internet_endpoint", "intranet_endpoint", "access_token"})


def outputs(spec: ServiceSpec, meta: dict[str, Any], region: str, group: dict[str, Any]) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "region": region, "internet_endpoint": group.get("InternetEndpoint") or "",
            "intranet_endpoint": group.get("IntranetEndpoint") or "", "access_token": group.get("AccessToken") or ""}


class ServiceProvider(CloudProvider):
    cloud = EAS
    kind = "Service"
    spec_cls = ServiceSpec
    output_keys = OUTPUT_KEYS
    stable_outputs = frozenset({"region"})

    def reconciler(self, name: str, meta: dict[str, Any]) -> ServiceReconciler:
        return ServiceReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: ServiceSpec, meta: dict[str, Any]) -> Plan | None:
        (name,) = in_region(SERVICE_ID, id_, self.client().region)
        return self.reconciler(desired.name, meta).plan(name, desired, olds)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        client = self.client()
        group = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(SERVICE_ID.join(client.region, spec.name), outputs(spec, meta, client.region, group))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        group = self.reconciler(spec.name, meta).read(spec.name, importing=False) or {}
        return UpdateResult(outputs(spec, meta, self.client().region, group))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        (name,) = in_region(SERVICE_ID, id_, self.client().region)
        group = self.reconciler(name, meta).read(name, importing=not props.get("name"))
        if group is None:
            return ReadResult(None, {})
        spec = ServiceSpec.model_validate({"name": name})
        return ReadResult(id_, outputs(spec, meta, self.client().region, group), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        (name,) = in_region(SERVICE_ID, id_, self.client().region)
        self.reconciler(name, meta).delete(name)


class Service(pulumi.dynamic.Resource, module="eas", name="Service"):
    """A PAI-EAS service group: the stable endpoint and token that `Deployment`s (its members, which name it
    in `metadata.group`) serve behind. The group exists through its members.

    Import an existing one with `pulumi.ResourceOptions(import_="<region>/<name>")`.
    """

    region: pulumi.Output[str]
    internet_endpoint: pulumi.Output[str]
    intranet_endpoint: pulumi.Output[str]
    access_token: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ServiceArgs | Mapping[str, Any] | None = None,
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **(args or {}), **{key: None for key in OUTPUT_KEYS}}
        secret = pulumi.ResourceOptions(additional_secret_outputs=SECRET_OUTPUTS)
        super().__init__(ServiceProvider(), resource_name, props, pulumi.ResourceOptions.merge(opts, secret))
