"""Read-only catalogues: the flavors a region offers and the project's resource pools."""

from __future__ import annotations

from typing import Any

from .http import ModelArtsHttp
from .pagination import list_all_pages


class CatalogApi:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def flavors(self) -> list[dict[str, Any]]:
        """`GET /services/flavors`: every flavor a deployment may name."""
        return list_all_pages(self.http, "/services/flavors")

    def pools(self) -> list[dict[str, Any]]:
        """`GET /pools`: the project's dedicated resource pools (a Kubernetes-style list)."""
        answer = self.http.request("GET", "/pools") or {}
        return list(answer.get("items") or []) if isinstance(answer, dict) else []
