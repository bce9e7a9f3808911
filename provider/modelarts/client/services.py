"""Inference services: `/v2/{project_id}/services...` (reference section 3.1)."""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError, only_match
from ...core.transport import path_segment
from .http import ModelArtsHttp
from ...core.retry import create_or_find, repeat_unless_done
from ..statuses import SERVICE_STARTED, SERVICE_STOPPED, status_of
from .pagination import list_all_pages


def _service_path(service_id: str, suffix: str = "") -> str:
    return f"/services/{path_segment(service_id)}{suffix}"


def exactly_named(items: list[dict[str, Any]], name: str, kind: str) -> dict[str, Any] | None:
    """The single item whose `name` equals `name`; server-side name filters may be fuzzy."""
    return only_match(items, lambda item: item.get("name") == name, f"ModelArts {kind}s are named {name!r}", "id")


class ServicesApi:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.http.request("POST", "/services", body=body)

    def create_or_adopt(self, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """(service, created). Names are unique in a project: a create whose answer was lost, or
        whose name an earlier run already took, yields the service of that name."""
        return create_or_find(lambda: self.create(body), lambda: self._full(self.find_by_name(body["name"])))

    def _full(self, item: dict[str, Any] | None) -> dict[str, Any] | None:
        """A list item is a summary (its `version` is a string): read the whole service."""
        return None if item is None else self.find(item["id"])

    def get(self, service_id: str) -> dict[str, Any]:
        return self.http.request("GET", _service_path(service_id))

    def find(self, service_id: str) -> dict[str, Any] | None:
        """The service, or None when it is gone."""
        try:
            return self.get(service_id)
        except NotFoundError:
            return None

    def find_by_name(self, name: str) -> dict[str, Any] | None:
        return exactly_named(self.list_all(name=name), name, "service")

    def list_all(self, **filters: Any) -> list[dict[str, Any]]:
        """Every service matching the list filters (`status`, `name`, `workspace_id`, ...)."""
        return list_all_pages(self.http, "/services", filters)

    def update(self, service_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.http.request("PUT", _service_path(service_id), body=body)

    def delete(self, service_id: str) -> None:
        """Delete through the batch endpoint; an unknown id counts as already deleted."""
        try:
            repeat_unless_done(lambda: self.http.request("POST", "/services/delete", body={"service_ids": [service_id]}),
                               lambda: self.find(service_id) is None)
        except NotFoundError:
            return

    def start(self, service_id: str) -> None:
        repeat_unless_done(lambda: self.http.request("POST", _service_path(service_id, "/start")),
                           lambda: status_of(self.find(service_id)) in SERVICE_STARTED)

    def stop(self, service_id: str) -> None:
        repeat_unless_done(lambda: self.http.request("POST", _service_path(service_id, "/stop")),
                           lambda: status_of(self.find(service_id)) in SERVICE_STOPPED)

    def events(self, service_id: str, **filters: Any) -> list[dict[str, Any]]:
        """All events; filters: `event_type`, `start_time`, `end_time`, `sort_dir`, ..."""
        return list_all_pages(self.http, _service_path(service_id, "/events"), filters)

    # Tags change through the tag (TMS) API, which leaves the service version alone.
    def add_tags(self, service_id: str, tags: list[dict[str, str]]) -> None:
        """Add or overwrite tags."""
        # Setting the same tags again is harmless: a lost answer is simply asked again.
        self.http.request("POST", _tags_path(service_id, "/create"), body={"tags": tags}, retry_unsafe=True)

    def delete_tags(self, service_id: str, keys: list[str]) -> None:
        self.http.request("DELETE", _tags_path(service_id, "/delete"), body={"tags": [{"key": k} for k in keys]})

    def tags(self, service_id: str) -> list[dict[str, str]]:
        return (self.http.request("GET", _tags_path(service_id)) or {}).get("tags") or []


def _tags_path(service_id: str, suffix: str = "") -> str:
    return f"/modelarts-service-v2/{path_segment(service_id)}/tags{suffix}"
