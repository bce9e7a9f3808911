"""Service groups through the official SDK: implicit creation and deletion via metadata.group,
the group token, endpoints, ReleaseService weights and traffic states."""

from __future__ import annotations

import pytest
from alibabacloud_tea_openapi.exceptions import ClientException

from eas_sdk_helpers import REGION, M, create, describe, unique, update, wait_status


def group_names(eas, **filters) -> set[str]:
    listed = eas.list_groups(M.ListGroupsRequest(**filters)).body
    return {g.name for g in listed.groups or []}


def test_a_group_appears_with_its_first_member_and_goes_with_its_last(eas):
    group, first, second = unique("grp"), unique(), unique()
    create(eas, first, metadata={"group": group})
    described = eas.describe_group(REGION, group).body
    assert described.name == group and described.cluster_id == REGION
    assert described.access_token  # (the Group model has no RequestId field; the body has one)
    assert described.internet_endpoint.endswith(f"/api/predict/{group}")
    token = described.access_token
    create(eas, second, metadata={"group": group})
    assert eas.describe_group(REGION, group).body.access_token == token  # one token per group
    assert describe(eas, first).service_group == group
    members = eas.list_services(M.ListServicesRequest(group_name=group)).body.services
    assert {s.service_name for s in members} == {first, second}
    eas.delete_service(REGION, first)
    assert group in group_names(eas, filter=group)
    eas.delete_service(REGION, second)
    assert group not in group_names(eas, filter=group)
    with pytest.raises(ClientException) as raised:
        eas.describe_group(REGION, group)
    assert raised.value.status_code == 404 and raised.value.code == "InvalidGroup.NotFound"


def test_the_first_member_serves_the_group_later_ones_join_without_traffic(eas):
    group, stable, canary = unique("grp"), unique(), unique()
    create(eas, stable, metadata={"group": group})
    create(eas, canary, metadata={"group": group})
    assert (describe(eas, stable).traffic_state, describe(eas, stable).weight) == ("grouping", 100)
    assert (describe(eas, canary).traffic_state, describe(eas, canary).weight) == ("standalone", 0)
    answer = eas.release_service(REGION, canary, M.ReleaseServiceRequest(
        traffic_state="grouping", weight=40)).body
    assert answer.message.startswith(f"Releasing service [{canary}] in region [{REGION}] with "
                                     "weight [40], service status: [")
    service = describe(eas, canary)
    assert (service.traffic_state, service.weight) == ("grouping", 40)
    eas.release_service(REGION, stable, M.ReleaseServiceRequest(weight=60))
    assert describe(eas, stable).weight == 60
    endpoints = eas.describe_group_endpoints(REGION, group).body
    assert endpoints.access_token == eas.describe_group(REGION, group).body.access_token
    assert endpoints.endpoints[0].path_type == "Group" and stable in endpoints.message
    assert canary in endpoints.message


@pytest.mark.parametrize("fields, field", [
    ({"weight": 1001}, "Weight"), ({"weight": -2}, "Weight"),
    ({"traffic_state": "mirrored"}, "TrafficState"), ({}, "Weight or TrafficState"),
])
def test_release_validates_its_body(eas, fields, field):
    group, name = unique("grp"), unique()
    create(eas, name, metadata={"group": group})
    with pytest.raises(ClientException) as raised:
        eas.release_service(REGION, name, M.ReleaseServiceRequest(**fields))
    assert raised.value.status_code == 400 and field in raised.value.message


def test_release_needs_a_group(eas):
    name = unique()
    create(eas, name)
    with pytest.raises(ClientException) as raised:
        eas.release_service(REGION, name, M.ReleaseServiceRequest(weight=10))
    assert "metadata.group" in raised.value.message


def test_moving_a_service_between_groups(eas):
    old, new, name = unique("grp"), unique("grp"), unique()
    create(eas, name, metadata={"group": old})
    wait_status(eas, name, "Running")
    update(eas, name, {"metadata": {"group": new}})
    assert describe(eas, name).service_group == new
    names = group_names(eas)
    assert new in names and old not in names
    update(eas, name, {"metadata": {"group": None}})
    service = describe(eas, name)
    assert (service.service_group, service.traffic_state, service.weight) == ("", "standalone", 0)
    assert new not in group_names(eas)


def test_list_groups_pages_and_filters(eas):
    prefix = unique("pg")
    groups = [f"{prefix}_{i}" for i in range(3)]
    for group in groups:
        create(eas, unique(), metadata={"group": group})
    page = eas.list_groups(M.ListGroupsRequest(filter=prefix, page_number="1",
                                               page_size="2")).body
    assert page.total_count == 3 and len(page.groups) == 2
    assert (page.page_number, page.page_size) == (1, 2)
    assert {g.name for g in page.groups} == set(groups[1:])  # newest first
    with pytest.raises(ClientException) as raised:
        eas.list_groups(M.ListGroupsRequest(page_size="many"))
    assert raised.value.status_code == 400 and "PageSize" in raised.value.message
