"""What ModelArtsHttp puts on the wire, how it maps errors and when it retries."""

import json
from urllib.parse import parse_qsl

import httpx
import pytest

from inference_iac.core.errors import (
    AuthError,
    BadRequestError,
    NotFoundError,
    ThrottledError,
    TransientError,
    TransportError,
)
from inference_iac.modelarts.client import ClientConfig, ModelArtsClient, signer

AK = "TESTACCESSKEY0000000"
SK = "TESTSECRETKEY0000000000000000000000000000"
PID = "0123456789abcdef0123456789abcdef"


def make_client(handler, **overrides):
    values = {
        "endpoint": "http://127.0.0.1:8999",
        "access_key": AK,
        "secret_key": SK,
        "project_id": PID,
        "max_retries": 3,
        "retry_backoff_seconds": 0,
    } | overrides
    return ModelArtsClient(ClientConfig(**values), transport=httpx.MockTransport(handler))


class Recorder:
    """A mock server: replies from a list of responses and keeps every request."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        reply = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        if isinstance(reply, Exception):
            raise reply
        return reply


def ok(payload=None):
    return httpx.Response(200, json=payload if payload is not None else {})


def signature_verifies(request: httpx.Request) -> bool:
    auth = signer.Authorization.parse(request.headers["Authorization"])
    assert auth is not None and auth.access_key == AK
    raw_path, _, raw_query = request.url.raw_path.decode().partition("?")
    return signer.verify(
        auth, SK, request.method, raw_path, parse_qsl(raw_query, keep_blank_values=True),
        request.headers, request.content,
    )


# -- request shape -----------------------------------------------------------


def test_create_service_request_is_signed_json_without_nones():
    server = Recorder(ok({"id": "svc-1", "status": "DEPLOYING"}))
    body = {"name": "svc", "description": None, "workspace_id": "0",
            "group_configs": [{"name": "d", "weight": 0, "envs": {}, "pool_id": None, "dedicated": False}]}
    with make_client(server) as client:
        assert client.services.create(body) == {"id": "svc-1", "status": "DEPLOYING"}
    (request,) = server.requests
    assert request.method == "POST"
    assert request.url.raw_path == f"/v2/{PID}/services".encode()
    assert json.loads(request.content) == {
        "name": "svc", "workspace_id": "0",
        "group_configs": [{"name": "d", "weight": 0, "envs": {}, "dedicated": False}],
    }
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Project-Id"] == PID
    assert request.headers["Host"] == "127.0.0.1:8999"
    assert request.headers["User-Agent"]
    assert request.headers["X-Sdk-Date"]
    auth = signer.Authorization.parse(request.headers["Authorization"])
    assert auth.signed_headers == ["content-type", "host", "user-agent", "x-project-id", "x-sdk-date"]
    assert signature_verifies(request)


def test_scale_uses_the_deployment_name_in_the_path():
    server = Recorder(ok({"id": "dep-1"}))
    with make_client(server) as client:
        client.deployments.scale("svc-1", "blue green", 3)
    (request,) = server.requests
    assert request.method == "PUT"
    assert request.url.raw_path == f"/v2/{PID}/services/svc-1/deployments/blue%20green/scale".encode()
    assert json.loads(request.content) == {"count": 3}
    assert signature_verifies(request)


def test_list_params_are_sorted_repeated_encoded_and_signed():
    server = Recorder(ok({"data": [{"instance_name": "i-1"}], "total": 1, "pages": 1}))
    with make_client(server) as client:
        client.deployments.instances("svc/1", "dep", status=["RUNNING", "FAILED"], instance_name=None)
    (request,) = server.requests
    assert request.method == "GET"
    assert request.url.raw_path == (
        f"/v2/{PID}/services/svc%2F1/deployments/dep/instances"
        "?limit=100&offset=0&status=FAILED&status=RUNNING"
    ).encode()
    assert request.content == b""
    assert signature_verifies(request)


def test_query_values_booleans_and_special_characters():
    server = Recorder(ok({"data": [], "total": 0}))
    with make_client(server) as client:
        client.services.list_all(tags="team|ml", mirror=True, name="a b")
    query = server.requests[0].url.raw_path.decode().split("?", 1)[1]
    assert query == "limit=100&mirror=true&name=a%20b&offset=0&tags=team%7Cml"
    assert signature_verifies(server.requests[0])


def test_every_attempt_is_counted_and_reported():
    seen = []
    server = Recorder(httpx.Response(503), ok({"id": "s"}))
    config = ClientConfig(endpoint="http://h", access_key=AK, secret_key=SK, project_id=PID,
                          retry_backoff_seconds=0)
    with ModelArtsClient(config, httpx.MockTransport(server), on_request=lambda *a: seen.append(a)) as client:
        client.services.get("s")
    assert client.http.calls == 2
    assert seen == [("GET", f"/v2/{PID}/services/s", 503), ("GET", f"/v2/{PID}/services/s", 200)]


# -- errors ------------------------------------------------------------------


def test_404_becomes_not_found_with_sdk_fields():
    server = Recorder(httpx.Response(
        404, json={"error_code": "ModelArts.3502", "error_msg": "Service not found."},
        headers={"X-Request-Id": "r-1"},
    ))
    with make_client(server) as client, pytest.raises(NotFoundError) as caught:
        client.services.get("missing")
    error = caught.value
    assert (error.status_code, error.code, error.message, error.request_id) == (
        404, "ModelArts.3502", "Service not found.", "r-1")
    assert str(error) == "ModelArts API error 404 ModelArts.3502: Service not found. (request id r-1)"
    assert SK not in str(error) and SK not in repr(error)
    assert "Authorization" not in str(error)
    assert SK not in repr(client.config)


@pytest.mark.parametrize(
    "status,body,cls,code,msg",
    [
        (400, {"errorCode": "E1", "errorMsg": "camel"}, BadRequestError, "E1", "camel"),
        (401, {"code": "APIGW.0301", "message": "bad sig"}, AuthError, "APIGW.0301", "bad sig"),
        (403, {"error": {"error_code": "N1", "error_msg": "nested"}}, AuthError, "N1", "nested"),
        (429, {"other": 1}, ThrottledError, "429", '{"other": 1}'),
        (502, "<html>bad gateway</html>", TransientError, "502", "<html>bad gateway</html>"),
    ],
)
def test_error_bodies_are_parsed_like_the_sdk(status, body, cls, code, msg):
    content = body if isinstance(body, str) else json.dumps(body)
    server = Recorder(httpx.Response(status, content=content.encode()))
    with make_client(server, max_retries=0) as client, pytest.raises(cls) as caught:
        client.services.get("x")
    assert (caught.value.code, caught.value.message, caught.value.request_id) == (code, msg, None)


def test_secret_echoed_by_a_server_is_redacted():
    server = Recorder(httpx.Response(400, text=f"you sent {SK}"))
    with make_client(server) as client, pytest.raises(BadRequestError) as caught:
        client.services.get("x")
    assert SK not in str(caught.value) and SK not in repr(caught.value.args)


# -- retries -----------------------------------------------------------------


def test_get_retries_503_until_success():
    server = Recorder(httpx.Response(503), httpx.Response(503), ok({"id": "s"}))
    with make_client(server) as client:
        assert client.services.get("s") == {"id": "s"}
    assert len(server.requests) == 3
    assert all(signature_verifies(r) for r in server.requests)


def test_each_attempt_is_signed_afresh(monkeypatch):
    stamps = iter(["20260101T000000Z", "20260101T000001Z"])
    real_sign = signer.sign

    def sign_with_next_date(method, path, query, headers, *rest, **kwargs):
        return real_sign(method, path, query, {**headers, "X-Sdk-Date": next(stamps)}, *rest, **kwargs)

    monkeypatch.setattr(signer, "sign", sign_with_next_date)
    server = Recorder(httpx.Response(503), ok({"id": "s"}))
    with make_client(server) as client:
        client.services.get("s")
    assert [r.headers["X-Sdk-Date"] for r in server.requests] == ["20260101T000000Z", "20260101T000001Z"]
    assert all(signature_verifies(r) for r in server.requests)


def test_a_post_is_repeated_only_after_checking_it_did_not_take_effect():
    # The start was lost (the service is still STOPPED): ask again.
    server = Recorder(httpx.Response(503), ok({"id": "s", "status": "STOPPED"}), ok())
    with make_client(server) as client:
        client.services.start("s")
    assert [r.method for r in server.requests] == ["POST", "GET", "POST"]


def test_a_post_that_took_effect_is_not_repeated():
    # The start went through although its answer was a 503: the service is DEPLOYING.
    server = Recorder(httpx.Response(503), ok({"id": "s", "status": "DEPLOYING"}))
    with make_client(server) as client:
        client.services.start("s")
    assert [r.method for r in server.requests] == ["POST", "GET"]


def test_a_create_whose_answer_was_lost_adopts_what_it_made():
    made = {"id": "svc-1", "name": "n", "status": "INIT", "version": {"description": ""}}
    server = Recorder(httpx.Response(503), ok({"data": [{"id": "svc-1", "name": "n"}], "total": 1}), ok(made))
    with make_client(server) as client:
        assert client.services.create_or_adopt({"name": "n"}) == (made, False)
    assert [(r.method, r.url.path) for r in server.requests] == [
        ("POST", f"/v2/{PID}/services"), ("GET", f"/v2/{PID}/services"), ("GET", f"/v2/{PID}/services/svc-1")]


def test_429_is_retried_for_post():
    server = Recorder(httpx.Response(429, headers={"Retry-After": "0"}), ok({"id": "s"}))
    with make_client(server) as client:
        assert client.services.create({"name": "n"}) == {"id": "s"}
    assert len(server.requests) == 2


def test_connection_error_is_retried_even_for_post():
    server = Recorder(httpx.ConnectError("refused"), ok({"id": "s"}))
    with make_client(server) as client:
        assert client.services.create({"name": "n"}) == {"id": "s"}
    assert len(server.requests) == 2


def test_read_timeout_is_retried_for_get_but_not_for_post():
    server = Recorder(httpx.ReadTimeout("slow"), ok({"id": "s"}))
    with make_client(server) as client:
        assert client.services.get("s") == {"id": "s"}
    server = Recorder(httpx.ReadTimeout("slow"), ok({"id": "s"}))
    with make_client(server) as client, pytest.raises(TransportError):
        client.services.create({"name": "n"})
    assert len(server.requests) == 1


def test_retries_are_bounded():
    server = Recorder(httpx.Response(503))
    with make_client(server, max_retries=2) as client, pytest.raises(TransientError):
        client.services.get("s")
    assert len(server.requests) == 3
    assert client.http.calls == 3


def test_exhausted_connection_retries_raise_transport_error():
    server = Recorder(httpx.ConnectError("refused"))
    with make_client(server, max_retries=1) as client, pytest.raises(TransportError) as caught:
        client.services.get("s")
    assert "127.0.0.1:8999" in str(caught.value) and SK not in str(caught.value)
    assert len(server.requests) == 2


def test_client_errors_are_not_retried():
    server = Recorder(httpx.Response(400, json={"error_code": "E", "error_msg": "m"}))
    with make_client(server) as client, pytest.raises(BadRequestError):
        client.services.update("s", {"description": "d"})
    assert len(server.requests) == 1
