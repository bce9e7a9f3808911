"""What a traffic-shift step's health gate reads on PAI-EAS: statuses, instances and Warning events of both
deployments.

The verdict is every cloud's (`core.traffic_shift.gate`).
"""

from __future__ import annotations

from typing import Iterator

from ...core.traffic_shift.gate import GateResult, MemberHealth, judge_gate
from ..client import EasClient
from ..models.traffic_shift import TrafficShiftSpec
from ..statuses import SERVICE_FAILED, SERVICE_RUNNING, status_of
from .service import event_key, event_keys, unhealthy_instances, warning_events


def warning_event_keys(client: EasClient, spec: TrafficShiftSpec) -> set[str]:
    """The Warning events of both deployments so far (none needed when events do not count)."""
    if not spec.fail_on_events:
        return set()
    return {key for _, name in spec.by_role() for key in event_keys(warning_events(client, name))}


def deployment_health(client: EasClient, spec: TrafficShiftSpec) -> Iterator[MemberHealth]:
    for role, name in spec.by_role():
        service = client.services.get(name)
        status = status_of(service)
        bad = unhealthy_instances(client.services.instances(name))
        yield MemberHealth(role, name, status, failed=status in SERVICE_FAILED, running=status == SERVICE_RUNNING,
                           reason=service.get("Message") or service.get("Reason"),
                           unhealthy=tuple(f"{i.get('InstanceName')} {i.get('Status')}" for i in bad))


def check_gate(client: EasClient, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
    def new_events() -> list[str]:
        return [f"[{name}: {e.get('Reason')}] {e.get('Message')}" for _, name in spec.by_role()
                for e in warning_events(client, name) if event_key(e) not in seen_events]

    return judge_gate(spec, deployment_health(client, spec), new_events, "Warning")
