"""Private gateways, their intranet linked VPCs, VPC peers, ACLs and custom domains."""

from __future__ import annotations

from typing import Callable

from .. import errors, responses, validation
from ..state.gateway import CREATING, RUNNING, Gateway
from ..state.service import gateway_of
from .context import Context


def _changeable(gateway: Gateway, operation: str, allowed=frozenset({RUNNING, "Waiting"})) -> None:
    """Changes need the gateway Running (or Waiting: being resized, still serving)."""
    if gateway.status not in allowed:
        raise errors.incorrect_status(f"private gateway [{gateway.gateway_id}]", operation,
                                      gateway.status, allowed)


def create(ctx: Context) -> dict:
    spec = validation.gateway_create(ctx.body)
    region = ctx.home_region()
    resource = ctx.query_str("ResourceName") or ""
    gateway = Gateway.create(region, spec, resource, ctx.now, ctx.settings.ready_delay)
    gateway.is_default = not ctx.gateways(region)
    ctx.save_gateway(gateway)
    return responses.ok(f"Private gateway [{gateway.gateway_id}] is being created.",
                        ClusterId=region, GatewayId=gateway.gateway_id)


def describe(ctx: Context) -> dict:
    return responses.gateway(ctx.gateway(), ctx.uid)


def list_(ctx: Context) -> dict:
    number, size = ctx.page()
    found = sorted(ctx.gateways(ctx.host_region()), key=lambda g: g.create_time, reverse=True)
    if ctx.query_str("GatewayId"):
        found = [g for g in found if g.gateway_id == ctx.query_str("GatewayId")]
    if ctx.query_str("GatewayName"):
        found = [g for g in found if ctx.query_str("GatewayName") in g.name]
    if ctx.query_str("ResourceName"):
        found = [g for g in found if g.resource_name == ctx.query_str("ResourceName")]
    items = [responses.gateway(g, ctx.uid, listed=True) for g in responses.page(found, number, size)]
    return responses.ok(PageNumber=number, PageSize=size, TotalCount=len(found), Gateways=items)


def update(ctx: Context) -> dict:
    gateway = ctx.gateway()
    spec = validation.gateway_update(ctx.body)
    _changeable(gateway, "update")
    if spec.get("IsDefault"):
        for other in ctx.gateways(gateway.region):
            if other.gateway_id != gateway.gateway_id and other.is_default:
                other.is_default = False
                ctx.save_gateway(other)
    gateway.update(spec, ctx.now, ctx.settings.ready_delay, ctx.settings.stop_delay)
    ctx.save_gateway(gateway)
    return responses.ok(f"Private gateway [{gateway.gateway_id}] updated.",
                        GatewayId=gateway.gateway_id)


def delete(ctx: Context) -> dict:
    gateway = ctx.gateway()
    _changeable(gateway, "delete", frozenset({CREATING, RUNNING, "Waiting", "Failed"}))
    bound = [s.name for s in ctx.services(gateway.region)
             if gateway_of(s.config) == gateway.gateway_id]
    if bound:
        raise errors.ApiError(400, "InvalidGateway.InUse",
                              f"Private gateway [{gateway.gateway_id}] still serves service(s) "
                              f"{', '.join(bound)[:300]}; unbind them (networking.gateway) first.")
    gateway.delete(ctx.now, ctx.settings.stop_delay)
    ctx.save_gateway(gateway)
    return responses.ok(f"Private gateway [{gateway.gateway_id}] is being deleted.",
                        GatewayId=gateway.gateway_id)


def zones(ctx: Context) -> dict:
    return responses.ok(Zones=ctx.gateway().zones())


# ----- intranet linked VPCs ---------------------------------------------------------------------

