"""EAS services (our Deployments): `/api/v2/services...` (eas-api.md 7.1-7.3, 7.7).

Wire quirks are decoded here, where responses are parsed: the service JSON
(`ServiceConfig`, a JSON string) is parsed into `config`; labels, a list of
`{LabelKey, LabelValue}` on read, become a map; the mirror's `Ratio` (a string)
becomes an int and its `Target` a list.
"""

from __future__ import annotations

import json
from typing import Any

from ...core.errors import NotFoundError
from .http import EasHttp

PAGE_SIZE = 100
MAX_PAGES = 1000


def parse_config(text: Any) -> dict[str, Any]:
    """A `ServiceConfig` string as a dict (an empty or unreadable one as {})."""
    if isinstance(text, dict):
        return text
    try:
        parsed = json.loads(text) if text else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def decoded(service: Any) -> Any:
    """The `Service` model with `config` (the parsed ServiceConfig) and `labels` (a map) added."""
    if not isinstance(service, dict):
        return service
    labels = {str(item.get("LabelKey")): str(item.get("LabelValue") or "")
              for item in service.get("Labels") or [] if isinstance(item, dict) and item.get("LabelKey")}
    return {**service, "config": parse_config(service.get("ServiceConfig")), "labels": labels}


def list_pages(http: EasHttp, action: str, path: str, items_key: str, params: dict[str, Any] | None = None,
               number_key: str = "PageNumber") -> list[dict[str, Any]]:
    """Every item of an offset-paginated list (eas-api.md 1.6)."""
    found: list[dict[str, Any]] = []
    for number in range(1, MAX_PAGES + 1):
        page = http.call(action, "GET", path, params={**(params or {}), number_key: number, "PageSize": PAGE_SIZE})
        items = (page or {}).get(items_key) or [] if isinstance(page, dict) else []
        found += items
        total = page.get("TotalCount") if isinstance(page, dict) else None
        if not items or len(items) < PAGE_SIZE or (isinstance(total, int) and len(found) >= total):
            break
    return found


class ServicesApi:
    def __init__(self, http: EasHttp) -> None:
        self.http = http

    def _path(self, name: str, suffix: str = "") -> str:
        return self.http.cluster_path("services", name, suffix)

    # ----- lifecycle --------------------------------------------------------------------

    def create(self, config: dict[str, Any], labels: dict[str, str] | None = None,
               workspace_id: str | None = None) -> dict[str, Any]:
        params = {"Labels": json.dumps(labels, separators=(",", ":"), ensure_ascii=False) if labels else None,
                  "WorkspaceId": workspace_id}
        return self.http.call("CreateService", "POST", "/services", params=params, body=config)

    def get(self, name: str) -> dict[str, Any]:
        return decoded(self.http.call("DescribeService", "GET", self._path(name)))

    def find(self, name: str) -> dict[str, Any] | None:
        """The service, or None when there is none of that name."""
        try:
            return self.get(name)
        except NotFoundError:
            return None

    def list_all(self, **filters: Any) -> list[dict[str, Any]]:
        """Filters: `GroupName`, `Gateway`, `Filter`, `ServiceStatus`, `Label`, ..."""
        return [decoded(s) for s in list_pages(self.http, "ListServices", "/services", "Services", filters)]

    def update(self, name: str, config: dict[str, Any], update_type: str = "replace") -> dict[str, Any]:
        """`replace` makes `config` the whole service JSON (a removed key goes); `merge` lays it over."""
        return self.http.call("UpdateService", "PUT", self._path(name), params={"UpdateType": update_type},
                              body=config)

    def delete(self, name: str) -> None:
        """A service that does not exist counts as deleted."""
        try:
            self.http.call("DeleteService", "DELETE", self._path(name))
        except NotFoundError:
            return

    def start(self, name: str) -> None:
        self.http.call("StartService", "PUT", self._path(name, "/start"))

    def stop(self, name: str) -> None:
        self.http.call("StopService", "PUT", self._path(name, "/stop"))

    # ----- versions and traffic -----------------------------------------------------------

    def versions(self, name: str) -> list[dict[str, Any]]:
        """Recorded versions, each with `version` (the API's ImageId) and `config` (the parsed ServiceConfig,
        empty unless the service runs a custom image)."""
        listed = list_pages(self.http, "ListServiceVersions", self._path(name, "/versions"), "Versions")
        return [{**v, "version": v.get("ImageId"), "config": parse_config(v.get("ServiceConfig"))} for v in listed]

    def switch_version(self, name: str, version: int) -> None:
        self.http.call("UpdateServiceVersion", "PUT", self._path(name, "/version"), body={"Version": version})

    def release(self, name: str, weight: int | None = None, traffic_state: str | None = None) -> None:
        self.http.call("ReleaseService", "PUT", self._path(name, "/release"),
                       body={"TrafficState": traffic_state, "Weight": weight})

    # ----- labels, lock, mirror ------------------------------------------------------------

    def set_labels(self, name: str, labels: dict[str, str]) -> None:
        """Adds or overwrites; other labels stay."""
        self.http.call("UpdateServiceLabel", "PUT", self._path(name, "/label"), body={"Labels": labels})

    def delete_labels(self, name: str, keys: list[str]) -> None:
        self.http.call("DeleteServiceLabel", "DELETE", self._path(name, "/label"), params={"Keys": ",".join(keys)})

    def set_lock(self, name: str, lock: str) -> None:
        self.http.call("UpdateServiceSafetyLock", "PUT", self._path(name, "/lock"), body={"Lock": lock})

    def mirror(self, name: str) -> dict[str, Any] | None:
        """{"ratio": int, "targets": [names]}, or None without a mirror."""
        try:
            live = self.http.call("DescribeServiceMirror", "GET", self._path(name, "/mirror")) or {}
        except NotFoundError:
            return None
        targets = live.get("Target")
        if isinstance(targets, str):
            targets = [t.strip() for t in targets.split(",") if t.strip()]
        if not targets:
            return None
        try:
            ratio = int(live.get("Ratio") or 0)
        except (TypeError, ValueError):
            ratio = 0
        return {"ratio": ratio, "targets": list(targets)}

    def set_mirror(self, name: str, ratio: int, targets: list[str], exists: bool) -> None:
        action, method = ("UpdateServiceMirror", "PUT") if exists else ("CreateServiceMirror", "POST")
        self.http.call(action, method, self._path(name, "/mirror"), body={"Ratio": ratio, "Target": targets})

    def delete_mirror(self, name: str) -> None:
        try:
            self.http.call("DeleteServiceMirror", "DELETE", self._path(name, "/mirror"))
        except NotFoundError:
            return

    # ----- instances, events, endpoints -----------------------------------------------------

    def instances(self, name: str) -> list[dict[str, Any]]:
        return list_pages(self.http, "ListServiceInstances", self._path(name, "/instances"), "Instances")

    def events(self, name: str, event_type: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
        """Recent events, oldest first: from `since` (a UTC time as the API writes them), else the API's
        default window of seven days."""
        events = list_pages(self.http, "DescribeServiceEvent", self._path(name, "/events"), "Events",
                            {"EventType": event_type, "StartTime": since}, number_key="PageNum")
        return sorted(events, key=lambda e: str(e.get("Time") or ""))

    def endpoints(self, name: str) -> dict[str, Any]:
        return self.http.call("DescribeServiceEndpoints", "GET", self._path(name, "/endpoints")) or {}
