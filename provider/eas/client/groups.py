"""Service groups (our Services): read-only in API 2021-07-01 (eas-api.md 7.4). A group exists while a
service names it in `metadata.group`."""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError
from .http import EasHttp


class GroupsApi:
    def __init__(self, http: EasHttp) -> None:
        self.http = http

    def get(self, name: str) -> dict[str, Any]:
        return self.http.call("DescribeGroup", "GET", self.http.cluster_path("groups", name)) or {}

    def find(self, name: str) -> dict[str, Any] | None:
        """The group, or None while no service is in it."""
        try:
            return self.get(name)
        except NotFoundError:
            return None
