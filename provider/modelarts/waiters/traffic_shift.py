"""What a traffic-shift step's health gate reads on ModelArts: deployment statuses, instances, service events.

The verdict is every cloud's (`core.traffic_shift.gate`).
"""

from __future__ import annotations

from typing import Iterator

from ...core.traffic_shift.gate import GateResult, MemberHealth, judge_gate
from ..client import ModelArtsClient
from ..models.traffic_shift import TrafficShiftSpec
from ..statuses import DEPLOYMENT_FAILED, DEPLOYMENT_RUNNING, status_of
from .deployment import unhealthy_instances
from .service import alarming_events, event_ids


def alarming_event_ids(client: ModelArtsClient, spec: TrafficShiftSpec) -> set[str]:
    """Ids of the service's ABNORMAL and WARNING events so far (none needed when events do not count)."""
    if not spec.fail_on_events:
        return set()
    return event_ids(alarming_events(client, spec.service_id))


def deployment_health(client: ModelArtsClient, spec: TrafficShiftSpec) -> Iterator[MemberHealth]:
    for role, deployment_id in spec.by_role():
        deployment = client.deployments.get(spec.service_id, deployment_id)
        name = deployment.get("name") or deployment_id
        status = status_of(deployment)
        bad = unhealthy_instances(client.deployments.instances(spec.service_id, name))
        yield MemberHealth(role, name, status, failed=status in DEPLOYMENT_FAILED,
                           running=status == DEPLOYMENT_RUNNING, reason=deployment.get("failure_reason"),
                           unhealthy=tuple(f"{i.get('instance_name')} {i.get('status')}" for i in bad))


def check_gate(client: ModelArtsClient, spec: TrafficShiftSpec, seen_events: set[str]) -> GateResult:
    def new_events() -> list[str]:
        return [f"[{e.get('event_type')}] {e.get('event_info')}" for e in alarming_events(client, spec.service_id)
                if str(e.get("id")) not in seen_events]

    return judge_gate(spec, deployment_health(client, spec), new_events, "ABNORMAL/WARNING service")
