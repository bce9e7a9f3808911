"""Pulumi glue for a ModelArts API key.

The secret value exists only in the create response. It is kept as the
output `api_key`, which the resource marks secret (so the state holds it
encrypted), and carried over from the previous outputs on refresh because no
API returns it again. An imported key therefore has an empty `api_key`.
"""

from __future__ import annotations

from typing import Any, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..clients.modelarts import ModelArtsClient
from ..models.api_key import ApiKeySpec
from ..planner.api_key import REPLACE_FIELDS, binding_changes, plan_api_key
from ..planner.plan import Plan
from ..waiters.api_key import find_api_key, wait_service_bindable
from ..progress import say
from .base import ModelArtsProvider

SECRET_OUTPUTS = ["api_key"]


def outputs(spec: ApiKeySpec, meta: dict[str, Any], key_id: str, api_key: str) -> dict[str, Any]:
    return {**spec.body(), **meta, "key_id": key_id, "api_key": api_key}


class ApiKeyProvider(ModelArtsProvider):
    output_keys = frozenset({"key_id", "api_key"})
    kind = "ApiKey"
    spec_cls = ApiKeySpec
    replace_reasons = REPLACE_FIELDS

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: ApiKeySpec) -> Plan | None:
        live = find_api_key(self.client(), id_)
        return None if live is None else plan_api_key(desired, ApiKeySpec.from_api(live))

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec_inputs, meta = self.split(props)
        spec = ApiKeySpec.model_validate(spec_inputs)
        client = self.client()
        leftover = client.api_keys.find_by_name(spec.name)
        if leftover is not None:
            # A create that failed halfway left this key behind. Its value cannot
            # be read back and nothing in the state refers to it, so adopting it
            # would give an empty secret: replace it with a fresh key instead.
            say(f"ApiKey {spec.name}: removing leftover key {leftover['key_id']} (its value cannot be "
                 "recovered) and creating it again")
            self._remove(client, leftover)
        created = client.api_keys.create(spec.name, spec.scope, spec.description)
        try:
            self._bind(client, created.key_id, spec.service_ids, meta)
        except Exception:
            # Without a state entry the key would be orphaned; a retry recreates it anyway.
            self._remove(client, find_api_key(client, created.key_id))
            raise
        return CreateResult(created.key_id, outputs(spec, meta, created.key_id, created.api_key))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec_inputs, meta = self.split(news)
        spec = ApiKeySpec.model_validate(spec_inputs)
        client = self.client()
        live = ApiKeySpec.from_api(client.api_keys.get(id_))
        to_bind, to_unbind = binding_changes(spec, live)
        for service_id in to_unbind:
            client.api_keys.unbind(service_id, id_)
        self._bind(client, id_, to_bind, meta)
        return UpdateResult(outputs(spec, meta, id_, olds.get("api_key") or ""))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = find_api_key(self.client(), id_)
        if live is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        _, meta = self.split(props)
        spec = ApiKeySpec.from_api(live)
        # The value is never readable from the API: keep what the state had
        # (empty after an import).
        outs = outputs(spec, meta, id_, props.get("api_key") or "")
        return ReadResult(id_, outs, {**spec.body(), **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = self.client()
        self._remove(client, find_api_key(client, id_))

    # ----- helpers ------------------------------------------------------------------------

    @staticmethod
    def _bind(client: ModelArtsClient, key_id: str, service_ids: list[str], meta: dict[str, Any]) -> None:
        for service_id in service_ids:
            wait_service_bindable(client, service_id, meta["timeout_seconds"])
            client.api_keys.bind(service_id, key_id)

    @staticmethod
    def _remove(client: ModelArtsClient, live: dict[str, Any] | None) -> None:
        """Unbind (a bound key cannot be deleted), then delete; a missing key is already gone."""
        if live is None:
            return
        for service in live.get("services") or []:
            client.api_keys.unbind(service["id"], live["key_id"])
        client.api_keys.delete(live["key_id"])


class ApiKey(pulumi.dynamic.Resource, module="modelarts", name="ApiKey"):
    """A ModelArts API key; `api_key` (the value, shown once by the API) is a secret output.

    Inputs: `description`, `scope` (SERVICE, the default, or USER), `service_ids`
    (bindings, changed in place; SERVICE scope only). Changing name, description or
    scope replaces the key, which yields a new value.
    """

    key_id: pulumi.Output[str]
    api_key: pulumi.Output[str]

    def __init__(self, resource_name: str, args: dict[str, Any], opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, "key_id": None, "api_key": None}
        # Returning Output.secret from a dynamic provider does not work; the
        # engine keeps an output secret only when the resource asks for it.
        secret = pulumi.ResourceOptions(additional_secret_outputs=SECRET_OUTPUTS)
        super().__init__(ApiKeyProvider(), resource_name, props, pulumi.ResourceOptions.merge(opts, secret))
