"""The health gate of a traffic-shift step: deployment statuses, instances, service events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..clients.modelarts import ModelArtsClient
from ..models.traffic_shift import TrafficShiftSpec
from .deployment import deployment_status

ALARMING_EVENTS = ("ABNORMAL", "WARNING")
ALWAYS_FAILING = {"FAILED", "ERROR"}
UNHEALTHY_INSTANCES = {"FAILED", "CONCERNING", "ERROR"}


@dataclass
class GateResult:
    reasons: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons

    def describe(self) -> str:
        text = "; ".join(self.reasons)
        if self.events:
            text += "; events: " + " | ".join(self.events)
        return text


def alarming_event_ids(client: ModelArtsClient, spec: TrafficShiftSpec) -> set[str]:
    """Ids of the service's ABNORMAL and WARNING events so far (none needed when events do not count).

    Compared by id, not by time, so a clock that differs from the cloud's
    cannot hide or invent an event.
    """
    if not spec.fail_on_events:
        return set()
    return {str(e.get("id")) for e in _alarming_events(client, spec.service_id)}


def _alarming_events(client: ModelArtsClient, service_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for kind in ALARMING_EVENTS:  # the API filters by one type at a time
        found += client.services.events(service_id, event_type=kind)
    return found


def check_gate(client: ModelArtsClient, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
    result = GateResult()
    instance_reasons: list[str] = []
    unhealthy = 0
    for role, deployment_id in (("canary", spec.canary_deployment_id), ("stable", spec.stable_deployment_id)):
        deployment = client.deployments.get(spec.service_id, deployment_id)
        name = deployment.get("name") or deployment_id
        status = deployment_status(deployment)
        if status in ALWAYS_FAILING or (spec.require_running and status != "RUNNING"):
            reason = deployment.get("failure_reason")
            result.reasons.append(f"{role} deployment {name} is {status}" + (f" ({reason})" if reason else ""))
        bad = [i for i in client.deployments.instances(spec.service_id, name)
               if str(i.get("status", "")).upper() in UNHEALTHY_INSTANCES]
        unhealthy += len(bad)
        if bad:
            instance_reasons.append(f"{role} deployment {name} has {len(bad)} unhealthy instance(s): "
                                  + ", ".join(f"{i.get('instance_name')} {i.get('status')}" for i in bad))
    if unhealthy > spec.max_unhealthy_instances:
        result.reasons += instance_reasons + [f"{unhealthy} unhealthy instance(s), at most "
                                              f"{spec.max_unhealthy_instances} allowed"]
    if not spec.fail_on_events:
        return result
    new = [e for e in _alarming_events(client, spec.service_id) if str(e.get("id")) not in seen_events]
    new.sort(key=lambda e: e.get("create_at") or 0)
    if new:
        result.reasons.append(f"{len(new)} new ABNORMAL/WARNING service event(s) since the step began")
        result.events = [f"[{e.get('event_type')}] {e.get('event_info')}" for e in new]
    return result
