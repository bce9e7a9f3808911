"""v1 services: `/v1/{project_id}/services[/{service_id}[/events]]` (seeds 000 and 001).

There are no start/stop endpoints: a PUT with `status` running or stopped does
it. A PUT replaces what it names and is safe to repeat, so the transport
retries it like a read; only the create POST needs the look-before-repeat of
`core.retry`.
"""

from __future__ import annotations

from typing import Any

from ....core.errors import NotFoundError, only_match
from ....core.retry import create_or_find
from ....core.transport import path_segment
from ...client.http import ModelArtsHttp
from .pagination import list_all

SERVICES = "/services"


def _service_path(service_id: str, suffix: str = "") -> str:
    return f"{SERVICES}/{path_segment(service_id)}{suffix}"


class ServicesV1Api:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        """One POST: `{"service_id", "resource_ids"}`. Not repeated after a lost answer (see create_or_adopt)."""
        return self.http.request("POST", SERVICES, body=body)

    def create_or_adopt(self, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """(service details, created). Names are unique in a project: a create whose answer was lost,
        or whose name an earlier run already took, yields the service of that name."""
        def create() -> dict[str, Any]:
            return self.get(self.create(body)["service_id"])

        return create_or_find(create, lambda: self.find_by_name(body["service_name"]))

    def get(self, service_id: str) -> dict[str, Any]:
        return self.http.request("GET", _service_path(service_id))

    def find(self, service_id: str) -> dict[str, Any] | None:
        """The service's details, or None when it is gone."""
        try:
            return self.get(service_id)
        except NotFoundError:
            return None

    def list(self, **filters: Any) -> list[dict[str, Any]]:
        """Summaries of every service matching the filters (`service_name` (exact), `service_id`,
        `model_id`, `workspace_id`, `infer_type`, `status`, `cluster_id`, `sort_by`, `order`)."""
        return list_all(self.http, SERVICES, "services", filters)

    def find_by_name(self, name: str) -> dict[str, Any] | None:
        """The details of the service named `name`, or None."""
        item = only_match(self.list(service_name=name), lambda s: s.get("service_name") == name,
                          f"ModelArts v1 services are named {name!r}", "service_id")
        return None if item is None else self.find(item["service_id"])

    def update(self, service_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """PUT `schedule`, `description`, `config`, `status` and/or `additional_properties`.
        The platform applies `status` OR `config`: given both, it ignores `config`."""
        return self.http.request("PUT", _service_path(service_id), body=body) or {}

    def set_status(self, service_id: str, status: str) -> None:
        """Start (`running`) or stop (`stopped`) the service."""
        self.update(service_id, {"status": status})

    def delete(self, service_id: str) -> None:
        """An unknown service counts as already deleted."""
        try:
            self.http.request("DELETE", _service_path(service_id))
        except NotFoundError:
            return

    def events(self, service_id: str, **filters: Any) -> list[dict[str, Any]]:
        """The service's events, newest first by default: `{event_type, event_info, occur_time}`.
        Filters: `event_type` (normal/abnormal), `event_info`, `start_time`, `end_time`, `order`."""
        return list_all(self.http, _service_path(service_id, "/events"), "events", filters)
