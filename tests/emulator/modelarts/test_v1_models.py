"""The v1 model registry, /v1/{project_id}/models: create, show, list, delete, statuses."""

from __future__ import annotations

import pytest

from modelarts_v1_helpers import error_of, real_time, unique

IMAGE_MODEL = {"model_name": "demo_swr", "model_version": "0.0.1",
               "description": "This is a demo import from swr",
               "source_location": "swr.cn-north-4.myhuaweicloud.com/org/image:1",
               "model_type": "Image", "source_copy": "true",
               "install_type": ["real-time", "batch"],
               "initial_config": '{"protocol":"https","port":90,"model_type":"Image"}'}


def test_create_answers_the_id_and_the_model_is_published_after_the_ready_delay(v1):
    body = v1.ok("POST", "/models", IMAGE_MODEL)
    assert set(body) == {"model_id"}
    shown = v1.ok("GET", f"/models/{body['model_id']}")
    assert shown["model_status"] == "publishing"
    published = v1.wait_model(body["model_id"], "published")
    for key in ("model_name", "model_version", "model_type", "source_location", "source_copy",
                "install_type", "description"):
        assert published[key] == IMAGE_MODEL[key]
    assert published["config"] == IMAGE_MODEL["initial_config"]
    assert published["workspace_id"] == "0" and isinstance(published["create_at"], int)
    assert published["image_address"] == IMAGE_MODEL["source_location"]


def test_the_documented_tensorflow_example_is_accepted(v1):
    model_id = v1.ok("POST", "/models", {
        "model_name": "mnist", "model_version": "1.0.0",
        "source_location": "https://models.obs.xxxxx.com/mnist", "model_type": "TensorFlow",
        "runtime": "python2.7", "description": "mnist model", "execution_code":
            "https://models.obs.xxxxx.com/mnist/customize_service.py",
        "model_algorithm": "image_classification",
        "input_params": [{"url": "/", "protocol": "http", "method": "post",
                          "param_name": "images", "param_type": "file"}],
        "dependencies": [{"installer": "pip", "packages": [
            {"package_name": "numpy", "package_version": "1.5.0", "restraint": "ATLEAST"}]}],
        "model_docs": [{"doc_name": "guide", "doc_url": "https://doc.example.com"}],
    })["model_id"]
    shown = v1.wait_model(model_id, "published")
    assert shown["install_type"] == ["real-time", "batch"]  # the documented default
    assert shown["runtime"] == "python2.7" and shown["input_params"][0]["param_name"] == "images"


def test_versions_are_models_of_their_own_and_a_version_is_never_duplicated(v1):
    first = v1.create_model("shop", "1.0.0", wait=False)
    second = v1.create_model("shop", "1.0.1", wait=False)
    assert first != second
    status, code, message = error_of(v1.send("POST", "/models", {
        "model_name": "shop", "model_version": "1.0.0", "model_type": "Image",
        "source_location": "swr.example.com/a/b:1"}))
    assert (status, code) == (400, "ModelArts.4004")
    assert "shop" in message and "1.0.0" in message and first in message


def test_show_and_delete_of_an_unknown_model_are_404(v1):
    for method in ("GET", "DELETE"):
        status, code, message = error_of(v1.send(method, "/models/no-such-model"))
        assert (status, code) == (404, "ModelArts.3508") and "no-such-model" in message


def test_list_filters_sorts_and_pages(v1):
    ids = {version: v1.create_model("list_model", version, wait=False)
           for version in ("1.0.0", "1.0.2", "1.0.1")}
    other = v1.create_model("other-model", "2.0.0", description="for the filter test",
                            install_type=["batch"])
    listed = v1.ok("GET", "/models")
    assert listed["total_count"] == listed["count"] == 4
    # Default: newest first (create_at, desc).
    assert [m["model_id"] for m in listed["models"]] == [other, ids["1.0.1"], ids["1.0.2"],
                                                        ids["1.0.0"]]
    by_version = v1.ok("GET", "/models", query=[("model_name", "list_model"),
                                                ("exact_match", "true"),
                                                ("sort_by", "model_version"), ("order", "asc")])
    assert [m["model_version"] for m in by_version["models"]] == ["1.0.0", "1.0.1", "1.0.2"]
    fuzzy = v1.ok("GET", "/models", query=[("model_name", "model")])
    assert fuzzy["total_count"] == 4
    page = v1.ok("GET", "/models", query=[("limit", "2"), ("offset", "1")])
    assert page["total_count"] == 4 and page["count"] == 2
    assert [m["model_id"] for m in page["models"]] == [ids["1.0.1"], ids["1.0.2"]]
    assert v1.ok("GET", "/models", query=[("model_status", "published")])["models"][0][
        "model_id"] == other
    assert v1.ok("GET", "/models", query=[("description", "filter")])["total_count"] == 1
    assert v1.ok("GET", "/models", query=[("model_version", "1.0.2")])["models"][0][
        "model_id"] == ids["1.0.2"]
    assert v1.ok("GET", "/models", query=[("not_model_type", "Image")])["total_count"] == 0
    item = listed["models"][0]
    assert {"model_id", "model_name", "model_version", "model_type", "model_status",
            "model_size", "install_type", "create_at", "workspace_id"} <= set(item)


