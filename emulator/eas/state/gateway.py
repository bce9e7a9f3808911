"""Private gateways and what hangs off them: intranet linked VPCs, VPC peers, ACLs, domains.

A gateway is Creating for `ready_delay`, then Running. UpdateGateway with a
new InstanceType or Replicas makes it Waiting for `ready_delay` (nodes are
replaced); the other fields change at once. Enabling Internet access makes
InternetStatus Creating -> Running; disabling it Deleting -> Deleted.
DeleteGateway: Deleting for `stop_delay`, then gone.

Intranet linked VPCs are identified by (VpcId, VSwitchId) and go Creating ->
Running after `ready_delay`. VPC peers (keyed by Region and VpcId) and ACL
entries (keyed by Entry) are sets per linked VpcId (the Internet ACL under
the empty VpcId): adding a member twice or removing an absent one changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.store import Document
from .common import digest, new_id, private_ip, regional_key

KIND = "eas_gateway"
CREATING, RUNNING, WAITING, DELETING = "Creating", "Running", "Waiting", "Deleting"
GONE = "-gone-"
ZONE_SUFFIXES = ("a", "b", "e", "f", "g", "k", "l")


@dataclass
class Gateway(Document):
    region: str
    gateway_id: str
    name: str
    instance_type: str
    replicas: int
    charge_type: str
    auto_renewal: bool
    internet_enabled: bool
    intranet_enabled: bool
    resource_name: str
    status: str
    create_time: float
    update_time: float
    internet_status: str = ""
    ssl_redirection: bool = False
    is_default: bool = False
    pending: dict | None = None
    internet_pending: dict | None = None
    linked_vpcs: list[dict] = field(default_factory=list)
    peers: dict[str, list[dict]] = field(default_factory=dict)
    acls: dict[str, list[dict]] = field(default_factory=dict)
    domains: list[dict] = field(default_factory=list)

    @classmethod
    def create(cls, region: str, spec: dict, resource_name: str, now: float,
               ready_delay: float) -> "Gateway":
        gateway_id = new_id("gw-", 16)
        gateway = cls(region=region, gateway_id=gateway_id, name=spec.get("Name") or gateway_id,
                      instance_type=spec["InstanceType"], replicas=spec.get("Replicas", 2),
                      charge_type=spec.get("ChargeType", "PostPaid"),
                      auto_renewal=spec.get("AutoRenewal", False),
                      internet_enabled=spec.get("EnableInternet", False),
                      intranet_enabled=spec.get("EnableIntranet", True),
                      resource_name=resource_name, status=CREATING, create_time=now,
                      update_time=now)
        gateway.pending = {"status": RUNNING, "due": now + ready_delay}
        if gateway.internet_enabled:
            gateway.internet_status = CREATING
            gateway.internet_pending = {"status": RUNNING, "due": now + ready_delay}
        return gateway

    @property
    def key(self) -> str:
        return regional_key(self.region, self.gateway_id)

    # ----- time -------------------------------------------------------------------------

    def advance(self, now: float) -> tuple[bool, bool]:
        """Apply what has come due: (changed, gone)."""
        changed = False
        if self.pending and now >= self.pending["due"]:
            if self.pending["status"] == GONE:
                return True, True
            self.status, self.update_time = self.pending["status"], self.pending["due"]
            self.pending, changed = None, True
        if self.internet_pending and now >= self.internet_pending["due"]:
            self.internet_status = self.internet_pending["status"]
            self.internet_pending, changed = None, True
        for linked in self.linked_vpcs:
            if linked["Status"] == CREATING and now >= linked["due"]:
                linked["Status"], changed = RUNNING, True
        return changed, False

    # ----- operations -------------------------------------------------------------------

    def update(self, spec: dict, now: float, ready_delay: float, stop_delay: float) -> None:
        if "Name" in spec:
            self.name = spec["Name"]
        if "EnableSSLRedirection" in spec:
            self.ssl_redirection = spec["EnableSSLRedirection"]
        if "EnableIntranet" in spec:
            self.intranet_enabled = spec["EnableIntranet"]
        if "IsDefault" in spec:
            self.is_default = spec["IsDefault"]
        resized = False
        for key, attribute in (("InstanceType", "instance_type"), ("Replicas", "replicas")):
            if key in spec and spec[key] != getattr(self, attribute):
                setattr(self, attribute, spec[key])
                resized = True
        if resized:
            self.status = WAITING
            self.pending = {"status": RUNNING, "due": now + ready_delay}
        if "EnableInternet" in spec and spec["EnableInternet"] != self.internet_enabled:
            self.internet_enabled = spec["EnableInternet"]
            if self.internet_enabled:
                self.internet_status = CREATING
                self.internet_pending = {"status": RUNNING, "due": now + ready_delay}
            else:
                self.internet_status = DELETING
                self.internet_pending = {"status": "Deleted", "due": now + stop_delay}
        self.update_time = now

    def delete(self, now: float, stop_delay: float) -> None:
        self.status, self.update_time = DELETING, now
        self.pending = {"status": GONE, "due": now + stop_delay}

    # ----- intranet linked VPCs ---------------------------------------------------------

    def find_linked(self, vpc_id: str, vswitch_id: str) -> dict | None:
        return next((linked for linked in self.linked_vpcs
                     if linked["VpcId"] == vpc_id and linked["VSwitchId"] == vswitch_id), None)

    def link(self, vpc_id: str, vswitch_id: str, authoritative_dns: bool, now: float,
             ready_delay: float) -> dict:
        seed = f"{self.gateway_id}/{vpc_id}/{vswitch_id}"
        linked = {"VpcId": vpc_id, "VSwitchId": vswitch_id,
                  "SecurityGroupId": f"sg-{digest(seed, 20)}", "Ip": private_ip(seed, "172"),
                  "Status": CREATING, "AuthoritativeDnsEnabled": authoritative_dns,
                  "due": now + ready_delay}
        self.linked_vpcs.append(linked)
        return linked

    def unlink(self, linked: dict) -> None:
        self.linked_vpcs.remove(linked)
        vpc_id = linked["VpcId"]
        if not any(other["VpcId"] == vpc_id for other in self.linked_vpcs):
            # The VPC is no longer linked: its peers and its ACL go with it.
            self.peers.pop(vpc_id, None)
            self.acls.pop(vpc_id, None)

    def linked_vpc_ids(self) -> set[str]:
        return {linked["VpcId"] for linked in self.linked_vpcs}

    # ----- sets -------------------------------------------------------------------------

    def add_peers(self, vpc_id: str, peers: list[dict]) -> None:
        members = self.peers.setdefault(vpc_id, [])
        for peer in peers:
            if peer not in members:
                members.append(peer)

    def remove_peers(self, vpc_id: str, peers: list[dict]) -> None:
        members = [peer for peer in self.peers.get(vpc_id, []) if peer not in peers]
        if members:
            self.peers[vpc_id] = members
        else:
            self.peers.pop(vpc_id, None)

    def add_acl(self, vpc_id: str, entries: list[dict]) -> None:
        members = {entry["Entry"]: entry for entry in self.acls.get(vpc_id, [])}
        for entry in entries:
            members[entry["Entry"]] = entry  # the same Entry again: its comment is updated
        self.acls[vpc_id] = list(members.values())

    def remove_acl(self, vpc_id: str, entries: list[dict]) -> None:
        gone = {entry["Entry"] for entry in entries}
        members = [entry for entry in self.acls.get(vpc_id, []) if entry["Entry"] not in gone]
        if members:
            self.acls[vpc_id] = members
        else:
            self.acls.pop(vpc_id, None)

    # ----- domains ----------------------------------------------------------------------

    def intranet_domain(self, uid: str) -> str:
        return f"{self.gateway_id}-{uid}-vpc.{self.region}.pai-eas.aliyuncs.com" \
            if self.intranet_enabled else ""

    def internet_domain(self, uid: str) -> str:
        return f"{self.gateway_id}-{uid}.{self.region}.pai-eas.aliyuncs.com" \
            if self.internet_enabled else ""

    def zones(self) -> list[str]:
        return [f"{self.region}-{suffix}" for suffix in ZONE_SUFFIXES[:4]]
