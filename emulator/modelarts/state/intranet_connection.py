"""IntranetConnection: a request to reach a service from a private network.

Statuses are the SDK's enum (IntranetConnectionInfo.status). The flow, as this
emulator reads domain-spec section 10 and the SDK docstrings:

    create ─► APPROVING ─APPROVE─► CONNECTING ─(ready delay)─► CONNECTED ─CANCEL─► CANCELED
       │          └─REJECT─► REJECTED
       └─ (no approval needed) ─► CONNECTING ─► CONNECTED
    CONNECTING ─(VPC endpoint fails)─► FAILED ─RETRY─► CONNECTING

Approval is needed exactly when the service sets
`runtime_config.service_invoke.intranet_approval_enable: true` (the SDK: "TRUE:
intranet approval required; FALSE: not required"); unset means not required.
The docs also say requests are auto-approved for the owner; here the applicant
and the owner are always the same project, so that rule would make the
approval flow unreachable and it is not applied.

Fault injection: a VPC id starting with `vpc-flaky` makes the first attempt
end FAILED ("Connection failed. Try again."); a RETRY then succeeds.
Delete removes the record at once (DELETING is never observable).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.store import Document
from .common import Transition, TransitionNotAllowed, new_id

KIND = "intranet_connection"

APPROVING = "APPROVING"
REJECTED = "REJECTED"
CONNECTING = "CONNECTING"
CONNECTED = "CONNECTED"
CANCELED = "CANCELED"
FAILED = "FAILED"
DELETING = "DELETING"

MAX_CUSTOM_URLS = 10
FLAKY_VPC_PREFIX = "vpc-flaky"
RETRY_MESSAGE = "Connection failed. Try again."

# action -> (statuses it is allowed from, the status it leads to)
ACTIONS = {
    "APPROVE": ({APPROVING}, CONNECTING),
    "REJECT": ({APPROVING}, REJECTED),
    "CANCEL": ({CONNECTED}, CANCELED),
    "RETRY": ({FAILED}, CONNECTING),
}
# Custom URLs can be changed while the request is alive (not once it ended).
MODIFIABLE = {APPROVING, CONNECTING, CONNECTED, FAILED}


@dataclass
class IntranetConnection(Document):
    id: str
    scene: str
    type: str
    service_id: str | None
    service_name: str | None
    service_type: str | None
    vpc_id: str | None
    subnet_id: str | None
    pool_id: str | None
    dispatcher_group_id: str | None
    custom_urls: list[str]
    status: str
    message: str
    create_at: float
    update_at: float
    # Timed transition still to happen: {"status": <target>, "due": <epoch s>}.
    pending: dict | None = None
    attempts: int = 0

    @classmethod
    def create(cls, fields: dict, needs_approval: bool, now: float, delay: float) -> "IntranetConnection":
        conn = cls(id=new_id(), custom_urls=list(fields.pop("custom_urls", None) or []),
                   status=APPROVING, message="", create_at=now, update_at=now, **fields)
        if not needs_approval:
            conn._connect(now, delay)
        return conn

    def same_target(self, service_id: str | None, scene: str, vpc_id: str | None, pool_id: str | None) -> bool:
        """The uniqueness rule: one connection per service per VPC (or per pool)."""
        if self.service_id != service_id or self.scene != scene:
            return False
        return self.vpc_id == vpc_id if scene == "VPC" else self.pool_id == pool_id

    # ----- transitions ------------------------------------------------------------------

    def _connect(self, now: float, delay: float) -> None:
        self.status = CONNECTING
        self.attempts += 1
        flaky = (self.vpc_id or "").startswith(FLAKY_VPC_PREFIX) and self.attempts == 1
        self.pending = {"status": FAILED if flaky else CONNECTED, "due": now + delay}

    def act(self, action: str, reason: str | None, now: float, delay: float) -> Transition:
        allowed, target = ACTIONS[action]
        if self.status not in allowed:
            raise TransitionNotAllowed(f"intranet connection {self.id}", action, self.status, allowed)
        old = self.status
        if target == CONNECTING:
            self._connect(now, delay)
            self.message = ""
        else:
            self.status = target
            self.message = (reason or "") if action == "REJECT" else ""
        self.update_at = now
        return Transition(old, self.status, now)

    def modify(self, custom_urls: list[str], now: float) -> None:
        if self.status not in MODIFIABLE:
            raise TransitionNotAllowed(f"intranet connection {self.id}", "modify", self.status, MODIFIABLE)
        self.custom_urls = list(custom_urls)
        self.update_at = now

    def advance(self, now: float) -> list[Transition]:
        if not self.pending or self.pending["due"] > now:
            return []
        old, self.status = self.status, self.pending["status"]
        self.message = RETRY_MESSAGE if self.status == FAILED else ""
        self.update_at = self.pending["due"]
        self.pending = None
        return [Transition(old, self.status, self.update_at)]