@pytest.mark.parametrize("query, field", [
    ([("model_status", "normal")], "model_status"),
    ([("model_type", "Image"), ("not_model_type", "PyTorch")], "not_model_type"),
    ([("sort_by", "name")], "sort_by"),
    ([("order", "up")], "order"),
    ([("exact_match", "yes")], "exact_match"),
    ([("limit", "0")], "limit"),
    ([("offset", "-1")], "offset"),
    ([("limit", "ten")], "limit"),
])
def test_list_refuses_bad_query_parameters(v1, query, field):
    status, code, message = error_of(v1.send("GET", "/models", query=query))
    assert status == 400 and f"'{field}'" in message


def test_delete_answers_the_documented_lists(v1):
    model_id = v1.create_model(wait=False)
    assert v1.ok("DELETE", f"/models/{model_id}") == {"delete_success_list": [model_id],
                                                      "delete_failed_list": []}
    assert v1.send("GET", f"/models/{model_id}").status_code == 404


def test_a_model_that_backs_a_service_is_not_deleted(v1):
    model_id = v1.create_model()
    service_id = v1.create_service([real_time(model_id)], name="backed")
    status, code, message = error_of(v1.send("DELETE", f"/models/{model_id}"))
    assert (status, code) == (400, "ModelArts.3009")
    assert "backed" in message and "Delete the service first" in message
    assert v1.ok("GET", f"/models/{model_id}")["model_id"] == model_id
    v1.ok("DELETE", f"/services/{service_id}")
    assert v1.ok("DELETE", f"/models/{model_id}")["delete_success_list"] == [model_id]


def test_cascade_deletes_every_free_version_and_reports_the_ones_in_use(v1):
    name = unique("cascade")
    used = v1.create_model(name, "1.0.0")
    free = [v1.create_model(name, version, wait=False) for version in ("1.0.1", "1.0.2")]
    keep = v1.create_model(unique("other"), "1.0.0", wait=False)
    v1.create_service([real_time(used)])
    body = v1.ok("DELETE", f"/models/{free[0]}", query=[("cascade", "true")])
    assert sorted(body["delete_success_list"]) == sorted(free)
    assert body["delete_failed_list"] == [
        {"model_id": used, "error_code": "ModelArts.3009",
         "error_msg": body["delete_failed_list"][0]["error_msg"]}]
    remaining = {m["model_id"] for m in v1.ok("GET", "/models")["models"]}
    assert remaining == {used, keep}
    # A cascade that can delete nothing is refused as a whole.
    status, code, _ = error_of(v1.send("DELETE", f"/models/{used}", query=[("cascade", "true")]))
    assert (status, code) == (400, "ModelArts.3009")


VALID = {"model_name": "valid", "model_version": "1.0.0", "model_type": "TensorFlow",
         "source_location": "https://models.obs.example.com/m"}


@pytest.mark.parametrize("change, field, rule", [
    ({"model_name": None}, "model_name", "Missing required"),
    ({"model_name": "bad name"}, "model_name", "letters, digits"),
    ({"model_name": "x" * 65}, "model_name", "1 to 64"),
    ({"model_version": None}, "model_version", "Missing required"),
    ({"model_version": "01.01.01"}, "model_version", "without a leading 0"),
    ({"model_version": "1.0"}, "model_version", "Digit.Digit.Digit"),
    ({"model_version": "100.0.0"}, "model_version", "0 to 99"),
    ({"model_type": "ONNX"}, "model_type", "must be one of"),
    ({"model_type": None}, "model_type", "Missing required"),
    ({"source_location": None}, "source_location", "Missing required"),
    ({"description": "a & b"}, "description", "must not contain"),
    ({"description": "x" * 101}, "description", "1 to 100"),
    ({"install_type": ["realtime"]}, "install_type[0]", "must be one of real-time, batch, edge"),
    ({"install_type": []}, "install_type", "at least one"),
    ({"install_type": ["batch", "batch"]}, "install_type", "twice"),
    ({"source_copy": "true"}, "source_copy", "only to models of model_type Image"),
    ({"initial_config": "{not json"}, "initial_config", "JSON string"),
    ({"model_docs": [{}, {}, {}, {}]}, "model_docs", "at most 3"),
    ({"source_type": "manual"}, "source_type", "must be one of auto"),
    ({"model_size": 3}, "model_size", "not a field of this request"),
    ({"model_type": "Template"}, "template", "required when model_type is Template"),
])
def test_create_validates_each_field(v1, change, field, rule):
    body = {k: v for k, v in {**VALID, **change}.items() if v is not None}
    status, code, message = error_of(v1.send("POST", "/models", body))
    assert status == 400 and f"'{field}'" in message and rule in message, message


def test_image_model_source_copy_must_be_a_string(v1):
    body = {**IMAGE_MODEL, "model_name": unique("copy"), "source_copy": True}
    status, _, message = error_of(v1.send("POST", "/models", body))
    assert status == 400 and "'source_copy'" in message and "true, false" in message
