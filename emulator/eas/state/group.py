"""Service groups: implicit, created and deleted through their members' `metadata.group`.

SDK 7.0.0 has no CreateGroup/DeleteGroup (eas-api.md 4.2): a group exists
while at least one service names it. It is created (with its own access
token, which no API can change) when the first service names a new group,
and deleted when its last member is deleted or leaves. The member that
creates the group serves the group's traffic (TrafficState grouping, weight
100); services that join later get none until ReleaseService puts them in
grouping state with a weight (EAS: "services added to a group do not
receive group traffic by default"). A service that leaves a group goes back
to standalone, weight 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.store import Document
from .common import new_token, regional_key

KIND = "eas_group"
FIRST_MEMBER_WEIGHT = 100


@dataclass
class Group(Document):
    region: str
    name: str
    token: str
    create_time: float
    update_time: float
    traffic_mode: str = "auto"
    queue_service: str = ""

    @classmethod
    def create(cls, region: str, name: str, now: float) -> "Group":
        return cls(region=region, name=name, token=new_token(), create_time=now, update_time=now)

    @property
    def key(self) -> str:
        return regional_key(self.region, self.name)
