"""Services through the official SDK: create, describe, list, update (merge/replace), delete,
clone, validation of the service JSON."""

from __future__ import annotations

import json

import pytest

from eas_sdk_helpers import (
    M,
    REGION,
    create,
    describe,
    refused,
    service_json,
    unique,
    update,
    wait_status,
)


def create_raw(eas, body, **kwargs):
    text = body if isinstance(body, str) else json.dumps(body)
    return eas.create_service(M.CreateServiceRequest(body=text, **kwargs))


# ----- create and describe ----------------------------------------------------------------------

def test_create_answers_the_documented_fields(eas):
    name = unique()
    created = create(eas, name, instance=2)
    assert created.status == "Creating" and created.service_name == name
    assert created.region == REGION and created.service_id.startswith("eas-m-")
    assert created.internet_endpoint.endswith(f".{REGION}.pai-eas.aliyuncs.com/api/predict/{name}")
    assert ".vpc." in created.intranet_endpoint and created.request_id


def test_describe_returns_the_service_json_as_a_string(eas):
    name = unique()
    body = service_json(name, instance=2, token="my-static-token-123",
                        storage=[{"oss": {"path": "oss://bucket/data/", "readOnly": False},
                                  "properties": {"resource_type": "model"}, "mount_path": "/data"}])
    create_raw(eas, body, labels={"env": "dev", "team": "ml"}, workspace_id="123456")
    service = describe(eas, name)
    assert json.loads(service.service_config) == body
    assert service.status == "Creating" and service.access_token == "my-static-token-123"
    assert (service.current_version, service.latest_version) == (1, 1)
    assert (service.running_instance, service.pending_instance, service.total_instance) == (0, 2, 2)
    assert {(label.label_key, label.label_value) for label in service.labels} == {
        ("env", "dev"), ("team", "ml")}
    assert (service.cpu, service.memory, service.gpu) == (1, 1000, 0)
    assert service.workspace_id == "123456" and service.safety_lock == "none"
    assert service.image == "registry.example/echo:v1" and service.request_id
    running = wait_status(eas, name, "Running")
    assert (running.running_instance, running.pending_instance) == (2, 0)


def test_a_token_is_generated_when_none_is_given(eas):
    name = unique()
    create(eas, name)
    token = describe(eas, name).access_token
    assert len(token) >= 32
    assert "token" not in json.loads(describe(eas, name).service_config)


def test_a_processor_service_is_accepted(eas):
    name = unique()
    body = {"name": name, "metadata": {"instance": 1, "memory": 7000, "cpu": 4},
            "model_config": {}, "processor_type": "python", "processor_path": "oss://b/p.zip",
            "processor_entry": "a.py", "model_path": "oss://b/model/"}
    assert create_raw(eas, body).body.status == "Creating"


def test_a_dedicated_resource_group_needs_no_cpu_and_memory(eas):
    name = unique()
    body = {"name": name, "metadata": {"instance": 1, "resource": "eas-r-aaabbbccc"},
            "containers": [{"image": "x:1", "port": 8000}]}
    create_raw(eas, body)
    assert describe(eas, name).resource == "eas-r-aaabbbccc"


def test_a_name_in_metadata_is_accepted(eas):
    name = unique()
    body = service_json(name)
    del body["name"]
    body["metadata"]["name"] = name
    assert create_raw(eas, body).body.service_name == name


def test_the_name_is_unique_in_a_region(eas):
    name = unique()
    create(eas, name)
    error = refused(lambda: create(eas, name), 400, "InvalidService.AlreadyExists")
    assert name in error.message


@pytest.mark.parametrize("mutate, field", [
    (lambda b: b.pop("name"), "name"),
    (lambda b: b.update(name="Upper"), "name"),
    (lambda b: b.update(name="a-b-c"), "name"),
    (lambda b: b.update(name="ab"), "name"),
    (lambda b: b.pop("containers"), "containers"),
    (lambda b: b.update(containers=[]), "containers"),
    (lambda b: b["containers"][0].pop("image"), "containers[0].image"),
    (lambda b: b["containers"][0].update(port=70000), "containers[0].port"),
    (lambda b: b["containers"][0].update(port="8000"), "containers[0].port"),
    (lambda b: b["metadata"].pop("cpu"), "metadata.cpu"),
    (lambda b: b["metadata"].update(instance=-1), "metadata.instance"),
    (lambda b: b["metadata"].update(instance=True), "metadata.instance"),
    (lambda b: b["metadata"].update(memory="1G"), "metadata.memory"),
    (lambda b: b["metadata"].update(resource="rg-1"), "metadata.resource"),
    (lambda b: b["metadata"].update(group="Bad-Group"), "metadata.group"),
    (lambda b: b["metadata"].update(rolling_strategy={"max_surge": 0, "max_unavailable": 0}),
     "metadata.rolling_strategy"),
    (lambda b: b["metadata"].update(rolling_strategy={"max_surge": "150%"}),
     "metadata.rolling_strategy.max_surge"),
    (lambda b: b["metadata"].update({"rpc.worker_threads": 0}), "metadata.rpc.worker_threads"),
    (lambda b: b.update(token=""), "token"),
    (lambda b: b.update(storage=[{"oss": {"path": "s3://x"}, "mount_path": "/data"}]),
     "storage[0].oss.path"),
    (lambda b: b.update(storage=[{"oss": {"path": "oss://x/"}, "mount_path": "data"}]),
     "storage[0].mount_path"),
    (lambda b: b.update(networking={"gateway": "gw-doesnotexist"}), "networking.gateway"),
    (lambda b: b.update(processor_path="oss://b/p.zip", processor_type="ruby"), "processor_type"),
])
def test_an_invalid_service_json_is_refused_naming_the_field(eas, mutate, field):
    body = service_json(unique())
    mutate(body)
    error = refused(lambda: create_raw(eas, body), 400)
    assert field in error.message, error.message
    assert error.code in ("InvalidParameter", "MissingParameter")


