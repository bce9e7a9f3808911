"""Per-request context: the caller's region, parsed input, typed store access, the time hook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from ...core.faults import FaultBook
from ...core.plugin import Call
from .. import errors, validation
from ..state import gateway as gateway_state
from ..state import group as group_state
from ..state import service as service_state
from ...core.store import Document
from ..state.common import account_uid, default_region, region_of_host, regional_key
from ..state.gateway import Gateway
from ..state.group import FIRST_MEMBER_WEIGHT, Group
from ..state.service import Fault, Service

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
Regional = TypeVar("Regional", bound=Document)


@dataclass
class Context(Call):
    """A core `Call` with the typed helpers the EAS handlers share."""

    @classmethod
    def of(cls, call: Call) -> "Context":
        return cls(**vars(call))

    # ----- who and where ----------------------------------------------------------------

    @property
    def uid(self) -> str:
        return account_uid(self.project_id)

    def host_region(self) -> str | None:
        host = (self.raw.headers.get("host", "") if self.raw else "")
        return region_of_host(host)

    def home_region(self) -> str:
        """Where operations without a ClusterId (CreateService, CreateGateway) act: the
        region the control-plane host names, else the emulator's default region."""
        return validation.region(self.host_region() or default_region(), "host")

    def cluster(self) -> str:
        return validation.region(self.path["ClusterId"])

    # ----- input ------------------------------------------------------------------------

    def page(self, number_key: str = "PageNumber", size_key: str = "PageSize",
             default_size: int = DEFAULT_PAGE_SIZE) -> tuple[int, int]:
        return (self.query_int(number_key, 1, 1, 2**31 - 1),
                self.query_int(size_key, default_size, 1, MAX_PAGE_SIZE))

    def query_int(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise errors.invalid_field(name, "must be an integer", raw) from None
        if not low <= value <= high:
            raise errors.invalid_field(name, f"must be between {low} and {high}", raw)
        return value

    def query_str(self, name: str) -> str | None:
        value = self.query.get(name)
        return None if value is None or value == "" else value

    def flag(self, name: str, default: bool = False) -> bool:
        return validation.flag(self.query.get(name), name, default)

    # ----- fault injection --------------------------------------------------------------

    def take_fault(self, name: str):
        """A taker of the fault a deploy or rollout of service `name` hits (rules are consumed
        only when a deploy or rollout actually starts)."""
        def take() -> Fault | None:
            reason = self.settings.deploy_fault(name)
            if reason:
                return Fault(False, reason)
            found = FaultBook(self.store).take_deploy_fault(name)
            return Fault(found.hang, found.reason) if found else None
        return take

    # ----- documents keyed by region and name ---------------------------------------------

    def _in_region(self, kind: str, state: type[Regional], region: str | None) -> list[Regional]:
        found = [state.from_doc(doc) for doc in self.store.list(kind, self.project_id)]
        return [item for item in found if region is None or item.region == region]

    def _find(self, kind: str, state: type[Regional], region: str, name: str) -> Regional | None:
        doc = self.store.get(kind, self.project_id, regional_key(region, name))
        return state.from_doc(doc) if doc else None

    # ----- services ---------------------------------------------------------------------

    def services(self, region: str | None = None) -> list[Service]:
        return self._in_region(service_state.KIND, Service, region)

    def find_service(self, region: str, name: str) -> Service | None:
        return self._find(service_state.KIND, Service, region, name)

    def service(self) -> Service:
        region, name = self.cluster(), self.path["ServiceName"]
        found = self.find_service(region, name)
        if found is None:
            raise errors.service_not_found(region, name)
        return found

    def save_service(self, service: Service) -> None:
        self.store.put(service_state.KIND, self.project_id, service.key, service.to_doc())

    def remove_service(self, service: Service) -> None:
        self.store.delete(service_state.KIND, self.project_id, service.key)
        self.leave_group(service.region, service.group, service.name)

    # ----- groups -----------------------------------------------------------------------

    def groups(self, region: str | None = None) -> list[Group]:
        return self._in_region(group_state.KIND, Group, region)

    def find_group(self, region: str, name: str) -> Group | None:
        return self._find(group_state.KIND, Group, region, name)

    def group(self) -> Group:
        region, name = self.cluster(), self.path["GroupName"]
        found = self.find_group(region, name)
        if found is None:
            raise errors.group_not_found(region, name)
        return found

    def members(self, region: str, group: str) -> list[Service]:
        return [s for s in self.services(region) if s.group == group]

    def join_group(self, service: Service, previous: str) -> None:
        """Membership after `service.group` was set (it was `previous`): groups appear and
        vanish with their members; see `state.group`."""
        if service.group == previous:
            return
        if service.group:
            if self.find_group(service.region, service.group) is None:
                group = Group.create(service.region, service.group, self.now)
                self.store.put(group_state.KIND, self.project_id, group.key, group.to_doc())
                service.traffic_state, service.weight = "grouping", FIRST_MEMBER_WEIGHT
            else:
                service.traffic_state, service.weight = "standalone", 0
        else:
            service.traffic_state, service.weight = "standalone", 0
        if previous:
            self.leave_group(service.region, previous, service.name)

    def leave_group(self, region: str, group: str, member: str) -> None:
        if group and not [s for s in self.members(region, group) if s.name != member]:
            self.store.delete(group_state.KIND, self.project_id, regional_key(region, group))

    # ----- gateways ---------------------------------------------------------------------

    def gateways(self, region: str | None = None) -> list[Gateway]:
        return self._in_region(gateway_state.KIND, Gateway, region)

    def find_gateway(self, region: str, gateway_id: str) -> Gateway | None:
        return self._find(gateway_state.KIND, Gateway, region, gateway_id)

    def gateway(self) -> Gateway:
        region, gateway_id = self.cluster(), self.path["GatewayId"]
        found = self.find_gateway(region, gateway_id)
        if found is None:
            raise errors.gateway_not_found(region, gateway_id)
        return found

    def save_gateway(self, gateway: Gateway) -> None:
        self.store.put(gateway_state.KIND, self.project_id, gateway.key, gateway.to_doc())


def advance_project(ctx: Context) -> None:
    """Apply every timed change that has come due in the caller's project (before each request)."""
    unhealthy = FaultBook(ctx.store).unhealthy_rules()
    for service in ctx.services():
        before = service.to_doc()
        if service.advance(ctx.now):
            ctx.remove_service(service)
            continue
        service.set_health(FaultBook.is_unhealthy(unhealthy, service.name), ctx.now)
        if service.to_doc() != before:
            ctx.save_service(service)
    for gateway in ctx.gateways():
        changed, gone = gateway.advance(ctx.now)
        if gone:
            ctx.store.delete(gateway_state.KIND, ctx.project_id, gateway.key)
        elif changed:
            ctx.save_gateway(gateway)
