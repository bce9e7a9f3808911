"""ApiKeysApi: paths and bodies, learning the new key's id, secrets kept out of errors."""

import json

import httpx
import pytest
from support import logged_transport

from inference_iac.core.errors import TransientError
from inference_iac.modelarts.client import ApiKeyResponseError, ClientConfig, ModelArtsClient

KEY = {"key_id": "k1", "name": "team", "description": "", "create_time": "1", "scope": "SERVICE",
       "domain_id": "d", "project_id": "pid", "services": [], "workspace_id": "0"}


def serve(handler):
    """Client whose mock server is `handler(request) -> httpx.Response`; requests are logged."""
    transport, log = logged_transport(handler)
    config = ClientConfig(endpoint="http://emu", access_key="AK", secret_key="SK", project_id="pid",
                          retry_backoff_seconds=0)
    return ModelArtsClient(config, transport), log


def listing(items):
    return httpx.Response(200, json={"data": items, "total": len(items), "pages": 1, "current": 0, "size": len(items)})


def test_create_reads_id_and_value_from_the_csv():
    client, log = serve(lambda r: httpx.Response(200, text="key_id,name,api_key\r\nk1,team,VALUE-1\r\n",
                                                 headers={"Content-Type": "text/csv"}))
    created = client.api_keys.create("team", "SERVICE", "d")
    assert (created.key_id, created.api_key) == ("k1", "VALUE-1")
    [request] = log
    assert request.method == "POST" and request.url.path == "/v2/pid/services/api-keys"
    assert json.loads(request.content) == {"name": "team", "scope": "SERVICE", "description": "d"}


def test_create_finds_the_id_by_name_when_the_file_has_only_the_value():
    def handler(request):
        if request.method == "POST":
            return httpx.Response(200, text="api_key\nVALUE-2\n")
        assert request.url.params["name"] == "team"
        return listing([{**KEY, "name": "team-2", "key_id": "k9"}, KEY])

    client, log = serve(handler)
    assert client.api_keys.create("team", "SERVICE").key_id == "k1"
    assert [r.method for r in log] == ["POST", "GET"]


def test_unreadable_create_response_does_not_quote_the_body():
    client, _ = serve(lambda r: httpx.Response(200, text="secret_value\nLEAKED\n"))
    with pytest.raises(ApiKeyResponseError) as caught:
        client.api_keys.create("team", "SERVICE")
    assert "LEAKED" not in str(caught.value)


def test_a_lost_create_answer_never_leaves_a_second_key():
    # The first POST made a key but its answer (the only copy of the value) was lost: that key is
    # deleted before the create is asked again, so exactly one key of the name exists afterwards.
    answers = iter([httpx.Response(503, json={"error_code": "X", "error_msg": "busy"}), listing([KEY]),
                    httpx.Response(200, json={}),
                    httpx.Response(200, text="key_id,name,api_key\r\nk2,team,VALUE-2\r\n")])
    client, log = serve(lambda r: next(answers))
    created = client.api_keys.create("team", "SERVICE")
    assert (created.key_id, created.api_key) == ("k2", "VALUE-2")
    assert [(r.method, r.url.path) for r in log] == [
        ("POST", "/v2/pid/services/api-keys"), ("GET", "/v2/pid/services/api-keys"),
        ("DELETE", "/v2/pid/services/api-keys/k1"), ("POST", "/v2/pid/services/api-keys")]


def test_create_gives_up_after_repeated_failures():
    client, log = serve(lambda r: httpx.Response(503, json={"error_code": "X", "error_msg": "busy"})
                        if r.method == "POST" else listing([]))
    with pytest.raises(TransientError):
        client.api_keys.create("team", "SERVICE")
    assert [r.method for r in log].count("POST") == 4


def test_binding_paths_and_batch_body():
    client, log = serve(lambda r: httpx.Response(200, json=KEY))
    client.api_keys.bind("svc/1", "k1")
    client.api_keys.unbind("svc-1", "k1")
    client.api_keys.batch_bind("svc-1", ["k1", "k2"])
    client.api_keys.batch_unbind("svc-1", ["k1"])
    assert [r.url.raw_path.decode() for r in log] == [
        "/v2/pid/services/svc%2F1/api-keys/k1/bind", "/v2/pid/services/svc-1/api-keys/k1/unbind",
        "/v2/pid/services/svc-1/api-keys/batch-bind", "/v2/pid/services/svc-1/api-keys/batch-unbind"]
    assert json.loads(log[2].content) == {"key_ids": [{"key_id": "k1"}, {"key_id": "k2"}]}


def test_find_matches_the_id_exactly_and_delete_tolerates_404():
    def handler(request):
        if request.method == "DELETE":
            return httpx.Response(404, json={"error_code": "ModelArts.3505", "error_msg": "gone"})
        return listing([{**KEY, "key_id": "k10"}])

    client, _ = serve(handler)
    assert client.api_keys.find("k1") is None
    client.api_keys.delete("k1")
