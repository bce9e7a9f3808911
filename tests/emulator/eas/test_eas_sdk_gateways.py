"""Private gateways through the official SDK: Creating -> Running, update, delete, intranet
linked VPCs (identity VpcId + VSwitchId, Creating -> Running), VPC peers and ACL entries as sets
(peer answers spell requestId), custom domains, zones, regions, services bound to a gateway."""

from __future__ import annotations

import json
import time

import pytest

from eas_sdk_helpers import M, REGION, describe, refused, service_json, unique

VPC, VSWITCH, OTHER_VSWITCH = "vpc-uf6abcdefghijkl", "vsw-uf6abcdefghijkl", "vsw-uf6second"
Peer = M.CreateGatewayIntranetLinkedVpcPeerRequestPeerVpcs
DeletePeer = M.DeleteGatewayIntranetLinkedVpcPeerRequestPeerVpcs
Acl = M.CreateAclPolicyRequestAclPolicyList
DeleteAcl = M.DeleteAclPolicyRequestAclPolicyList


def wait_gateway(eas, gateway_id, status="Running", timeout=5.0):
    deadline = time.monotonic() + timeout
    while True:
        gateway = eas.describe_gateway(REGION, gateway_id).body
        if gateway.status == status:
            return gateway
        assert time.monotonic() < deadline, f"gateway still {gateway.status}"
        time.sleep(0.05)


@pytest.fixture
def gateway(eas):
    created = eas.create_gateway(M.CreateGatewayRequest(instance_type="2c4g", name="gw-test",
                                                        replicas=2, enable_internet=True)).body
    wait_gateway(eas, created.gateway_id)
    return created.gateway_id


def linked(eas, gateway_id) -> list:
    return eas.list_gateway_intranet_linked_vpc(REGION, gateway_id).body.intranet_linked_vpc_list


def test_a_gateway_is_creating_then_running(eas):
    created = eas.create_gateway(M.CreateGatewayRequest(
        instance_type="4c8g", name="edge", replicas=3, charge_type="PostPaid",
        auto_renewal=False, enable_internet=False, enable_intranet=True),
        ).body
    assert created.cluster_id == REGION and created.gateway_id.startswith("gw-")
    assert created.request_id and created.message
    described = eas.describe_gateway(REGION, created.gateway_id).body
    assert described.status == "Creating" and described.gateway_name == "edge"
    assert (described.instance_type, described.replicas) == ("4c8g", 3)
    assert described.internet_enabled is False and described.internet_domain == ""
    assert described.intranet_domain.endswith(f"-vpc.{REGION}.pai-eas.aliyuncs.com")
    assert wait_gateway(eas, created.gateway_id).status == "Running"
    listed = eas.list_gateway(M.ListGatewayRequest(gateway_id=created.gateway_id)).body
    assert listed.total_count == 1 and listed.gateways[0].charge_type == "PostPaid"
    assert listed.gateways[0].gateway_name == "edge"


@pytest.mark.parametrize("fields, field", [
    ({}, "InstanceType"), ({"instance_type": "1c1g"}, "InstanceType"),
    ({"instance_type": "2c4g", "replicas": 0}, "Replicas"),
    ({"instance_type": "2c4g", "charge_type": "Free"}, "ChargeType"),
])
def test_create_gateway_validation(eas, fields, field):
    assert field in refused(lambda: eas.create_gateway(M.CreateGatewayRequest(**fields))).message


def test_update_gateway(eas, gateway):
    answer = eas.update_gateway(gateway, REGION, M.UpdateGatewayRequest(
        name="renamed", enable_sslredirection=True, is_default=True)).body
    assert answer.gateway_id == gateway
    described = eas.describe_gateway(REGION, gateway).body
    assert (described.gateway_name, described.sslredirection_enabled, described.is_default) == (
        "renamed", True, True)
    eas.update_gateway(gateway, REGION, M.UpdateGatewayRequest(replicas=4))
    assert eas.describe_gateway(REGION, gateway).body.status == "Waiting"
    assert wait_gateway(eas, gateway).replicas == 4
    eas.update_gateway(gateway, REGION, M.UpdateGatewayRequest(enable_internet=False))
    assert eas.describe_gateway(REGION, gateway).body.internet_domain == ""
    refused(lambda: eas.update_gateway(gateway, REGION, M.UpdateGatewayRequest()),
            code="MissingParameter")
    refused(lambda: eas.update_gateway(gateway, REGION, M.UpdateGatewayRequest(
        instance_type="64c128g")))


