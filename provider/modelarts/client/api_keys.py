"""API keys: `/v2/{project_id}/services/api-keys` and `.../services/{service_id}/api-keys/...` (reference 3.5).

Create is the only call that ever returns the secret. The SDK treats its
response as a download stream; the console saves it as a CSV file with an
`api_key` column. We read that CSV and take the key's id from its `key_id`
column, or, when a platform's file has no such column, by listing the key by
its (unique) name right after creating it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from ...core.errors import NotFoundError, ResponseError, TransientError, TransportError
from ...core.retry import ATTEMPTS, repeat_unless_done
from ...core.transport import path_segment
from .http import ModelArtsHttp
from .pagination import list_all_pages
from .services import exactly_named

KEYS_PATH = "/services/api-keys"


@dataclass(frozen=True)
class CreatedApiKey:
    key_id: str
    # repr=False: a logged or printed result must never show the secret.
    api_key: str = field(repr=False)


class ApiKeyResponseError(ResponseError):
    """The create response could not be understood (its content is never quoted: it holds a secret)."""


def _binding_path(service_id: str, suffix: str) -> str:
    return f"/services/{path_segment(service_id)}/api-keys/{suffix}"


def parse_created(payload: Any) -> dict[str, str]:
    """Fields of a create response: a CSV download (header row + one row), or a JSON object."""
    if isinstance(payload, dict):
        row = payload
    elif isinstance(payload, str):
        text = payload.lstrip("\ufeff")  # spreadsheet exports often start with a BOM
        try:
            maybe_json = json.loads(text)
        except ValueError:
            maybe_json = None
        if isinstance(maybe_json, dict):
            row = maybe_json
        else:
            rows = list(csv.DictReader(io.StringIO(text)))
            row = rows[0] if rows else {}
    else:
        row = {}
    cleaned = {str(k).strip(): str(v).strip() for k, v in row.items() if k is not None and v is not None}
    if not cleaned.get("api_key"):
        raise ApiKeyResponseError("the API key create response holds no api_key field")
    return cleaned


class ApiKeysApi:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, name: str, scope: str, description: str | None = None) -> CreatedApiKey:
        """A new key; the only answer that holds its value. When that answer is lost, the key it
        made (found by its unique name) can never be read, so it is deleted and made again."""
        body = {"name": name, "scope": scope, "description": description}
        for attempt in range(ATTEMPTS):
            try:
                return self._create_once(name, body)
            except (TransientError, TransportError):
                lost = self.find_by_name(name)
                if lost is not None:
                    self.delete(lost["key_id"])
                if attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _create_once(self, name: str, body: dict[str, Any]) -> CreatedApiKey:
        fields = parse_created(self.http.request("POST", KEYS_PATH, body=body))
        key_id = fields.get("key_id") or fields.get("id")
        if not key_id:
            found = self.find_by_name(name)
            if found is None:
                raise ApiKeyResponseError(f"API key {name!r} was created but cannot be found by name")
            key_id = found["key_id"]
        return CreatedApiKey(key_id=key_id, api_key=fields["api_key"])

    def list_all(self, **filters: Any) -> list[dict[str, Any]]:
        """Filters: `name`, `key_id`, `scope`, `service_id`, `service_name`, `with_user_scope`, ..."""
        return list_all_pages(self.http, KEYS_PATH, filters)

    def find_by_name(self, name: str) -> dict[str, Any] | None:
        return exactly_named(self.list_all(name=name), name, "API key")

    def find(self, key_id: str) -> dict[str, Any] | None:
        # There is no GET for a single key: filter the list by id (exact match kept).
        matches = [k for k in self.list_all(key_id=key_id) if k.get("key_id") == key_id]
        return matches[0] if matches else None

    def get(self, key_id: str) -> dict[str, Any]:
        found = self.find(key_id)
        if found is None:
            raise NotFoundError(404, "ModelArts.3505", f"API key {key_id} not found", api="ModelArts")
        return found

    def delete(self, key_id: str) -> None:
        """An unknown key counts as already deleted."""
        try:
            self.http.request("DELETE", f"{KEYS_PATH}/{path_segment(key_id)}")
        except NotFoundError:
            return

    def bound_to(self, key_id: str) -> set[str]:
        """The ids of the services the key is bound to."""
        return {s.get("id") for s in (self.find(key_id) or {}).get("services") or []}

    def bind(self, service_id: str, key_id: str) -> None:
        repeat_unless_done(
            lambda: self.http.request("POST", _binding_path(service_id, f"{path_segment(key_id)}/bind")),
            lambda: service_id in self.bound_to(key_id))

    def unbind(self, service_id: str, key_id: str) -> None:
        repeat_unless_done(
            lambda: self.http.request("POST", _binding_path(service_id, f"{path_segment(key_id)}/unbind")),
            lambda: service_id not in self.bound_to(key_id))

    def batch_bind(self, service_id: str, key_ids: list[str]) -> dict[str, Any]:
        """At most 10 keys; per-key failures come back in `failure_items` of a 200 answer."""
        body = {"key_ids": [{"key_id": k} for k in key_ids]}
        return self.http.request("POST", _binding_path(service_id, "batch-bind"), body=body)

    def batch_unbind(self, service_id: str, key_ids: list[str]) -> dict[str, Any]:
        body = {"key_ids": [{"key_id": k} for k in key_ids]}
        return self.http.request("POST", _binding_path(service_id, "batch-unbind"), body=body)
