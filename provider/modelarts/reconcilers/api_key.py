"""Carrying out API key plans: create (replacing a leftover), rebind, read, delete.

The secret value exists only in the create response; what to do with it is
the caller's business (the Pulumi resource keeps it as a secret output).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.plan import Plan
from ...core.poll import Waits
from ..client import CreatedApiKey, ModelArtsClient
from ..models.api_key import ApiKeySpec
from ..planner.api_key import Rebind, plan_api_key
from ..waiters.api_key import wait_service_bindable


@dataclass
class ApiKeyReconciler:
    client: ModelArtsClient
    waits: Waits

    def plan(self, key_id: str, desired: ApiKeySpec) -> Plan | None:
        live = self.client.api_keys.find(key_id)
        return None if live is None else plan_api_key(desired, ApiKeySpec.from_api(live))

    def create(self, desired: ApiKeySpec) -> CreatedApiKey:
        keys = self.client.api_keys
        leftover = keys.find_by_name(desired.name)
        if leftover is not None:
            # A create that failed halfway left this key behind. Its value cannot
            # be read back and nothing in the state refers to it, so adopting it
            # would give an empty secret: replace it with a fresh key instead.
            self.waits.say(f"removing leftover key {leftover['key_id']} (its value cannot be recovered) and "
                           "creating it again")
            self.remove(leftover)
        created = keys.create(desired.name, desired.scope, desired.description)
        try:
            self.bind(created.key_id, desired.service_ids)
        except Exception:
            # Without a state entry the key would be orphaned; a retry recreates it anyway.
            self.remove(keys.find(created.key_id))
            raise
        return created

    def update(self, key_id: str, desired: ApiKeySpec) -> None:
        plan = plan_api_key(desired, ApiKeySpec.from_api(self.client.api_keys.get(key_id)))
        for step in plan.steps:
            if isinstance(step, Rebind):
                for service_id in step.unbind:
                    self.client.api_keys.unbind(service_id, key_id)
                self.bind(key_id, list(step.bind))

    def bind(self, key_id: str, service_ids: list[str]) -> None:
        for service_id in service_ids:
            wait_service_bindable(self.client, service_id, self.waits)
            self.client.api_keys.bind(service_id, key_id)

    def read(self, key_id: str) -> ApiKeySpec | None:
        live = self.client.api_keys.find(key_id)
        return None if live is None else ApiKeySpec.from_api(live)

    def delete(self, key_id: str) -> None:
        self.remove(self.client.api_keys.find(key_id))

    def remove(self, live: dict[str, Any] | None) -> None:
        """Unbind (a bound key cannot be deleted), then delete; a missing key is already gone."""
        if live is None:
            return
        for service in live.get("services") or []:
            self.client.api_keys.unbind(service["id"], live["key_id"])
        self.client.api_keys.delete(live["key_id"])