def test_delete_gateway(eas, gateway):
    assert eas.delete_gateway(REGION, gateway).body.gateway_id == gateway
    refused(lambda: eas.describe_gateway(REGION, gateway), 404, "InvalidGateway.NotFound")
    refused(lambda: eas.delete_gateway(REGION, gateway), 404)


def test_a_service_bound_to_a_gateway(eas, gateway):
    name = unique()
    body = service_json(name, networking={"gateway": gateway})
    eas.create_service(M.CreateServiceRequest(body=json.dumps(body)))
    service = describe(eas, name)
    assert service.gateway == gateway
    assert service.internet_endpoint.startswith(f"http://{gateway}-")
    bound = eas.list_services(M.ListServicesRequest(gateway=gateway)).body.services
    assert [s.service_name for s in bound] == [name]
    kinds = [e.endpoint_type for e in eas.describe_service_endpoints(REGION, name).body.endpoints]
    assert kinds == ["DefaultGateway", "PrivateGateway"]
    error = refused(lambda: eas.delete_gateway(REGION, gateway), code="InvalidGateway.InUse")
    assert name in error.message
    eas.delete_service(REGION, name)
    eas.delete_gateway(REGION, gateway)


def test_linked_vpc_create_list_delete(eas, gateway):
    answer = eas.create_gateway_intranet_linked_vpc(REGION, gateway,
                                                    M.CreateGatewayIntranetLinkedVpcRequest(
                                                        vpc_id=VPC, v_switch_id=VSWITCH,
                                                        enable_authoritative_dns=True)).body
    assert answer.gateway_id == gateway and answer.request_id
    entry = linked(eas, gateway)[0]
    assert (entry.vpc_id, entry.v_switch_id, entry.status) == (VPC, VSWITCH, "Creating")
    assert entry.authoritative_dns_enabled is True and entry.ip and entry.security_group_id
    time.sleep(0.3)
    assert linked(eas, gateway)[0].status == "Running"
    refused(lambda: eas.create_gateway_intranet_linked_vpc(
        REGION, gateway, M.CreateGatewayIntranetLinkedVpcRequest(vpc_id=VPC, v_switch_id=VSWITCH)),
        code="InvalidIntranetLinkedVpc.AlreadyExists")
    eas.create_gateway_intranet_linked_vpc(REGION, gateway, M.CreateGatewayIntranetLinkedVpcRequest(
        vpc_id=VPC, v_switch_id=OTHER_VSWITCH))
    assert {e.v_switch_id for e in linked(eas, gateway)} == {VSWITCH, OTHER_VSWITCH}
    eas.delete_gateway_intranet_linked_vpc(REGION, gateway, M.DeleteGatewayIntranetLinkedVpcRequest(
        vpc_id=VPC, v_switch_id=VSWITCH))
    assert [e.v_switch_id for e in linked(eas, gateway)] == [OTHER_VSWITCH]
    refused(lambda: eas.delete_gateway_intranet_linked_vpc(
        REGION, gateway, M.DeleteGatewayIntranetLinkedVpcRequest(vpc_id=VPC, v_switch_id=VSWITCH)),
        404, "InvalidIntranetLinkedVpc.NotFound")


@pytest.mark.parametrize("vpc, vswitch, field", [
    (None, VSWITCH, "VpcId"), (VPC, None, "VSwitchId"), ("my-vpc", VSWITCH, "VpcId"),
    (VPC, "switch", "VSwitchId"),
])
def test_linked_vpc_validation(eas, gateway, vpc, vswitch, field):
    assert field in refused(lambda: eas.create_gateway_intranet_linked_vpc(
        REGION, gateway, M.CreateGatewayIntranetLinkedVpcRequest(vpc_id=vpc, v_switch_id=vswitch))
    ).message


def test_a_linked_vpc_needs_a_running_gateway(eas):
    created = eas.create_gateway(M.CreateGatewayRequest(instance_type="2c4g")).body
    refused(lambda: eas.create_gateway_intranet_linked_vpc(
        REGION, created.gateway_id, M.CreateGatewayIntranetLinkedVpcRequest(
            vpc_id=VPC, v_switch_id=VSWITCH)), code="IncorrectStatus")


