"""A Service (a group) has nothing to create or delete: its Deployments make the group appear and vanish.

Create and read report the group's endpoints and token once it exists;
delete checks that no member is left (members that remain keep the group
alive, which is said, not forced).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core import recent
from ...core.plan import Plan
from ...core.poll import Waits
from ..client import EasClient
from ..models.service import ServiceSpec
from ..planner.service import plan_service


@dataclass
class ServiceReconciler:
    client: EasClient
    waits: Waits

    def group(self, name: str) -> dict[str, Any] | None:
        return self.client.groups.find(name)

    def recent_key(self, name: str) -> tuple[str, str, str]:
        return ("eas-group", self.client.region, name)

    def plan(self, name: str, desired: ServiceSpec, recorded: dict[str, Any]) -> Plan:
        # A refresh diffs right after its read: that group is the live one.
        live = recent.take(self.recent_key(name)) or self.group(name) or {}
        return plan_service(desired, ServiceSpec.model_construct(name=name), recorded.get("internet_endpoint"),
                            live.get("InternetEndpoint"))

    def create(self, desired: ServiceSpec) -> dict[str, Any]:
        group = self.group(desired.name)
        if group is None:
            self.waits.say(f"group {desired.name} appears with its first Deployment (metadata.group: "
                           f"{desired.name}); its endpoint and token are recorded from then on")
            return {}
        self.waits.say(f"adopting group {desired.name}, which already has members")
        return group

    def read(self, name: str, importing: bool) -> dict[str, Any] | None:
        """The group ({} while it has no member); None only for an import of a group that does not exist."""
        group = self.group(name)
        if group is None and importing:
            return None
        if group is not None:
            recent.put(self.recent_key(name), group)
        return group or {}

    def members(self, name: str) -> list[str]:
        return [str(s.get("ServiceName")) for s in self.client.services.list_all(GroupName=name)
                if s.get("ServiceGroup", name) == name]

    def delete(self, name: str) -> None:
        left = self.members(name)
        if left:
            # Members of this stack are deleted after the Service (they are what it depends on), others may be
            # foreign: the group goes with the last of them either way.
            self.waits.say(f"group {name} stays while its member(s) {', '.join(sorted(left))} remain; it goes "
                           "with the last of them")
