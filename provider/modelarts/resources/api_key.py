"""The Pulumi resource for a ModelArts API key (a thin adapter over ApiKeyReconciler).

The secret value exists only in the create response. It is kept as the
output `api_key`, which the resource marks secret (so the state holds it
encrypted), and carried over from the previous outputs on refresh because no
API returns it again. An imported key therefore has an empty `api_key`.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ..models.api_key import ApiKeySpec
from ..reconcilers.api_key import ApiKeyReconciler
from ..args import ApiKeyArgs
from ..settings import MODELARTS

SECRET_OUTPUTS = ["api_key"]


def outputs(spec: ApiKeySpec, meta: dict[str, Any], key_id: str, api_key: str) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "key_id": key_id, "api_key": api_key}


class ApiKeyProvider(CloudProvider):
    cloud = MODELARTS
    kind = "ApiKey"
    spec_cls = ApiKeySpec
    output_keys = frozenset({"key_id", "api_key"})
    stable_outputs = frozenset({"key_id", "api_key"})  # a new value is a replacement

    def reconciler(self, name: str, meta: dict[str, Any]) -> ApiKeyReconciler:
        return ApiKeyReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: ApiKeySpec, meta: dict[str, Any]) -> Plan | None:
        return self.reconciler(desired.name, meta).plan(id_, desired)

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        created = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(created.key_id, outputs(spec, meta, created.key_id, created.api_key))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        self.reconciler(spec.name, meta).update(id_, spec)
        return UpdateResult(outputs(spec, meta, id_, olds.get("api_key") or ""))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        spec = self.reconciler(str(props.get("name") or id_), meta).read(id_)
        if spec is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        # The value is never readable from the API: keep what the state had (empty after an import).
        return ReadResult(id_, outputs(spec, meta, id_, props.get("api_key") or ""), recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        self.reconciler(str(props.get("name") or id_), meta).delete(id_)


class ApiKey(pulumi.dynamic.Resource, module="modelarts", name="ApiKey"):
    """A ModelArts API key; `api_key` (the value, shown once by the API) is a secret output.

    Inputs: `description`, `scope` (SERVICE, the default, or USER), `service_ids`
    (bindings, changed in place; SERVICE scope only). Changing name, description or
    scope replaces the key, which yields a new value.
    """

    key_id: pulumi.Output[str]
    api_key: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ApiKeyArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "key_id": None, "api_key": None}
        # Returning Output.secret from a dynamic provider does not work; the
        # engine keeps an output secret only when the resource asks for it.
        secret = pulumi.ResourceOptions(additional_secret_outputs=SECRET_OUTPUTS)
        super().__init__(ApiKeyProvider(), resource_name, props, pulumi.ResourceOptions.merge(opts, secret))
