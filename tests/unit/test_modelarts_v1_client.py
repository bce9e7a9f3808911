"""The ModelArts v1 client: the /v1/{project_id} prefix, paging, lookups by name, errors, safe retries."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import httpx
import pytest
from support import logged_transport

from inference_iac.core.errors import AmbiguousMatchError, BadRequestError, NotFoundError, TransientError
from inference_iac.modelarts.v1.client import ClientConfig, ModelArtsV1Client, ModelDeleteRefused

PID = "pid"


def serve(handler):
    """A client whose server is `handler(request) -> httpx.Response`; requests are logged."""
    transport, log = logged_transport(handler)
    config = ClientConfig(endpoint="http://emu", access_key="AK", secret_key="SK", project_id=PID,
                          retry_backoff_seconds=0, max_retries=2)
    return ModelArtsV1Client(config, transport), log


def query(request):
    return {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()}


def body(request):
    return json.loads(request.content) if request.content else None


def test_paths_carry_the_v1_prefix_and_are_signed():
    client, log = serve(lambda r: httpx.Response(200, json={"service_id": "s1", "status": "running"}))
    with client:
        client.services.get("s1")
        client.services.update("s1", {"description": "d"})
        client.services.set_status("s1", "stopped")
    assert [(r.method, r.url.path) for r in log] == [("GET", f"/v1/{PID}/services/s1"),
                                                     ("PUT", f"/v1/{PID}/services/s1"),
                                                     ("PUT", f"/v1/{PID}/services/s1")]
    assert body(log[2]) == {"status": "stopped"}
    assert all(r.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AK") for r in log)


def test_the_catalogue_is_read_under_the_v2_prefix():
    client, log = serve(lambda r: httpx.Response(200, json={"items": [{"metadata": {"name": "pool-1"}}]}))
    with client:
        assert client.catalog.pools() == [{"metadata": {"name": "pool-1"}}]
    assert log[0].url.path == f"/v2/{PID}/pools"


def test_lists_walk_pages_by_record_offset():
    items = [{"service_id": f"s{i}", "service_name": f"svc-{i}"} for i in range(2500)]

    def handler(request):
        q = query(request)
        limit, offset = int(q["limit"]), int(q["offset"])
        return httpx.Response(200, json={"total_count": len(items), "count": len(items[offset:offset + limit]),
                                         "services": items[offset:offset + limit]})

    client, log = serve(handler)
    with client:
        assert client.services.list(infer_type="real-time") == items
    assert [(query(r)["offset"], query(r)["limit"], query(r)["infer_type"]) for r in log] == [
        ("0", "1000", "real-time"), ("1000", "1000", "real-time"), ("2000", "1000", "real-time")]


def test_find_by_name_reads_the_details_of_the_exact_match():
    def handler(request):
        if request.url.path.endswith("/services"):
            return httpx.Response(200, json={"total_count": 2, "count": 2, "services": [
                {"service_id": "s1", "service_name": "shop"}, {"service_id": "s2", "service_name": "shop-2"}]})
        return httpx.Response(200, json={"service_id": "s1", "service_name": "shop", "config": []})

    client, log = serve(handler)
    with client:
        assert client.services.find_by_name("shop")["config"] == []
        assert client.services.find_by_name("none") is None
    assert query(log[0])["service_name"] == "shop" and log[1].url.path == f"/v1/{PID}/services/s1"


def test_two_services_of_one_name_are_an_error():
    client, _ = serve(lambda r: httpx.Response(200, json={"services": [{"service_id": "a", "service_name": "x"},
                                                                       {"service_id": "b", "service_name": "x"}]}))
    with client, pytest.raises(AmbiguousMatchError):
        client.services.find_by_name("x")


def test_errors_carry_code_message_and_request_id():
    client, _ = serve(lambda r: httpx.Response(400, headers={"X-Request-Id": "req-9"}, json={
        "error_code": "ModelArts.4003", "error_msg": "not allowed while deploying"}))
    with client, pytest.raises(BadRequestError) as caught:
        client.services.update("s1", {"description": "d"})
    error = caught.value
    assert (error.code, error.message, error.request_id) == ("ModelArts.4003", "not allowed while deploying", "req-9")
    assert "ModelArts.4003" in str(error) and "req-9" in str(error)


def test_unknown_service_reads_as_none_and_its_delete_as_done():
    client, _ = serve(lambda r: httpx.Response(404, json={"error_code": "ModelArts.3502", "error_msg": "gone"}))
    with client:
        assert client.services.find("s1") is None
        client.services.delete("s1")
        with pytest.raises(NotFoundError):
            client.services.get("s1")


def test_a_create_whose_answer_was_lost_adopts_the_service_it_made():
    made = []

    def handler(request):
        if request.method == "POST":
            made.append(body(request)["service_name"])
            return httpx.Response(503, json={"error_code": "APIGW.0503", "error_msg": "lost"})
        if request.url.path.endswith("/services"):
            return httpx.Response(200, json={"services": [{"service_id": "s1", "service_name": name}
                                                          for name in made]})
        return httpx.Response(200, json={"service_id": "s1", "service_name": "shop", "status": "deploying"})

    client, log = serve(handler)
    with client:
        live, created = client.services.create_or_adopt({"service_name": "shop", "config": []})
    assert (live["service_id"], created) == ("s1", False)
    assert made == ["shop"], "the POST is not repeated once the service is found"


def test_a_create_that_did_not_happen_is_not_adopted():
    client, log = serve(lambda r: httpx.Response(503, json={"error_code": "x", "error_msg": "down"})
                        if r.method == "POST" else httpx.Response(200, json={"services": []}))
    with client, pytest.raises(TransientError):
        client.services.create_or_adopt({"service_name": "shop", "config": []})
    assert [r.method for r in log].count("POST") == 4, "repeated after each look found nothing"


def test_a_model_create_adopts_the_same_name_and_version():
    def handler(request):
        if request.method == "POST":
            return httpx.Response(400, json={"error_code": "ModelArts.4004", "error_msg": "exists"})
        if request.url.path.endswith("/models"):
            q = query(request)
            assert (q["model_name"], q["exact_match"], q["model_version"]) == ("m", "true", "1.0.0")
            return httpx.Response(200, json={"models": [{"model_id": "id1", "model_name": "m", "model_version": "1.0.0"}]})
        return httpx.Response(200, json={"model_id": "id1", "model_name": "m", "model_version": "1.0.0",
                                         "install_type": ["realtime", "batch"], "apis": "[{\"url\": \"/\"}]"})

    client, _ = serve(handler)
    with client:
        model, created = client.models.create_or_adopt({"model_name": "m", "model_version": "1.0.0"})
    assert not created and model["model_id"] == "id1"
    # Wire quirks decoded where the response is read.
    assert model["install_type"] == ["real-time", "batch"] and model["apis"] == [{"url": "/"}]


def test_a_model_delete_refused_in_a_200_answer_is_an_error():
    client, _ = serve(lambda r: httpx.Response(200, json={"delete_success_list": [], "delete_failed_list": [
        {"model_id": "id1", "error_code": "ModelArts.3009", "error_msg": "used by service shop"}]}))
    with client, pytest.raises(ModelDeleteRefused) as caught:
        client.models.delete("id1")
    assert caught.value.code == "ModelArts.3009" and "used by service shop" in str(caught.value)


def test_a_model_delete_that_succeeded_or_found_nothing_is_quiet():
    answers = iter([httpx.Response(200, json={"delete_success_list": ["id1"], "delete_failed_list": []}),
                    httpx.Response(404, json={"error_code": "ModelArts.3508", "error_msg": "gone"})])
    client, _ = serve(lambda r: next(answers))
    with client:
        client.models.delete("id1")
        client.models.delete("id1")


def test_events_are_read_from_their_own_list():
    client, log = serve(lambda r: httpx.Response(200, json={"service_id": "s1", "total_count": 1, "count": 1,
                                                            "events": [{"event_info": "started"}]}))
    with client:
        assert client.services.events("s1", order="asc") == [{"event_info": "started"}]
    assert log[0].url.path == f"/v1/{PID}/services/s1/events" and query(log[0])["order"] == "asc"