def test_peers_are_a_set_per_linked_vpc(eas, gateway):
    eas.create_gateway_intranet_linked_vpc(REGION, gateway, M.CreateGatewayIntranetLinkedVpcRequest(
        vpc_id=VPC, v_switch_id=VSWITCH))
    peers = [Peer(region="cn-hangzhou", vpc_id="vpc-bp1peer"), Peer(region="cn-beijing",
                                                                   vpc_id="vpc-2zepeer")]
    answer = eas.create_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.CreateGatewayIntranetLinkedVpcPeerRequest(vpc_id=VPC, peer_vpcs=peers))
    assert answer.body.request_id and answer.body.gateway_id == gateway  # requestId, lower-case
    eas.create_gateway_intranet_linked_vpc_peer(  # the same peer again: still one member
        REGION, gateway, M.CreateGatewayIntranetLinkedVpcPeerRequest(vpc_id=VPC, peer_vpcs=peers[:1]))
    listed = eas.list_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.ListGatewayIntranetLinkedVpcPeerRequest(vpc_id=VPC)).body
    assert listed.request_id and listed.peer_vpc_list[0].vpc_id == VPC
    assert {(p.region, p.vpc_id) for p in listed.peer_vpc_list[0].peer_vpcs} == {
        ("cn-hangzhou", "vpc-bp1peer"), ("cn-beijing", "vpc-2zepeer")}
    removed = eas.delete_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.DeleteGatewayIntranetLinkedVpcPeerRequest(
            vpc_id=VPC, peer_vpcs=[DeletePeer(region="cn-hangzhou", vpc_id="vpc-bp1peer")])).body
    assert removed.request_id
    listed = eas.list_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.ListGatewayIntranetLinkedVpcPeerRequest()).body
    assert [(p.region, p.vpc_id) for p in listed.peer_vpc_list[0].peer_vpcs] == [
        ("cn-beijing", "vpc-2zepeer")]
    refused(lambda: eas.create_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.CreateGatewayIntranetLinkedVpcPeerRequest(
            vpc_id="vpc-notlinked", peer_vpcs=peers)), 404)
    assert "PeerVpcs[0].Region" in refused(lambda: eas.create_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.CreateGatewayIntranetLinkedVpcPeerRequest(
            vpc_id=VPC, peer_vpcs=[Peer(region="moon-1", vpc_id="vpc-x")]))).message


def test_acl_entries_are_a_set(eas, gateway):
    eas.create_gateway_intranet_linked_vpc(REGION, gateway, M.CreateGatewayIntranetLinkedVpcRequest(
        vpc_id=VPC, v_switch_id=VSWITCH))
    eas.create_acl_policy(REGION, gateway, M.CreateAclPolicyRequest(vpc_id=VPC, acl_policy_list=[
        Acl(entry="10.0.0.0/8", comment="office"), Acl(entry="192.168.1.0/24")]))
    eas.create_acl_policy(REGION, gateway, M.CreateAclPolicyRequest(vpc_id=VPC, acl_policy_list=[
        Acl(entry="10.0.0.0/8", comment="office v2")]))
    eas.create_acl_policy(REGION, gateway, M.CreateAclPolicyRequest(acl_policy_list=[
        Acl(entry="203.0.113.7", comment="partner")]))
    listed = eas.list_acl_policy(REGION, gateway, M.ListAclPolicyRequest()).body
    intranet = listed.intranet_vpc_acl_policy_list[0]
    assert intranet.vpc_id == VPC
    assert {(e.entry, e.comment) for e in intranet.acl_policy_list} == {
        ("10.0.0.0/8", "office v2"), ("192.168.1.0/24", "")}
    assert [(e.entry, e.comment) for e in listed.internet_acl_policy_list[0].acl_policy_list] == [
        ("203.0.113.7", "partner")]
    only_vpc = eas.list_acl_policy(REGION, gateway, M.ListAclPolicyRequest(vpc_id=VPC)).body
    assert only_vpc.internet_acl_policy_list == []
    eas.delete_acl_policy(REGION, gateway, M.DeleteAclPolicyRequest(vpc_id=VPC, acl_policy_list=[
        DeleteAcl(entry="10.0.0.0/8")]))
    listed = eas.list_acl_policy(REGION, gateway, M.ListAclPolicyRequest(vpc_id=VPC)).body
    assert [e.entry for e in listed.intranet_vpc_acl_policy_list[0].acl_policy_list] == [
        "192.168.1.0/24"]
    assert "Entry" in refused(lambda: eas.create_acl_policy(REGION, gateway, M.CreateAclPolicyRequest(
        vpc_id=VPC, acl_policy_list=[Acl(entry="not-a-cidr")]))).message
    refused(lambda: eas.create_acl_policy(REGION, gateway, M.CreateAclPolicyRequest(vpc_id=VPC)),
            code="MissingParameter")


