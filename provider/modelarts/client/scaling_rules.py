"""A deployment's HPA auto-scaling policy: `.../services/{service_id}/deployments/{deployment_id}/hpa`.

There is one policy per deployment and it is addressed by the deployment,
not by its own id (reference 3.4 and 4.4).
"""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError
from ...core.transport import path_segment
from .http import ModelArtsHttp
from ...core.retry import create_or_find
from .pagination import list_all_pages


def decoded(policy: Any) -> Any:
    """A policy as the rest of the code reads it: each rule's `disable` is a
    bool in requests but the string "true"/"false" in responses; a bool here."""
    if not isinstance(policy, dict):
        return policy
    rules = [{**rule, "disable": rule.get("disable") is True or str(rule.get("disable")).lower() == "true"}
             for rule in policy.get("hpa_rules") or [] if isinstance(rule, dict)]
    return {**policy, "hpa_rules": rules}


def _hpa_path(service_id: str, deployment_id: str, suffix: str = "") -> str:
    return f"/services/{path_segment(service_id)}/deployments/{path_segment(deployment_id)}/hpa{suffix}"


class ScalingRulesApi:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, service_id: str, deployment_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """One policy per deployment: a create whose answer was lost yields the policy it made."""
        policy, _ = create_or_find(
            lambda: decoded(self.http.request("POST", _hpa_path(service_id, deployment_id), body=body)),
            lambda: self.get(service_id, deployment_id))
        return policy

    def get(self, service_id: str, deployment_id: str) -> dict[str, Any] | None:
        """The policy, or None when the deployment has none (or is itself gone)."""
        try:
            return decoded(self.http.request("GET", _hpa_path(service_id, deployment_id)))
        except NotFoundError:
            return None

    def update(self, service_id: str, deployment_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return decoded(self.http.request("PUT", _hpa_path(service_id, deployment_id), body=body))

    def delete(self, service_id: str, deployment_id: str) -> None:
        """A missing policy counts as already deleted."""
        try:
            self.http.request("DELETE", _hpa_path(service_id, deployment_id))
        except NotFoundError:
            return

    def events(self, service_id: str, deployment_id: str, **filters: Any) -> list[dict[str, Any]]:
        """Scaling history; filters: `sort_key`, `sort_dir`."""
        return list_all_pages(self.http, _hpa_path(service_id, deployment_id, "/events"), filters)