def create_linked_vpc(ctx: Context) -> dict:
    gateway = ctx.gateway()
    vpc_id = validation.vpc_id(ctx.query.get("VpcId"))
    vswitch_id = validation.vswitch_id(ctx.query.get("VSwitchId"))
    dns = ctx.flag("EnableAuthoritativeDns")
    _changeable(gateway, "link a VPC to")
    if not gateway.intranet_enabled:
        raise errors.ApiError(400, "IncorrectStatus", f"Private gateway [{gateway.gateway_id}] "
                              "has intranet access disabled (EnableIntranet=false).")
    if gateway.find_linked(vpc_id, vswitch_id) is not None:
        raise errors.ApiError(400, "InvalidIntranetLinkedVpc.AlreadyExists",
                              f"VPC {vpc_id} (vSwitch {vswitch_id}) is already linked to private "
                              f"gateway [{gateway.gateway_id}].")
    gateway.link(vpc_id, vswitch_id, dns, ctx.now, ctx.settings.ready_delay)
    ctx.save_gateway(gateway)
    return responses.ok(f"Intranet endpoint in {vpc_id} of private gateway "
                        f"[{gateway.gateway_id}] is being created.", GatewayId=gateway.gateway_id)


def list_linked_vpcs(ctx: Context) -> dict:
    gateway = ctx.gateway()
    return responses.ok(GatewayId=gateway.gateway_id,
                        IntranetLinkedVpcList=[responses.linked_vpc(v) for v in gateway.linked_vpcs])


def delete_linked_vpc(ctx: Context) -> dict:
    gateway = ctx.gateway()
    vpc_id = validation.vpc_id(ctx.query.get("VpcId"))
    vswitch_id = validation.vswitch_id(ctx.query.get("VSwitchId"))
    linked = gateway.find_linked(vpc_id, vswitch_id)
    if linked is None:
        raise errors.ApiError(404, "InvalidIntranetLinkedVpc.NotFound",
                              f"VPC {vpc_id} (vSwitch {vswitch_id}) is not linked to private "
                              f"gateway [{gateway.gateway_id}].")
    gateway.unlink(linked)
    ctx.save_gateway(gateway)
    return responses.ok(f"Intranet endpoint in {vpc_id} of private gateway "
                        f"[{gateway.gateway_id}] deleted.", GatewayId=gateway.gateway_id)


def _linked_vpc(gateway: Gateway, raw: str | None) -> str:
    vpc_id = validation.vpc_id(raw)
    if vpc_id not in gateway.linked_vpc_ids():
        raise errors.ApiError(404, "InvalidIntranetLinkedVpc.NotFound",
                              f"VPC {vpc_id} is not linked to private gateway "
                              f"[{gateway.gateway_id}].")
    return vpc_id


# ----- VPC peers (answers spell requestId so, as the SDK models do) ------------------------------

def create_peers(ctx: Context) -> dict:
    gateway = ctx.gateway()
    vpc_id = _linked_vpc(gateway, ctx.query.get("VpcId"))
    peers = validation.peer_vpcs(ctx.query.get("PeerVpcs"))
    if any(peer["VpcId"] == vpc_id for peer in peers):
        raise errors.invalid_field("PeerVpcs", f"must not hold the linked VPC {vpc_id} itself")
    gateway.add_peers(vpc_id, peers)
    ctx.save_gateway(gateway)
    return responses.peer_ok(GatewayId=gateway.gateway_id,
                             Message=f"{len(peers)} VPC peer(s) of {vpc_id} added.")


def list_peers(ctx: Context) -> dict:
    gateway = ctx.gateway()
    wanted = ctx.query_str("VpcId")
    found = [{"VpcId": vpc, "PeerVpcs": list(peers)} for vpc, peers in gateway.peers.items()
             if wanted is None or vpc == wanted]
    return responses.peer_ok(GatewayId=gateway.gateway_id, PeerVpcList=found)


