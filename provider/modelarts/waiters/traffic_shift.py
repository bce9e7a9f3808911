"""The health gate of a traffic-shift step: deployment statuses, instances, service events."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..client import ModelArtsClient
from ..models.traffic_shift import TrafficShiftSpec
from ..statuses import DEPLOYMENT_FAILED, DEPLOYMENT_RUNNING, status_of
from .deployment import unhealthy_instances
from .service import alarming_events, event_ids


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
    """Ids of the service's ABNORMAL and WARNING events so far (none needed when events do not count)."""
    if not spec.fail_on_events:
        return set()
    return event_ids(alarming_events(client, spec.service_id))


def check_gate(client: ModelArtsClient, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
    result = GateResult()
    instance_reasons: list[str] = []
    unhealthy = 0
    for role, deployment_id in (("canary", spec.canary_deployment_id), ("stable", spec.stable_deployment_id)):
        deployment = client.deployments.get(spec.service_id, deployment_id)
        name = deployment.get("name") or deployment_id
        status = status_of(deployment)
        if status in DEPLOYMENT_FAILED or (spec.require_running and status != DEPLOYMENT_RUNNING):
            reason = deployment.get("failure_reason")
            result.reasons.append(f"{role} deployment {name} is {status}" + (f" ({reason})" if reason else ""))
        bad = unhealthy_instances(client.deployments.instances(spec.service_id, name))
        unhealthy += len(bad)
        if bad:
            instance_reasons.append(f"{role} deployment {name} has {len(bad)} unhealthy instance(s): "
                                    + ", ".join(f"{i.get('instance_name')} {i.get('status')}" for i in bad))
    if unhealthy > spec.max_unhealthy_instances:
        result.reasons += instance_reasons + [f"{unhealthy} unhealthy instance(s), at most "
                                              f"{spec.max_unhealthy_instances} allowed"]
    if not spec.fail_on_events:
        return result
    new = [e for e in alarming_events(client, spec.service_id) if str(e.get("id")) not in seen_events]
    if new:
        result.reasons.append(f"{len(new)} new ABNORMAL/WARNING service event(s) since the step began")
        result.events = [f"[{e.get('event_type')}] {e.get('event_info')}" for e in new]
    return result
