"""Labels, the safety lock, traffic mirroring, endpoints, events, diagnosis, logs, instances
and containers through the official SDK."""

from __future__ import annotations

import time

import pytest

from eas_sdk_helpers import (
    M,
    REGION,
    create,
    describe,
    events,
    instances,
    refused,
    unique,
    update,
    wait_status,
)


def labels_of(eas, name) -> dict:
    return {label.label_key: label.label_value for label in describe(eas, name).labels or []}


# ----- labels -----------------------------------------------------------------------------------

def test_labels_add_overwrite_and_delete(eas):
    name = unique()
    create(eas, name, labels={"env": "dev", "team": "ml"})
    eas.update_service_label(REGION, name, M.UpdateServiceLabelRequest(
        labels={"env": "prod", "owner": "pulumi"}))
    assert labels_of(eas, name) == {"env": "prod", "team": "ml", "owner": "pulumi"}
    eas.delete_service_label(REGION, name, M.DeleteServiceLabelRequest(keys=["env", "owner",
                                                                              "absent"]))
    assert labels_of(eas, name) == {"team": "ml"}
    refused(lambda: eas.update_service_label(REGION, name, M.UpdateServiceLabelRequest()),
            code="MissingParameter")
    refused(lambda: eas.delete_service_label(REGION, name, M.DeleteServiceLabelRequest()),
            code="MissingParameter")
    error = refused(lambda: eas.update_service_label(REGION, name, M.UpdateServiceLabelRequest(
        labels={"k" * 129: "v"})))
    assert "Labels" in error.message


# ----- safety lock ------------------------------------------------------------------------------

