"""ApiKey: a bearer credential for calling real-time services (domain-spec 9).

The secret is generated here and handed out exactly once, by create; only a
SHA-256 digest is kept, so nothing can return it later (as on the platform).
Bindings are the ids of the services a SERVICE-scope key may call; a
USER-scope key is valid for every service of the project and is never bound.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field

from ...core.store import Document
from .common import CONCERNING, ERROR, RUNNING, STOPPED, STOPPING

KIND = "api_key"
# The real-time inference docs give no number; the MaaS console documents
# "each account can have up to 30 API keys", which we adopt per project.
MAX_API_KEYS_PER_PROJECT = 30
MAX_BATCH_KEYS = 10  # batch-bind / batch-unbind (reference 4.5)
SCOPES = ("USER", "SERVICE")
# UG: binding needs the service Running, Alarm, Stopping, Stopped or Abnormal.
BINDABLE_STATUSES = frozenset({RUNNING, CONCERNING, STOPPING, STOPPED, ERROR})


class BindRefused(Exception):
    """A bind/unbind/delete that the key's or the service's state does not allow."""


def new_secret() -> str:
    return secrets.token_urlsafe(48)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class ApiKey(Document):
    key_id: str
    name: str
    description: str
    scope: str
    workspace_id: str
    secret_sha256: str
    create_at: float
    service_ids: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, name: str, description: str, scope: str, workspace_id: str,
               now: float) -> tuple["ApiKey", str]:
        """The new key and its secret (the only time the secret exists in clear)."""
        secret = new_secret()
        # SDK: "apikey_id ... lowercase letters and digits, 32 characters".
        key = cls(key_id=uuid.uuid4().hex, name=name, description=description, scope=scope,
                  workspace_id=workspace_id, secret_sha256=digest(secret), create_at=now)
        return key, secret

    # ----- rules ------------------------------------------------------------------------

    def check_bind(self, service_name: str, service_status: str, auth_type: str | None) -> None:
        if self.scope != "SERVICE":
            raise BindRefused(f"API key {self.name} has scope {self.scope}: it is valid for every "
                              "service already and cannot be bound to one.")
        if auth_type != "API_KEY":
            raise BindRefused(f"Service {service_name} uses authentication {auth_type}; API keys "
                              "can be bound only to services whose auth_type is API_KEY.")
        if service_status not in BINDABLE_STATUSES:
            raise BindRefused(f"Cannot bind an API key to service {service_name} in status "
                              f"{service_status}; allowed only in "
                              f"{', '.join(sorted(BINDABLE_STATUSES))}.")

    def bind(self, service_id: str) -> None:
        if service_id not in self.service_ids:
            self.service_ids.append(service_id)

    def unbind(self, service_id: str) -> None:
        if service_id not in self.service_ids:
            raise BindRefused(f"API key {self.name} is not bound to service {service_id}.")
        self.service_ids.remove(service_id)

    def check_delete(self, live_service_ids: list[str]) -> None:
        """A key still bound to an existing service cannot be deleted (unbind first)."""
        if live_service_ids:
            raise BindRefused(f"API key {self.name} is still bound to service(s) "
                              f"{', '.join(live_service_ids)}; unbind it first.")