def test_processor_entry_is_required_for_python(eas):
    body = {"name": unique(), "metadata": {"instance": 1, "cpu": 1, "memory": 1000},
            "processor_type": "python", "processor_path": "oss://b/p.zip"}
    assert "processor_entry" in refused(lambda: create_raw(eas, body), 400,
                                        "MissingParameter").message


def test_a_body_that_is_not_json_or_not_an_object_is_refused(eas):
    refused(lambda: create_raw(eas, "{not json"), 400, "InvalidParameter")
    refused(lambda: create_raw(eas, "[1, 2]"), 400, "InvalidParameter")
    refused(lambda: create_raw(eas, ""), 400)


def test_invalid_labels_are_refused(eas):
    body = json.dumps(service_json(unique()))
    error = refused(lambda: eas.create_service(M.CreateServiceRequest(
        body=body, labels={"aliyun:x": "1"})), 400, "InvalidParameter")
    assert "Labels" in error.message


def test_the_region_of_a_local_endpoint_is_the_default_one(eas):
    name = unique()
    create(eas, name)
    refused(lambda: eas.describe_service("cn-hangzhou", name), 404, "InvalidService.NotFound")
    refused(lambda: eas.describe_service("mars-north-1", name), 400, "InvalidParameter")


# ----- list -------------------------------------------------------------------------------------

def test_list_pages_filters_and_sorts(eas):
    tag = unique("t")
    names = [unique(f"list{i}") for i in range(5)]
    for index, name in enumerate(names):
        create(eas, name, labels={"suite": tag, "n": str(index)},
               metadata={"group": "grp_list"} if index < 2 else {})
    page = eas.list_services(M.ListServicesRequest(label={"suite": tag}, page_size=2,
                                                   page_number=2, order="asc")).body
    assert page.total_count == 5 and (page.page_number, page.page_size) == (2, 2)
    assert [s.service_name for s in page.services] == names[2:4]
    newest_first = eas.list_services(M.ListServicesRequest(label={"suite": tag})).body
    assert [s.service_name for s in newest_first.services] == names[::-1]
    grouped = eas.list_services(M.ListServicesRequest(group_name="grp_list",
                                                      label={"suite": tag})).body
    assert {s.service_name for s in grouped.services} == set(names[:2])
    one = eas.list_services(M.ListServicesRequest(service_name=names[3])).body
    assert [s.service_name for s in one.services] == [names[3]]
    fuzzy = eas.list_services(M.ListServicesRequest(filter=names[4][-6:])).body
    assert [s.service_name for s in fuzzy.services] == [names[4]]
    assert all(s.access_token and s.service_config for s in newest_first.services)
    wait_status(eas, names[0], "Running")
    running = eas.list_services(M.ListServicesRequest(service_status="Running",
                                                      label={"suite": tag})).body
    assert names[0] in {s.service_name for s in running.services}
    assert eas.list_services(M.ListServicesRequest(label={"suite": tag, "n": "3"})).body \
        .services[0].service_name == names[3]


@pytest.mark.parametrize("request_fields, field", [
    ({"service_status": "Sleeping"}, "ServiceStatus"),
    ({"page_size": 0}, "PageSize"),
    ({"page_number": -1}, "PageNumber"),
    ({"order": "sideways"}, "Order"),
    ({"sort": "Color"}, "Sort"),
])
def test_list_refuses_bad_parameters(eas, request_fields, field):
    error = refused(lambda: eas.list_services(M.ListServicesRequest(**request_fields)), 400)
    assert field in error.message


# ----- update -----------------------------------------------------------------------------------

def test_merge_keeps_what_the_body_does_not_name(eas):
    name = unique()
    create(eas, name, instance=1, metadata={"rpc.keepalive": 5000})
    wait_status(eas, name, "Running")
    answer = update(eas, name, {"metadata": {"rpc.keepalive": 8000},
                                "containers": [{"image": "x:v2", "port": 8000}]})
    assert "version [2]" in answer.message
    config = json.loads(describe(eas, name).service_config)
    assert config["metadata"] == {"instance": 1, "cpu": 1, "memory": 1000, "rpc.keepalive": 8000}
    assert config["containers"] == [{"image": "x:v2", "port": 8000}]  # arrays are replaced


