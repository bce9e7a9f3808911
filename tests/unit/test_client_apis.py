"""ServicesApi / DeploymentsApi: paths, pagination, name lookup, idempotent deletes."""

import json
from urllib.parse import parse_qs

import httpx
import pytest
from support import logged_transport

from inference_iac.core.errors import AmbiguousMatchError, NotFoundError
from inference_iac.modelarts.client import ClientConfig, ModelArtsClient

PID = "pid"


def serve(handler):
    """Client whose mock server is `handler(request) -> httpx.Response`; requests are logged."""
    transport, log = logged_transport(handler)
    config = ClientConfig(endpoint="http://emu", access_key="AK", secret_key="SK", project_id=PID,
                          retry_backoff_seconds=0)
    return ModelArtsClient(config, transport), log


def query(request):
    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(request.url.query.decode()).items()}


def paged(items, request):
    q = query(request)
    limit, offset = int(q["limit"]), int(q["offset"])
    return httpx.Response(200, json={
        "data": items[offset:offset + limit], "current": offset // limit,
        "size": len(items[offset:offset + limit]), "total": len(items),
        "pages": -(-len(items) // limit),
    })


def not_found(_request):
    return httpx.Response(404, json={"error_code": "ModelArts.3502", "error_msg": "gone"})


def test_list_all_walks_three_pages():
    items = [{"id": f"s{i}", "name": f"svc-{i}"} for i in range(7)]
    client, log = serve(lambda r: paged(items, r))
    with client:
        assert client.services.list_all(limit=3, status="RUNNING") == items
    assert [(query(r)["offset"], query(r)["limit"], query(r)["status"]) for r in log] == [
        ("0", "3", "RUNNING"), ("3", "3", "RUNNING"), ("6", "3", "RUNNING")]


def test_list_all_stops_on_pages_when_total_is_missing():
    def handler(request):
        offset = int(query(request)["offset"])
        return httpx.Response(200, json={"data": [{"id": offset}] * 2, "pages": 3})

    client, log = serve(handler)
    with client:
        assert len(client.services.list_all(limit=2)) == 6
    assert len(log) == 3


def test_list_all_stops_on_an_empty_page():
    client, log = serve(lambda r: httpx.Response(200, json={"data": []}))
    with client:
        assert client.deployments.list_all("svc") == []
    assert len(log) == 1


def test_find_service_by_name_matches_exactly():
    items = [{"id": "1", "name": "web-2"}, {"id": "2", "name": "web"}, {"id": "3", "name": "my-web"}]
    client, log = serve(lambda r: paged(items, r))
    with client:
        assert client.services.find_by_name("web") == {"id": "2", "name": "web"}
        assert client.services.find_by_name("absent") is None
    assert query(log[0])["name"] == "web"


def test_find_by_name_refuses_to_guess_between_duplicates():
    items = [{"id": "1", "name": "web"}, {"id": "2", "name": "web"}]
    client, _ = serve(lambda r: paged(items, r))
    with client, pytest.raises(AmbiguousMatchError, match="1, 2"):
        client.services.find_by_name("web")


def test_find_deployment_by_name():
    items = [{"id": "d1", "name": "blue"}, {"id": "d2", "name": "green"}]
    client, log = serve(lambda r: paged(items, r))
    with client:
        assert client.deployments.find_by_name("svc", "green")["id"] == "d2"
    assert log[0].url.path == f"/v2/{PID}/services/svc/deployments"


def test_delete_service_uses_the_batch_endpoint():
    client, log = serve(lambda r: httpx.Response(200, json={"service_responses": []}))
    with client:
        assert client.services.delete("svc-1") is None
    assert (log[0].method, log[0].url.path) == ("POST", f"/v2/{PID}/services/delete")
    assert json.loads(log[0].content) == {"service_ids": ["svc-1"]}


def test_deleting_something_already_gone_succeeds():
    client, log = serve(not_found)
    with client:
        client.services.delete("svc-1")
        client.deployments.delete("svc-1", "dep-1")
    assert [(r.method, r.url.path) for r in log] == [
        ("POST", f"/v2/{PID}/services/delete"),
        ("DELETE", f"/v2/{PID}/services/svc-1/deployments/dep-1"),
    ]


def test_get_of_a_missing_service_still_raises():
    client, _ = serve(not_found)
    with client, pytest.raises(NotFoundError):
        client.services.get("svc-1")


@pytest.mark.parametrize(
    "call,method,path",
    [
        (lambda c: c.services.start("s"), "POST", "/services/s/start"),
        (lambda c: c.services.stop("s"), "POST", "/services/s/stop"),
        (lambda c: c.services.update("s", {"description": "d"}), "PUT", "/services/s"),
        (lambda c: c.services.events("s", event_type="ERROR"), "GET", "/services/s/events"),
        (lambda c: c.deployments.create("s", {"name": "d"}), "POST", "/services/s/deployments"),
        (lambda c: c.deployments.get("s", "d1"), "GET", "/services/s/deployments/d1"),
        (lambda c: c.deployments.update("s", "d1", {"count": 2}), "PUT", "/services/s/deployments/d1"),
        (lambda c: c.deployments.start("s", "d1"), "POST", "/services/s/deployments/d1/start"),
        (lambda c: c.deployments.stop("s", "d1"), "POST", "/services/s/deployments/d1/stop"),
        (lambda c: c.deployments.interrupt("s", "d1"), "POST", "/services/s/deployments/d1/interrupt"),
        (lambda c: c.deployments.versions("s", "d1"), "GET", "/services/s/deployments/d1/versions"),
        (lambda c: c.deployments.instances("s", "blue"), "GET", "/services/s/deployments/blue/instances"),
    ],
)
def test_endpoint_paths(call, method, path):
    client, log = serve(lambda r: httpx.Response(200, json={"data": [], "total": 0}))
    with client:
        call(client)
    assert (log[0].method, log[0].url.path) == (method, f"/v2/{PID}{path}")
    if method in ("GET",) or path.endswith(("start", "stop", "interrupt")):
        assert log[0].content == b""
