"""A service's autoscaler and cron scaler: per-service singletons (eas-api.md 4.3, 4.4, 7.5, 7.6).

The autoscaler is written in lower-camel (`min`, `max`, `scaleStrategies`,
`behavior`) but described as `MinReplica`, `MaxReplica`, `ScaleStrategies`
(metric names upper-case) and `Behavior`: `autoscaler()` answers in the
request's shape, metric names lower-case, so both sides compare.
"""

from __future__ import annotations

from typing import Any

from ...core.errors import NotFoundError
from .http import EasHttp


def decoded_autoscaler(live: dict[str, Any]) -> dict[str, Any]:
    strategies = [{"metricName": str(s.get("metricName") or "").lower(), "threshold": s.get("threshold"),
                   "service": s.get("service")} for s in live.get("ScaleStrategies") or [] if isinstance(s, dict)]
    return {"min": live.get("MinReplica"), "max": live.get("MaxReplica"), "scaleStrategies": strategies,
            "behavior": live.get("Behavior") or {}}


def decoded_cronscaler(live: dict[str, Any]) -> dict[str, Any]:
    jobs = [{"Name": j.get("Name"), "Schedule": j.get("Schedule"), "TargetSize": j.get("TargetSize"),
             "State": j.get("State"), "Message": j.get("Message")}
            for j in live.get("ScaleJobs") or [] if isinstance(j, dict)]
    return {"ScaleJobs": jobs, "ExcludeDates": list(live.get("ExcludeDates") or [])}


class ScalersApi:
    def __init__(self, http: EasHttp) -> None:
        self.http = http

    def _path(self, service: str, kind: str) -> str:
        return self.http.cluster_path("services", service, f"/{kind}")

    # ----- autoscaler -----------------------------------------------------------------------

    def autoscaler(self, service: str) -> dict[str, Any] | None:
        """The autoscaler in request shape, or None when the service has none (or is gone)."""
        try:
            return decoded_autoscaler(self.http.call("DescribeServiceAutoScaler", "GET", self._path(service, "autoscaler")) or {})
        except NotFoundError:
            return None

    def put_autoscaler(self, service: str, body: dict[str, Any], exists: bool) -> None:
        action, method = ("UpdateServiceAutoScaler", "PUT") if exists else ("CreateServiceAutoScaler", "POST")
        self.http.call(action, method, self._path(service, "autoscaler"), body=body)

    def delete_autoscaler(self, service: str) -> None:
        try:
            self.http.call("DeleteServiceAutoScaler", "DELETE", self._path(service, "autoscaler"))
        except NotFoundError:
            return

    # ----- cron scaler -------------------------------------------------------------------------

    def cronscaler(self, service: str) -> dict[str, Any] | None:
        try:
            return decoded_cronscaler(self.http.call("DescribeServiceCronScaler", "GET", self._path(service, "cronscaler")) or {})
        except NotFoundError:
            return None

    def put_cronscaler(self, service: str, body: dict[str, Any], exists: bool) -> None:
        action, method = ("UpdateServiceCronScaler", "PUT") if exists else ("CreateServiceCronScaler", "POST")
        self.http.call(action, method, self._path(service, "cronscaler"), body=body)

    def delete_cronscaler(self, service: str) -> None:
        try:
            self.http.call("DeleteServiceCronScaler", "DELETE", self._path(service, "cronscaler"))
        except NotFoundError:
            return

    def owns_instance_count(self, service: str) -> bool:
        """Whether a scaler sets the service's instance count (one call when the autoscaler exists)."""
        return self.autoscaler(service) is not None or self.cronscaler(service) is not None
