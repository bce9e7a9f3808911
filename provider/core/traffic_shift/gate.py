"""The health gate of a traffic-shift step, judged from what a cloud read of its two deployments.

A cloud reads each deployment (its status, its unhealthy instances) and the
events since the step began, in its own API's terms; the rules that turn
those readings into a pass or a list of reasons are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from .model import ShiftSpec


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


@dataclass(frozen=True)
class MemberHealth:
    """One deployment of the shift as its cloud read it for a gate."""

    role: str  # canary or stable
    name: str
    status: str
    failed: bool  # the status is one the platform does not recover from
    running: bool
    reason: str | None  # the platform's explanation of the status, if it gave one
    unhealthy: tuple[str, ...] = ()  # "<instance> <status>" for each unhealthy instance


def judge_gate(spec: ShiftSpec, members: Iterable[MemberHealth], new_events: Callable[[], list[str]],
               event_kind: str) -> GateResult:
    """The gate's verdict. `members` may read lazily (the clouds read one deployment at a time);
    `new_events` is called only when events count, and says each event not seen before the step;
    `event_kind` names them in the reason (e.g. "Warning")."""
    result = GateResult()
    instance_reasons: list[str] = []
    unhealthy = 0
    for member in members:
        if member.failed or (spec.require_running and not member.running):
            result.reasons.append(f"{member.role} deployment {member.name} is {member.status}"
                                  + (f" ({member.reason})" if member.reason else ""))
        unhealthy += len(member.unhealthy)
        if member.unhealthy:
            instance_reasons.append(f"{member.role} deployment {member.name} has {len(member.unhealthy)} unhealthy "
                                    "instance(s): " + ", ".join(member.unhealthy))
    if unhealthy > spec.max_unhealthy_instances:
        result.reasons += instance_reasons + [f"{unhealthy} unhealthy instance(s), at most "
                                              f"{spec.max_unhealthy_instances} allowed"]
    if not spec.fail_on_events:
        return result
    new = new_events()
    if new:
        result.reasons.append(f"{len(new)} new {event_kind} event(s) since the step began")
        result.events = new
    return result
