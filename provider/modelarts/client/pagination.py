"""limit/offset pagination shared by every ModelArts list endpoint.

Responses carry `{"data": [...], "current", "size", "pages", "total"}`.
`offset` is treated as a record offset (always a multiple of `limit`, which the
API requires), matching the project's emulator.
"""

from __future__ import annotations

from typing import Any, Mapping

from .http import ModelArtsHttp

DEFAULT_PAGE_SIZE = 100  # the API accepts 1..500
# Guards against a server that keeps returning full pages with no totals.
MAX_PAGES = 10_000


def _is_last_page(page: Mapping[str, Any], items_on_page: int, limit: int, next_offset: int) -> bool:
    if items_on_page == 0:
        return True
    total = page.get("total")
    if isinstance(total, int):
        return next_offset >= total
    pages = page.get("pages")
    if isinstance(pages, int):
        return next_offset // limit >= pages
    # No counters at all: a short page is the only end signal left.
    return items_on_page < limit


def list_all_pages(
    http: ModelArtsHttp,
    path: str,
    filters: Mapping[str, Any] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> list[dict[str, Any]]:
    """GET every page of `path` and return the concatenated `data` items."""
    params = dict(filters or {})
    limit = int(params.pop("limit", None) or page_size)
    offset = int(params.pop("offset", None) or 0)
    items: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        page = http.request("GET", path, params={**params, "limit": limit, "offset": offset})
        if not isinstance(page, Mapping):
            break
        data = page.get("data") or []
        items.extend(data)
        offset += limit
        if _is_last_page(page, len(data), limit, offset):
            break
    return items
