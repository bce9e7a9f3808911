"""The health gate of a traffic-shift step: statuses, instances and Warning events of both deployments."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..client import EasClient
from ..models.traffic_shift import TrafficShiftSpec
from ..statuses import SERVICE_FAILED, SERVICE_RUNNING, status_of
from .service import event_key, event_keys, unhealthy_instances, warning_events


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


def _members(spec: TrafficShiftSpec) -> tuple[tuple[str, str], ...]:
    return (("canary", spec.canary_deployment_name), ("stable", spec.stable_deployment_name))


def warning_event_keys(client: EasClient, spec: TrafficShiftSpec) -> set[str]:
    """The Warning events of both deployments so far (none needed when events do not count)."""
    if not spec.fail_on_events:
        return set()
    return {key for _, name in _members(spec) for key in event_keys(warning_events(client, name))}


def check_gate(client: EasClient, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
    result = GateResult()
    instance_reasons: list[str] = []
    unhealthy = 0
    for role, name in _members(spec):
        service = client.services.get(name)
        status = status_of(service)
        if status in SERVICE_FAILED or (spec.require_running and status != SERVICE_RUNNING):
            reason = service.get("Message") or service.get("Reason")
            result.reasons.append(f"{role} deployment {name} is {status}" + (f" ({reason})" if reason else ""))
        bad = unhealthy_instances(client.services.instances(name))
        unhealthy += len(bad)
        if bad:
            instance_reasons.append(f"{role} deployment {name} has {len(bad)} unhealthy instance(s): "
                                    + ", ".join(f"{i.get('InstanceName')} {i.get('Status')}" for i in bad))
    if unhealthy > spec.max_unhealthy_instances:
        result.reasons += instance_reasons + [f"{unhealthy} unhealthy instance(s), at most "
                                              f"{spec.max_unhealthy_instances} allowed"]
    if not spec.fail_on_events:
        return result
    new = [(name, e) for _, name in _members(spec) for e in warning_events(client, name) if event_key(e) not in seen_events]
    if new:
        result.reasons.append(f"{len(new)} new Warning event(s) since the step began")
        result.events = [f"[{name}: {e.get('Reason')}] {e.get('Message')}" for name, e in new]
    return result
