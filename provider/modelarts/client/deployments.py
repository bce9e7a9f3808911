"""Deployments of a service: `/v2/{project_id}/services/{service_id}/deployments...`.

Most paths address a deployment by id; scale and instances use its NAME
(reference sections 3.2, 3.3 and 4.1).
"""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError
from ...core.transport import path_segment
from .http import ModelArtsHttp
from ...core.retry import create_or_find, repeat_unless_done
from ..statuses import DEPLOYMENT_STARTED, DEPLOYMENT_STOPPED, DEPLOYMENT_UPGRADING, status_of
from .pagination import list_all_pages
from .services import exactly_named


def decoded(deployment: Any) -> Any:
    """A deployment as the rest of the code reads it: `mirror_traffic_weight`
    is a digit string in responses (and in the create request), an int here."""
    if isinstance(deployment, dict):
        mirror = deployment.get("mirror_traffic_weight")
        if isinstance(mirror, str) and mirror.isdigit():
            deployment = {**deployment, "mirror_traffic_weight": int(mirror)}
    return deployment


def _deployments_path(service_id: str) -> str:
    return f"/services/{path_segment(service_id)}/deployments"


def _deployment_path(service_id: str, deployment_ref: str, suffix: str = "") -> str:
    # `deployment_ref` is an id or a name depending on the endpoint.
    return f"{_deployments_path(service_id)}/{path_segment(deployment_ref)}{suffix}"


class DeploymentsApi:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, service_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return decoded(self.http.request("POST", _deployments_path(service_id), body=body))

    def create_or_adopt(self, service_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """(deployment, created). Names are unique in a service: a create whose answer was lost, or
        whose name an earlier run already took, yields the deployment of that name."""
        def find() -> dict[str, Any] | None:
            item = self.find_by_name(service_id, body["name"])  # a summary: read the whole deployment
            return None if item is None else self.find(service_id, item["id"])

        return create_or_find(lambda: self.create(service_id, body), find)

    def get(self, service_id: str, deployment_id: str) -> dict[str, Any]:
        return decoded(self.http.request("GET", _deployment_path(service_id, deployment_id)))

    def find(self, service_id: str, deployment_id: str) -> dict[str, Any] | None:
        """The deployment, or None when it (or its service) is gone."""
        try:
            return self.get(service_id, deployment_id)
        except NotFoundError:
            return None

    def list_all(self, service_id: str, **filters: Any) -> list[dict[str, Any]]:
        return [decoded(d) for d in list_all_pages(self.http, _deployments_path(service_id), filters)]

    def find_by_name(self, service_id: str, name: str) -> dict[str, Any] | None:
        # The list endpoint has no name filter, so match client-side.
        return exactly_named(self.list_all(service_id), name, "deployment")

    def update(self, service_id: str, deployment_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.http.request("PUT", _deployment_path(service_id, deployment_id), body=body)

    def delete(self, service_id: str, deployment_id: str) -> None:
        """An unknown deployment counts as already deleted."""
        try:
            self.http.request("DELETE", _deployment_path(service_id, deployment_id))
        except NotFoundError:
            return

    def start(self, service_id: str, deployment_id: str) -> None:
        repeat_unless_done(lambda: self.http.request("POST", _deployment_path(service_id, deployment_id, "/start")),
                           lambda: status_of(self.find(service_id, deployment_id)) in DEPLOYMENT_STARTED)

    def stop(self, service_id: str, deployment_id: str) -> None:
        repeat_unless_done(lambda: self.http.request("POST", _deployment_path(service_id, deployment_id, "/stop")),
                           lambda: status_of(self.find(service_id, deployment_id)) in DEPLOYMENT_STOPPED)

    def interrupt(self, service_id: str, deployment_id: str) -> None:
        repeat_unless_done(
            lambda: self.http.request("POST", _deployment_path(service_id, deployment_id, "/interrupt")),
            lambda: status_of(self.find(service_id, deployment_id)) != DEPLOYMENT_UPGRADING)

    def scale(self, service_id: str, deployment_name: str, count: int) -> dict[str, Any]:
        return self.http.request(
            "PUT", _deployment_path(service_id, deployment_name, "/scale"), body={"count": count}
        )

    def versions(self, service_id: str, deployment_id: str, **filters: Any) -> list[dict[str, Any]]:
        return list_all_pages(self.http, _deployment_path(service_id, deployment_id, "/versions"), filters)

    def instances(self, service_id: str, deployment_name: str, **filters: Any) -> list[dict[str, Any]]:
        """Filters: `status` (a list is sent as repeated keys), `instance_name`."""
        return list_all_pages(self.http, _deployment_path(service_id, deployment_name, "/instances"), filters)

    def get_version(self, service_id: str, deployment_id: str, version: str) -> dict[str, Any]:
        return decoded(self.http.request(
            "GET", _deployment_path(service_id, deployment_id, f"/versions/{path_segment(version)}")
        ))

    def switch_version(self, service_id: str, deployment_id: str, version: str) -> None:
        """Roll the deployment back (or forward) to a recorded version's configuration."""
        body = {"infer_name": deployment_id, "service_id": service_id, "target_deployment_version": version}
        path = _deployment_path(service_id, deployment_id, f"/versions/{path_segment(version)}/switch")

        def switched() -> bool:
            live = self.find(service_id, deployment_id) or {}
            return live.get("version") == version or status_of(live) == DEPLOYMENT_UPGRADING

        repeat_unless_done(lambda: self.http.request("POST", path, body=body), switched)
