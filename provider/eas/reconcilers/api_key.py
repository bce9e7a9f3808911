"""Carrying out API key plans: create (claim the service, set a new token), put the token back, read,
delete (revoke: a new random token nobody records, and the claim removed).

EAS returns the token in plain text (DescribeService's AccessToken), so the
key's value can be read back; it is only ever a secret output.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from ...core import recent
from ...core.errors import ReportedError
from ...core.plan import Plan
from ...core.poll import Waits
from ..client import EasClient
from ..models.api_key import TOKEN_BYTES, ApiKeySpec
from ..models.common import API_KEY_LABEL
from ..planner.api_key import Claim, SetToken, plan_api_key
from ..statuses import SERVICE_RESTING
from ..waiters.service import wait_service_in


class KeyTaken(ReportedError):
    """The service's token already belongs to another ApiKey."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def claimant(live: dict[str, Any]) -> str | None:
    """The ApiKey whose claim label the service (as the client decodes it) carries, if any."""
    return (live.get("labels") or {}).get(API_KEY_LABEL)


def taken_message(deployment: str, owner: str, name: str) -> str:
    return (f"ApiKey {name}: the token of service {deployment} already belongs to ApiKey {owner} (label "
            f"{API_KEY_LABEL}). EAS keeps exactly one token per service and has no API for more keys, so a second "
            f"key would take the token away from the first. Use {owner}'s value, or delete it first.")


@dataclass
class ApiKeyReconciler:
    client: EasClient
    waits: Waits

    def owner(self, deployment: str) -> str | None:
        """The key that claims the service's token, when the service exists."""
        live = self.client.services.find(deployment)
        return None if live is None else claimant(live)

    def recent_key(self, deployment: str) -> tuple[str, str, str]:
        return ("eas-api-key", self.client.region, deployment)

    def plan(self, desired: ApiKeySpec, recorded: ApiKeySpec, value: str) -> Plan | None:
        # A refresh diffs right after its read: that service is the live one.
        name = recorded.deployment_name
        live = recent.take(self.recent_key(name)) or self.client.services.find(name)
        if live is None:
            return None
        return plan_api_key(desired, recorded, token_matches=live.get("AccessToken") == value,
                            claimed_by=claimant(live))

    def create(self, desired: ApiKeySpec) -> str:
        """Claim the service and give it a new token; a claim of our own name (an interrupted create)
        is taken over. Returns the value."""
        name = desired.deployment_name
        live = wait_service_in(self.client, name, SERVICE_RESTING, self.waits)
        owner = claimant(live)
        if owner and owner != desired.name:
            raise KeyTaken(taken_message(name, owner, desired.name))
        if owner == desired.name:
            self.waits.say(f"taking over the claim on service {name}'s token left by an earlier run")
        else:
            self.client.services.set_labels(name, {API_KEY_LABEL: desired.name})
        value = new_token()
        self.set_token(name, value)
        return value

    def set_token(self, deployment: str, value: str) -> None:
        # A merge with the token alone: the rest of the service JSON is the Deployment's.
        self.client.services.update(deployment, {"token": value}, "merge")
        wait_service_in(self.client, deployment, SERVICE_RESTING, self.waits)

    def update(self, desired: ApiKeySpec, recorded: ApiKeySpec, value: str) -> None:
        plan = self.plan(desired, recorded, value)
        for step in (plan.steps if plan else ()):
            if isinstance(step, SetToken):
                self.waits.say(f"the token of service {desired.deployment_name} was changed out of band; "
                               "putting the key's value back")
                self.set_token(desired.deployment_name, value)
            elif isinstance(step, Claim):
                self.client.services.set_labels(desired.deployment_name, {API_KEY_LABEL: desired.name})

    def read(self, deployment: str) -> dict[str, Any] | None:
        """The service (its AccessToken is the key's value), or None when it is gone."""
        live = self.client.services.find(deployment)
        if live is not None:
            recent.put(self.recent_key(deployment), live)
        return live

    def delete(self, desired: ApiKeySpec) -> None:
        """Revoke: a new random token nobody records; then the claim goes. A service that is gone took
        its token with it; one claimed by another key is left alone."""
        live = self.client.services.find(desired.deployment_name)
        if live is None:
            return
        owner = claimant(live)
        if owner not in (None, desired.name):
            return
        self.set_token(desired.deployment_name, new_token())
        if owner == desired.name:
            self.client.services.delete_labels(desired.deployment_name, [API_KEY_LABEL])
