"""ScalingRule: a Deployment's cron scaler and metric autoscaler (eas-api.md 4.3, 4.4, 7.5, 7.6).

Both are per-service singletons of EAS; one ScalingRule holds either or both.
While either exists it owns the service's instance count (the Deployment then
leaves `metadata.instance` alone).

Inputs are in snake_case (`scale_jobs`, `min`, `scale_strategies`, ...); the
API's cron scaler is PascalCase, its autoscaler lower-camel. Schedules are
5-field cron expressions; EAS's have a seconds field first, which the
provider adds ('0' for a job, '*' for an excluded time).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field
from .common import CRON, NAME, check_name, with_seconds, without_seconds

JOB_SECONDS = "0"
EXCLUDE_SECONDS = "*"
# Metric names as inputs -> as the API spells them in requests.
METRICS = {"qps": "qps", "cpu": "cpu", "gpu": "gpu[util]"}


class ScaleJob(Spec):
    name: str = Field(min_length=1, max_length=128)
    """Name of the job, unique among the rule's jobs."""
    schedule: str
    """When the job runs: a 5-field cron expression (minute hour day-of-month month day-of-week; days of week
    0-6 or SUN-SAT, '?' allowed in the day fields), in UTC."""
    target_size: int = Field(ge=0)
    """Instance count the job sets."""

    _cron = field_validator("schedule")(classmethod(lambda cls, v: CRON.checked(v)))


class CronScaler(Spec):
    scale_jobs: list[ScaleJob] = Field(min_length=1)
    """The jobs, each setting the instance count on its schedule."""
    exclude_dates: list[str] | None = None
    """Times at which no job runs, as 5-field cron expressions (e.g. '* * * * 0,6' for weekends)."""

    @field_validator("exclude_dates")
    @classmethod
    def _crons(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [CRON.checked(v) for v in value]

    @model_validator(mode="after")
    def _unique_names(self) -> "CronScaler":
        names = [job.name for job in self.scale_jobs]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"scale_jobs: job names must be unique, {', '.join(repeated)} repeated")
        return self

    def request_body(self) -> dict[str, Any]:
        return {"ScaleJobs": [{"Name": j.name, "Schedule": with_seconds(j.schedule, JOB_SECONDS),
                               "TargetSize": j.target_size} for j in self.scale_jobs],
                "ExcludeDates": [with_seconds(d, EXCLUDE_SECONDS) for d in self.exclude_dates or []]}

    @classmethod
    def from_api(cls, live: dict[str, Any]) -> "CronScaler":
        """Built without validation: an out-of-band schedule must still show up as drift."""
        jobs = [ScaleJob.model_construct(name=j.get("Name"), schedule=without_seconds(j.get("Schedule"), JOB_SECONDS),
                                         target_size=j.get("TargetSize")) for j in live.get("ScaleJobs") or []]
        excluded = [without_seconds(d, EXCLUDE_SECONDS) for d in live.get("ExcludeDates") or []]
        return cls.model_construct(scale_jobs=jobs, exclude_dates=excluded)


class ScaleStrategy(Spec):
    metric_name: Literal["qps", "cpu", "gpu"]
    """Metric that drives the count: qps (average queries per second of an instance), cpu or gpu (average
    utilisation of an instance, in percent)."""
    threshold: float = Field(gt=0)
    """Value of the metric above which instances are added (below it, removed); a utilisation is at most
    100."""
    service: str | None = Field(default=None, pattern=NAME)
    """Service whose metric is read; unset, the deployment's own."""

    @model_validator(mode="after")
    def _utilisation(self) -> "ScaleStrategy":
        if self.metric_name in ("cpu", "gpu") and self.threshold > 100:
            raise ValueError(f"threshold: a {self.metric_name} utilisation is a percentage, at most 100")
        return self


class OnZero(Spec):
    scale_down_grace_period_seconds: int | None = Field(default=None, ge=0)
    """Time without traffic before the count may drop to 0, in seconds (the platform's default: 600)."""
    scale_up_activation_replicas: int | None = Field(default=None, ge=1)
    """Instances started at once when traffic arrives at 0 instances (the platform's default: 1)."""


class StabilizationWindow(Spec):
    stabilization_window_seconds: int | None = Field(default=None, ge=0)
    """How long the metric must stay past its threshold before the count changes, in seconds (the platform's
    defaults: 300 to scale in, 0 to scale out)."""


class Behavior(Spec):
    on_zero: OnZero | None = None
    """Scaling to and from zero instances."""
    scale_down: StabilizationWindow | None = None
    """Scaling in."""
    scale_up: StabilizationWindow | None = None
    """Scaling out."""