def test_merge_removes_a_key_set_to_null(eas):
    name = unique()
    create(eas, name, metadata={"rpc.keepalive": 5000})
    wait_status(eas, name, "Running")
    update(eas, name, {"metadata": {"rpc.keepalive": None}})
    assert "rpc.keepalive" not in json.loads(describe(eas, name).service_config)["metadata"]


def test_replace_drops_the_keys_the_body_leaves_out(eas):
    name = unique()
    create(eas, name, metadata={"rpc.keepalive": 5000}, token="tok-1")
    wait_status(eas, name, "Running")
    new = service_json(name, instance=1, image="x:v3")
    update(eas, name, new, update_type="replace")
    service = describe(eas, name)
    assert json.loads(service.service_config) == new
    assert service.access_token != "tok-1"  # the custom token went with the replaced JSON
    assert service.latest_version == 2


def test_replace_with_an_incomplete_json_is_refused(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    error = refused(lambda: update(eas, name, {"metadata": {"instance": 2}}, "replace"), 400)
    assert "containers" in error.message


def test_an_update_while_creating_is_refused(eas):
    name = unique()
    create(eas, name)
    error = refused(lambda: update(eas, name, {"metadata": {"instance": 2}}), 400,
                    "IncorrectStatus")
    assert "Creating" in error.message


def test_update_refuses_a_rename_and_a_bad_update_type(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    assert "name" in refused(lambda: update(eas, name, {"name": "other_name"})).message
    assert "UpdateType" in refused(lambda: update(eas, name, {"metadata": {"instance": 2}},
                                                  "patch")).message
    refused(lambda: update(eas, unique(), {"metadata": {"instance": 2}}), 404,
            "InvalidService.NotFound")


def test_an_identical_json_changes_nothing(eas):
    name = unique()
    create(eas, name)
    wait_status(eas, name, "Running")
    answer = update(eas, name, {"metadata": {"cpu": 1}})
    assert "unchanged" in answer.message
    service = describe(eas, name)
    assert (service.status, service.latest_version) == ("Running", 1)


def test_a_token_change_is_a_new_version_without_a_restart(eas):
    name = unique()
    create(eas, name, token="first-token")
    wait_status(eas, name, "Running")
    update(eas, name, {"token": "second-token"})
    service = describe(eas, name)
    assert service.status == "Running" and service.access_token == "second-token"
    assert (service.current_version, service.latest_version) == (2, 2)
    assert eas.describe_service_endpoints(REGION, name).body.access_token == "second-token"


def test_changing_only_the_instance_count_scales_without_a_version(eas):
    name = unique()
    create(eas, name, instance=1)
    wait_status(eas, name, "Running")
    assert "scaling" in update(eas, name, {"metadata": {"instance": 3}}).message
    service = describe(eas, name)
    assert service.status == "Scaling" and service.total_instance == 3
    assert service.running_instance == 1 and service.pending_instance == 2
    done = wait_status(eas, name, "Running")
    assert (done.running_instance, done.latest_version) == (3, 1)
    versions = eas.list_service_versions(REGION, name, M.ListServiceVersionsRequest()).body
    assert json.loads(versions.versions[0].service_config)["metadata"]["instance"] == 3


# ----- delete and clone -------------------------------------------------------------------------

def test_delete_removes_the_service(eas):
    name = unique()
    create(eas, name)
    answer = eas.delete_service(REGION, name).body
    assert answer.request_id and name in answer.message
    refused(lambda: describe(eas, name), 404, "InvalidService.NotFound")
    refused(lambda: eas.delete_service(REGION, name), 404, "InvalidService.NotFound")


def test_clone_creates_a_copy_with_the_overrides(eas):
    name, copy_name = unique(), unique()
    create(eas, name, instance=2, labels={"env": "dev"})
    request = M.CloneServiceRequest(body=json.dumps({"name": copy_name,
                                                     "metadata": {"instance": 1}}),
                                    labels={"env": "copy"})
    cloned = eas.clone_service(REGION, name, request).body
    assert cloned.service_name == copy_name and cloned.status == "Creating"
    assert cloned.service_id.startswith("eas-m-") and cloned.request_id
    copy = describe(eas, copy_name)
    config = json.loads(copy.service_config)
    assert config["name"] == copy_name and config["metadata"]["instance"] == 1
    assert config["containers"] == service_json(name)["containers"]
    assert [(label.label_key, label.label_value) for label in copy.labels] == [("env", "copy")]
    assert copy.access_token != describe(eas, name).access_token
    error = refused(lambda: eas.clone_service(REGION, name, M.CloneServiceRequest(body="{}")))
    assert "name" in error.message