def test_the_dangerous_lock_refuses_delete_and_stop_only(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    eas.update_service_safety_lock(REGION, name, M.UpdateServiceSafetyLockRequest(lock="dangerous"))
    assert describe(eas, name).safety_lock == "dangerous"
    error = refused(lambda: eas.delete_service(REGION, name), code="InvalidService.SafetyLocked")
    assert "dangerous" in error.message and "delete" in error.message
    refused(lambda: eas.stop_service(REGION, name), code="InvalidService.SafetyLocked")
    update(eas, name, {"metadata": {"instance": 2}})  # not a dangerous operation
    eas.update_service_safety_lock(REGION, name, M.UpdateServiceSafetyLockRequest(lock="none"))
    eas.delete_service(REGION, name)


def test_the_all_lock_refuses_every_change_but_the_lock(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    eas.update_service_safety_lock(REGION, name, M.UpdateServiceSafetyLockRequest(lock="all"))
    for call in (lambda: update(eas, name, {"metadata": {"instance": 2}}),
                 lambda: eas.restart_service(REGION, name),
                 lambda: eas.update_service_label(REGION, name, M.UpdateServiceLabelRequest(
                     labels={"a": "b"}))):
        refused(call, code="InvalidService.SafetyLocked")
    assert describe(eas, name).status == "Running"
    eas.update_service_safety_lock(REGION, name, M.UpdateServiceSafetyLockRequest(lock="none"))
    update(eas, name, {"metadata": {"instance": 2}})


def test_lock_values_are_checked(eas):
    name = unique()
    create(eas, name)
    assert "Lock" in refused(lambda: eas.update_service_safety_lock(
        REGION, name, M.UpdateServiceSafetyLockRequest(lock="some"))).message
    refused(lambda: eas.update_service_safety_lock(REGION, name,
                                                   M.UpdateServiceSafetyLockRequest()),
            code="MissingParameter")


# ----- mirror -----------------------------------------------------------------------------------

def test_mirror_create_describe_update_delete(eas):
    name, shadow, other = unique(), unique(), unique()
    for each in (name, shadow, other):
        create(eas, each)
    eas.create_service_mirror(REGION, name, M.CreateServiceMirrorRequest(ratio=20, target=[shadow]))
    described = eas.describe_service_mirror(REGION, name).body
    assert (described.service_name, described.ratio, described.target) == (name, "20", shadow)
    refused(lambda: eas.create_service_mirror(REGION, name, M.CreateServiceMirrorRequest(
        ratio=20, target=[shadow])), code="InvalidMirror.AlreadyExists")
    eas.update_service_mirror(REGION, name, M.UpdateServiceMirrorRequest(
        ratio=50, target=[shadow, other]))
    described = eas.describe_service_mirror(REGION, name).body
    assert (described.ratio, described.target) == ("50", f"{shadow},{other}")
    eas.delete_service_mirror(REGION, name)
    refused(lambda: eas.describe_service_mirror(REGION, name), 404, "InvalidMirror.NotFound")
    refused(lambda: eas.delete_service_mirror(REGION, name), 404)
    refused(lambda: eas.update_service_mirror(REGION, name, M.UpdateServiceMirrorRequest(
        ratio=5, target=[shadow])), 404)


@pytest.mark.parametrize("ratio, target, field", [
    (101, ["x_target"], "Ratio"), (-1, ["x_target"], "Ratio"), (None, ["x_target"], "Ratio"),
    (10, [], "Target"), (10, None, "Target"), (10, ["self"], "Target[0]"),
    (10, ["no_such_service"], "Target[0]"),
])
def test_mirror_validation(eas, ratio, target, field):
    name = unique()
    create(eas, name)
    target = [name if t == "self" else t for t in target] if target is not None else None
    error = refused(lambda: eas.create_service_mirror(REGION, name, M.CreateServiceMirrorRequest(
        ratio=ratio, target=target)))
    assert field in error.message


# ----- endpoints, events, diagnosis, logs -------------------------------------------------------

def test_service_endpoints_and_token(eas):
    name = unique()
    create(eas, name, token="endpoint-token")
    body = eas.describe_service_endpoints(REGION, name).body
    assert body.access_token == "endpoint-token" and body.request_id
    endpoint = body.endpoints[0]
    assert (endpoint.endpoint_type, endpoint.path_type, endpoint.backend_id) == (
        "DefaultGateway", "Service", name)
    assert endpoint.internet_endpoints == [describe(eas, name).internet_endpoint]


def test_events_filter_and_page(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    update(eas, name, {"containers": [{"image": "x:v2", "port": 8000}]})
    wait_status(eas, name, "Running")
    everything = eas.describe_service_event(REGION, name, M.DescribeServiceEventRequest()).body
    assert everything.total_count >= 4 and everything.page_num == 1
    assert all(e.type == "Normal" and e.time.endswith("Z") for e in everything.events)
    page = eas.describe_service_event(REGION, name, M.DescribeServiceEventRequest(
        page_num="2", page_size="2")).body
    assert page.page_num == 2 and page.total_page_num == -(-everything.total_count // 2)
    assert [e.message for e in page.events] == [e.message for e in everything.events[2:4]]
    assert events(eas, name, event_type="Warning") == []
    later = lambda hours: time.strftime("%Y-%m-%d %H:%M:%S",  # noqa: E731
                                        time.gmtime(time.time() + hours * 3600))
    assert events(eas, name, start_time=later(1), end_time=later(2)) == []
    refused(lambda: events(eas, name, start_time=later(1)))  # ends now, before it starts
    assert len(events(eas, name, start_time="2024-11-20 00:00:00")) == everything.total_count
    refused(lambda: events(eas, name, event_type="Info"))
    refused(lambda: events(eas, name, start_time="yesterday"))
    refused(lambda: events(eas, name, page_num="zero"))


def test_diagnosis_of_a_healthy_service_is_empty(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    body = eas.describe_service_diagnosis(REGION, name).body
    assert body.diagnosis_list == [] and body.request_id


def test_logs(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    body = eas.describe_service_log(REGION, name, M.DescribeServiceLogRequest()).body
    assert body.total_count >= 2 and body.page_num == 1 and body.total_page_num == 1
    found = eas.describe_service_log(REGION, name, M.DescribeServiceLogRequest(
        keyword="ServiceRunning", page_size=10)).body
    assert found.total_count == 1 and "ServiceRunning" in found.logs[0]


# ----- instances and containers -----------------------------------------------------------------

def test_instances_filters_and_fields(eas):
    name = unique()
    create(eas, name, instance=3)
    wait_status(eas, name, "Running")
    listed = instances(eas, name)
    first = listed[0]
    assert first.instance_name.startswith(name.replace("_", "-"))
    assert (first.status, first.ready_processes, first.total_processes) == ("Running", 1, 1)
    assert first.instance_port == 8000 and first.resource_type == "PublicResource"
    assert first.inner_ip and first.host_ip and first.zone.startswith(REGION)
    assert first.start_time.endswith("Z") and first.is_spot is False
    body = eas.list_service_instances(REGION, name, M.ListServiceInstancesRequest(
        page_number=2, page_size=2)).body
    assert body.total_count == 3 and len(body.instances) == 1
    assert [i.instance_name for i in instances(eas, name, instance_name=first.instance_name)] \
        == [first.instance_name]
    assert [i.instance_name for i in instances(eas, name, instance_ip=first.inner_ip)] == [
        first.instance_name]
    assert len(instances(eas, name, instance_status="Running")) == 3
    assert instances(eas, name, resource_type="DedicatedResource") == []
    assert len(instances(eas, name, filter=first.instance_name[-5:])) >= 1
    assert [i.instance_name for i in instances(eas, name, order="desc")] == [
        i.instance_name for i in listed[::-1]]
    refused(lambda: instances(eas, name, resource_type="Shared"))
    refused(lambda: instances(eas, name, page_size=0))


def test_containers_restart_and_isolate(eas):
    name = unique()
    create(eas, name, instance=2)
    wait_status(eas, name, "Running")
    first = instances(eas, name)[0].instance_name
    containers = eas.list_service_containers(REGION, name, first).body
    assert containers.service_name == name
    container = containers.containers[0]
    assert (container.name, container.image, container.port) == (
        "worker0", "registry.example/echo:v1", 8000)
    assert container.ready is True and container.current_status == "Running"
    refused(lambda: eas.list_service_containers(REGION, name, "nope"), 404,
            "InvalidInstance.NotFound")
    eas.delete_service_instances(REGION, name, M.DeleteServiceInstancesRequest(
        instance_list=first, soft_restart=True))
    assert instances(eas, name, instance_name=first)[0].restart_count == 1
    assert events(eas, name)[0].reason == "InstanceRestarted"
    refused(lambda: eas.delete_service_instances(REGION, name, M.DeleteServiceInstancesRequest(
        instance_list="nope")), 404)
    refused(lambda: eas.delete_service_instances(REGION, name, M.DeleteServiceInstancesRequest()),
            code="MissingParameter")
    eas.update_service_instance(REGION, name, first, M.UpdateServiceInstanceRequest(isolate=True))
    assert instances(eas, name, instance_name=first)[0].isolated is True
    eas.update_service_instance(REGION, name, first, M.UpdateServiceInstanceRequest(isolate=False))
    assert instances(eas, name, instance_name=first)[0].isolated is False
    refused(lambda: eas.update_service_instance(REGION, name, first,
                                                M.UpdateServiceInstanceRequest()),
            code="MissingParameter")
