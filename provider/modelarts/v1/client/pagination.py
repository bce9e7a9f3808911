"""Paging of the v1 lists: `{"total_count", "count", "<items>": [...]}` with `limit` (at most 1000) and `offset`.

The v1 documents call `offset` "the index of the query page" without saying
whether it counts pages or records; we send a record offset, as the project's
emulator reads it. With the documented default page of 1,000 items and at
most 20 real-time services a project, almost every list is one call anyway.
"""

from __future__ import annotations

from typing import Any, Mapping

from ...client.http import ModelArtsHttp

PAGE_SIZE = 1000  # the documented default and maximum
MAX_PAGES = 1000  # guards against a server that never reports its end


def list_all(http: ModelArtsHttp, path: str, key: str, filters: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every item under `key` of every page of `path`."""
    params = {name: value for name, value in (filters or {}).items() if value is not None}
    items: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        page = http.request("GET", path, params={**params, "limit": PAGE_SIZE, "offset": len(items)})
        chunk = list(page.get(key) or []) if isinstance(page, Mapping) else []
        items.extend(chunk)
        total = page.get("total_count") if isinstance(page, Mapping) else None
        if not chunk or (isinstance(total, int) and len(items) >= total) or len(chunk) < PAGE_SIZE:
            break
    return items