def delete_peers(ctx: Context) -> dict:
    gateway = ctx.gateway()
    vpc_id = _linked_vpc(gateway, ctx.query.get("VpcId"))
    peers = validation.peer_vpcs(ctx.query.get("PeerVpcs"))
    gateway.remove_peers(vpc_id, peers)
    ctx.save_gateway(gateway)
    return responses.peer_ok(GatewayId=gateway.gateway_id,
                             Message=f"{len(peers)} VPC peer(s) of {vpc_id} removed.")


# ----- ACL --------------------------------------------------------------------------------------

def _acl_scope(ctx: Context, gateway: Gateway) -> str:
    """The linked VpcId the ACL applies to; "" is the Internet ACL (no VpcId given)."""
    raw = ctx.query_str("VpcId")
    return "" if raw is None else _linked_vpc(gateway, raw)


def _change_acl(ctx: Context, change: Callable[[Gateway, str, list[dict]], None]
                ) -> tuple[Gateway, list[dict]]:
    """Apply `change` with the requested scope and AclPolicyList; the saved gateway, the entries."""
    gateway = ctx.gateway()
    scope = _acl_scope(ctx, gateway)
    entries = validation.acl_entries(ctx.query.get("AclPolicyList"))
    change(gateway, scope, entries)
    ctx.save_gateway(gateway)
    return gateway, entries


def create_acl(ctx: Context) -> dict:
    gateway, entries = _change_acl(ctx, Gateway.add_acl)
    return responses.ok(f"{len(entries)} ACL entr{'y' if len(entries) == 1 else 'ies'} added to "
                        f"private gateway [{gateway.gateway_id}].", GatewayId=gateway.gateway_id)


def list_acl(ctx: Context) -> dict:
    gateway = ctx.gateway()
    wanted = ctx.query_str("VpcId")
    intranet = [{"VpcId": vpc, "AclPolicyList": list(entries)}
                for vpc, entries in gateway.acls.items()
                if vpc and (wanted is None or vpc == wanted)]
    internet = [{"AclPolicyList": list(gateway.acls.get("", []))}] \
        if wanted is None and gateway.acls.get("") else []
    return responses.ok(GatewayId=gateway.gateway_id, IntranetVpcAclPolicyList=intranet,
                        InternetAclPolicyList=internet)


def delete_acl(ctx: Context) -> dict:
    gateway, _ = _change_acl(ctx, Gateway.remove_acl)
    return responses.ok(f"ACL entries removed from private gateway [{gateway.gateway_id}].",
                        GatewayId=gateway.gateway_id)


# ----- custom domains ---------------------------------------------------------------------------

def attach_domain(ctx: Context) -> dict:
    gateway = ctx.gateway()
    domain = validation.custom_domain(ctx.query.get("CustomDomain"))
    _changeable(gateway, "attach a domain to")
    gateway.domains = [d for d in gateway.domains if d["Domain"] != domain["Domain"]] + [domain]
    ctx.save_gateway(gateway)
    return responses.ok(f"Domain {domain['Domain']} attached to private gateway "
                        f"[{gateway.gateway_id}].", GatewayId=gateway.gateway_id)


def detach_domain(ctx: Context) -> dict:
    gateway = ctx.gateway()
    domain = validation.custom_domain(ctx.query.get("CustomDomain"))
    found = [d for d in gateway.domains
             if d["Domain"] == domain["Domain"] and d["Type"] == domain["Type"]]
    if not found:
        raise errors.ApiError(404, "InvalidDomain.NotFound",
                              f"Domain {domain['Domain']} ({domain['Type']}) is not attached to "
                              f"private gateway [{gateway.gateway_id}].")
    gateway.domains = [d for d in gateway.domains if d not in found]
    ctx.save_gateway(gateway)
    return responses.ok(f"Domain {domain['Domain']} detached from private gateway "
                        f"[{gateway.gateway_id}].", GatewayId=gateway.gateway_id)


def list_domains(ctx: Context) -> dict:
    gateway = ctx.gateway()
    return responses.ok("", CustomDomains=[dict(d) for d in gateway.domains])

