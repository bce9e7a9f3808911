"""Intranet (private network) connections: `/v2/{project_id}/intranet-connection...` (reference 3.6, 4.6).

The API has no show endpoint: one connection is found by filtering the
applicant-side list (`/requests`) by `id`.
"""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError
from ...core.transport import path_segment
from .http import ModelArtsHttp
from ...core.retry import create_or_find, repeat_unless_done
from .pagination import list_all_pages

BASE = "/intranet-connection"
ACTIONS = ("APPROVE", "REJECT", "CANCEL", "RETRY")


def _connection_path(connection_id: str, suffix: str = "") -> str:
    return f"{BASE}/{path_segment(connection_id)}{suffix}"


class IntranetConnectionsApi:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.http.request("POST", BASE, body=body)

    def create_or_adopt(self, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """(connection, created). One connection per service and VPC (or pool): a create whose
        answer was lost, or that an earlier run already made, yields the one that exists."""
        return create_or_find(lambda: self.create(body), lambda: self.find_for(
            body["service_id"], body.get("scene", "VPC"), body.get("vpc_id"), body.get("pool_id")))

    def list_requests(self, **filters: Any) -> list[dict[str, Any]]:
        """My applications; filters: `id`, `service_id`, `vpc_id`, `pool_id`, `scene`, `status`, ..."""
        return list_all_pages(self.http, f"{BASE}/requests", filters)

    def list_reviews(self, **filters: Any) -> list[dict[str, Any]]:
        """Requests waiting for (or handled by) me as the service owner."""
        return list_all_pages(self.http, f"{BASE}/reviews", filters)

    def find(self, connection_id: str) -> dict[str, Any] | None:
        # The server filter is exact, but check the id anyway: a server that
        # ignored the filter must not make us adopt some other connection.
        return next((c for c in self.list_requests(id=connection_id) if c.get("id") == connection_id), None)

    def get(self, connection_id: str) -> dict[str, Any]:
        found = self.find(connection_id)
        if found is None:
            raise NotFoundError(404, "ModelArts.NotFound", f"Intranet connection {connection_id} not found.", api="ModelArts")
        return found

    def find_for(self, service_id: str, scene: str, vpc_id: str | None = None,
                 pool_id: str | None = None) -> dict[str, Any] | None:
        """The connection of `service_id` from one VPC (or pool): at most one may exist."""
        filters = {"service_id": service_id, "scene": scene}
        if scene == "VPC":
            filters["vpc_id"] = vpc_id
        else:
            filters["pool_id"] = pool_id
        for item in self.list_requests(**filters):
            if all(item.get(key) == value for key, value in filters.items()):
                return item
        return None

    def modify(self, connection_id: str, custom_urls: list[str]) -> dict[str, Any]:
        # Setting the same list again is harmless: a lost answer is simply asked again.
        return self.http.request("POST", _connection_path(connection_id, "/modify"),
                                 body={"custom_urls": custom_urls}, retry_unsafe=True)

    def act(self, connection_id: str, action: str, reason: str | None = None) -> None:
        """APPROVE / REJECT (while APPROVING), CANCEL (while CONNECTED), RETRY (while FAILED)."""
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {', '.join(ACTIONS)}, got {action!r}")
        body: dict[str, Any] = {"action": action}
        if reason is not None:
            body["reason"] = reason
        self.http.request("PUT", _connection_path(connection_id), body=body)

    def approve(self, connection_id: str) -> None:
        self.act(connection_id, "APPROVE")

    def reject(self, connection_id: str, reason: str | None = None) -> None:
        self.act(connection_id, "REJECT", reason)

    def delete(self, connection_id: str) -> None:
        """Delete through the batch endpoint; an unknown id counts as already deleted."""
        try:
            repeat_unless_done(
                lambda: self.http.request("POST", f"{BASE}/delete", body={"intranet_connection_ids": [connection_id]}),
                lambda: self.find(connection_id) is None)
        except NotFoundError:
            return