def test_unlinking_a_vpc_drops_its_peers_and_acl(eas, gateway):
    eas.create_gateway_intranet_linked_vpc(REGION, gateway, M.CreateGatewayIntranetLinkedVpcRequest(
        vpc_id=VPC, v_switch_id=VSWITCH))
    eas.create_acl_policy(REGION, gateway, M.CreateAclPolicyRequest(
        vpc_id=VPC, acl_policy_list=[Acl(entry="10.0.0.0/8")]))
    eas.create_gateway_intranet_linked_vpc_peer(REGION, gateway,
                                                M.CreateGatewayIntranetLinkedVpcPeerRequest(
                                                    vpc_id=VPC, peer_vpcs=[Peer(
                                                        region="cn-hangzhou", vpc_id="vpc-p")]))
    eas.delete_gateway_intranet_linked_vpc(REGION, gateway, M.DeleteGatewayIntranetLinkedVpcRequest(
        vpc_id=VPC, v_switch_id=VSWITCH))
    assert eas.list_acl_policy(REGION, gateway, M.ListAclPolicyRequest()).body \
        .intranet_vpc_acl_policy_list == []
    assert eas.list_gateway_intranet_linked_vpc_peer(
        REGION, gateway, M.ListGatewayIntranetLinkedVpcPeerRequest()).body.peer_vpc_list == []


def test_custom_domains(eas, gateway):
    domain = M.AttachGatewayDomainRequestCustomDomain(domain="api.example.com", type="internet",
                                                      certificate_id="cert-1")
    answer = eas.attach_gateway_domain(REGION, gateway, M.AttachGatewayDomainRequest(
        custom_domain=domain)).body
    assert answer.gateway_id == gateway
    listed = eas.list_gateway_domains(REGION, gateway).body.custom_domains
    assert [(d.domain, d.type, d.certificate_id) for d in listed] == [
        ("api.example.com", "internet", "cert-1")]
    detach = M.DetachGatewayDomainRequestCustomDomain(domain="api.example.com", type="internet")
    eas.detach_gateway_domain(REGION, gateway, M.DetachGatewayDomainRequest(custom_domain=detach))
    assert eas.list_gateway_domains(REGION, gateway).body.custom_domains == []
    refused(lambda: eas.detach_gateway_domain(REGION, gateway, M.DetachGatewayDomainRequest(
        custom_domain=detach)), 404)
    bad = M.AttachGatewayDomainRequestCustomDomain(domain="not a domain", type="internet")
    assert "CustomDomain.Domain" in refused(lambda: eas.attach_gateway_domain(
        REGION, gateway, M.AttachGatewayDomainRequest(custom_domain=bad))).message


def test_supported_zones_and_regions(eas, gateway):
    zones = eas.list_gateway_intranet_supported_zone(gateway, REGION).body
    assert zones.zones and all(zone.startswith(REGION) for zone in zones.zones)
    regions = eas.describe_regions().body
    assert regions.request_id
    assert {r.region_id for r in regions.regions} >= {"cn-shanghai", "cn-hangzhou", "ap-southeast-1"}
    assert all(r.region_name for r in regions.regions)


def test_unknown_gateways_and_regions(eas):
    refused(lambda: eas.describe_gateway(REGION, "gw-nope"), 404, "InvalidGateway.NotFound")
    assert "ClusterId" in refused(lambda: eas.describe_gateway("xx-nowhere-1", "gw-nope")).message

