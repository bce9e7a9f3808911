"""Deployments of a service: `/v2/{project_id}/services/{service_id}/deployments...`.

Most paths address a deployment by id; scale and instances use its NAME
(reference sections 3.2, 3.3 and 4.1).
"""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError
from ...core.transport import path_segment
from .http import ModelArtsHttp
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
        return self.http.request("POST", _deployments_path(service_id), body=body)

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

    def start(self, service_id: str, deployment_id: str) -> dict[str, Any]:
        return self.http.request("POST", _deployment_path(service_id, deployment_id, "/start"))

    def stop(self, service_id: str, deployment_id: str) -> dict[str, Any]:
        return self.http.request("POST", _deployment_path(service_id, deployment_id, "/stop"))

    def interrupt(self, service_id: str, deployment_id: str) -> dict[str, Any]:
        return self.http.request("POST", _deployment_path(service_id, deployment_id, "/interrupt"))

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

    def switch_version(self, service_id: str, deployment_id: str, version: str) -> dict[str, Any]:
        """Roll the deployment back (or forward) to a recorded version's configuration."""
        body = {"infer_name": deployment_id, "service_id": service_id, "target_deployment_version": version}
        return self.http.request(
            "POST", _deployment_path(service_id, deployment_id, f"/versions/{path_segment(version)}/switch"), body=body
        )