class AutoScaler(Spec):
    min: int = Field(ge=1)
    """Fewest instances; at least 1 (UpdateServiceAutoScaler: 'must be greater than 0')."""
    max: int = Field(ge=1)
    """Most instances; greater than min."""
    scale_strategies: list[ScaleStrategy] = Field(min_length=1)
    """The metrics the count follows, each metric at most once per service."""
    behavior: Behavior | None = None
    """How fast the count follows the metrics."""

    @model_validator(mode="after")
    def _bounds(self) -> "AutoScaler":
        if self.max <= self.min:
            raise ValueError(f"max: must be greater than min ({self.min})")
        seen = [(s.metric_name, s.service) for s in self.scale_strategies]
        if len(set(seen)) != len(seen):
            raise ValueError("scale_strategies: a metric is given twice for the same service")
        return self

    def request_body(self) -> dict[str, Any]:
        strategies = []
        for s in self.scale_strategies:
            item = {"metricName": METRICS[s.metric_name], "threshold": s.threshold}
            if s.service:
                item["service"] = s.service
            strategies.append(item)
        body: dict[str, Any] = {"min": self.min, "max": self.max, "scaleStrategies": strategies}
        behavior = _behavior_body(self.behavior)
        if behavior:
            body["behavior"] = behavior
        return body

    @classmethod
    def from_api(cls, live: dict[str, Any], service: str) -> "AutoScaler":
        """The live autoscaler (in request shape, as the client decodes it) in input shape, unvalidated.
        A strategy naming the deployment itself reads as unset (the API fills it in)."""
        by_wire = {wire: name for name, wire in METRICS.items()}
        strategies = [ScaleStrategy.model_construct(
            metric_name=by_wire.get(str(s.get("metricName")).lower(), str(s.get("metricName")).lower()),
            threshold=s.get("threshold"), service=None if s.get("service") in (None, "", service) else s.get("service"))
            for s in live.get("scaleStrategies") or []]
        raw = live.get("behavior") or {}
        behavior = Behavior.model_construct(
            on_zero=OnZero.model_construct(**_snake(raw.get("onZero"), ("scaleDownGracePeriodSeconds",
                                                                        "scaleUpActivationReplicas"))),
            scale_down=StabilizationWindow.model_construct(**_snake(raw.get("scaleDown"), ("stabilizationWindowSeconds",))),
            scale_up=StabilizationWindow.model_construct(**_snake(raw.get("scaleUp"), ("stabilizationWindowSeconds",))))
        return cls.model_construct(min=live.get("min"), max=live.get("max"), scale_strategies=strategies,
                                   behavior=behavior)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _snake(section: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    section = section if isinstance(section, dict) else {}
    out = {}
    for key in keys:
        snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in key)
        out[snake] = section.get(key)
    return out


def _behavior_body(behavior: Behavior | None) -> dict[str, Any]:
    if behavior is None:
        return {}
    out: dict[str, Any] = {}
    for part in ("on_zero", "scale_down", "scale_up"):
        section = getattr(behavior, part)
        if section is None:
            continue
        values = {_camel(k): v for k, v in section.model_dump(exclude_none=True).items()}
        if values:
            out[_camel(part)] = values
    return out


class ScalingRuleSpec(Spec):
    deployment_name: str = spec_field(change=Action.REPLACE, pattern=NAME,
                                      why="a scaler belongs to one service; another service's is another rule")
    """Name of the Deployment (EAS service) whose instance count the rule sets."""
    cron: CronScaler | None = spec_field(None, change=Action.UPDATE)
    """Scheduled counts (the cron scaler); removing it deletes the cron scaler."""
    autoscaler: AutoScaler | None = spec_field(None, change=Action.UPDATE)
    """Metric-driven counts between min and max (the autoscaler); removing it deletes the autoscaler."""

    _deployment = field_validator("deployment_name")(classmethod(lambda cls, v: check_name(v)))

    @model_validator(mode="after")
    def _something(self) -> "ScalingRuleSpec":
        if self.cron is None and self.autoscaler is None:
            raise ValueError("cron: give a cron scaler, an autoscaler, or both")
        return self

    @classmethod
    def from_api(cls, deployment_name: str, cron: dict[str, Any] | None,
                 autoscaler: dict[str, Any] | None) -> "ScalingRuleSpec":
        return cls.model_construct(deployment_name=deployment_name,
                                   cron=CronScaler.from_api(cron) if cron is not None else None,
                                   autoscaler=AutoScaler.from_api(autoscaler, deployment_name)
                                   if autoscaler is not None else None)
