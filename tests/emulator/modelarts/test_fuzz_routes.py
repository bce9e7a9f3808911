"""A bounded, seeded fuzzer over every route of the ModelArts plug-in (v2 and the old v1):
no answer may be a 5xx.

Every request is correctly signed (official SDK signer), so it reaches the
handlers: malformed bodies (valid bodies with one field replaced by a value of
a random type, arrays for objects, huge numbers, unicode, empty, random JSON),
malformed query parameters and path parameters (real ids, or junk). Only the
routes the emulator declares unsupported may answer 501.
"""

from __future__ import annotations

import json
import time
import uuid

import httpx

from emulators import own_emulator
from inference_iac.emulator.modelarts import urls, v1_urls
from inference_iac.emulator.testing import RunningEmulator
from modelarts_sdk_helpers import sdk_signed
from route_fuzzer import Fuzzer, Tally, deep_nesting, fill

SEED = 20261201
REQUESTS_PER_ROUTE_METHOD = 24
BUDGET_SECONDS = 50

UNIT = {"image": {"source": "SWR", "swr_path": "swr.example/org/app:1"},
        "flavor": "modelarts.vm.cpu.2u", "port": 8080, "envs": {"A": "1"},
        "readiness_health": {"check_method": "HTTP", "url": "/health", "period_seconds": 5}}
ADVANCED = {"port": 8080, "protocol": "HTTP",
            "upgrade_config": {"type": "ROLLING",
                               "rolling_update": {"max_surge": "100%", "max_unavailable": "0%"}}}
GROUP = {"name": "fuzz-dep", "weight": 100, "count": 1, "pool_id": "pool-dedicated-0001",
         "unit_configs": [UNIT], "advanced_config": ADVANCED}
RUNTIME = {"service_invoke": {"port": 8080, "protocol": "HTTP", "auth_type": "API_KEY"},
           "service_limit": {"rate_limit": {"num": 10, "unit": "SECONDS"},
                             "request_size_limit": 10, "request_timeout": 60}}
SERVICE = {"name": "fuzz-svc", "type": "REAL_TIME", "deploy_type": "SINGLE", "version": "1.0.0",
           "description": "fuzz", "group_configs": [GROUP], "runtime_config": RUNTIME,
           "tags": [{"key": "team", "value": "ml"}],
           "schedule": [{"type": "STOP", "time_unit": "HOURS", "duration": 2}],
           "log_configs": [{"type": "STDOUT", "status": "ON"}]}
HPA_RULE = {"name": "morning", "type": "CRON_HPA", "schedule": "0 8 * * *",
            "target_replicas": 2, "disable": False}

# Valid bodies per (method, route) the fuzzer mutates; routes without one get random JSON.
TEMPLATES = {
    ("POST", "/services"): SERVICE,
    ("PUT", "/services/{service_id}"): {"description": "x", "version": "1.0.9",
                                        "runtime_config": {"service_limit": {"request_timeout": 9}},
                                        "group_configs": [GROUP], "tags": '[{"key": "a"}]'},
    ("POST", "/services/delete"): {"service_ids": ["{service_id}"]},
    ("POST", "/services/{service_id}/deployments"): {**GROUP, "name": "fuzz-new"},
    ("PUT", "/services/{service_id}/deployments/{deployment_id}"): {**GROUP, "count": 2},
    ("PUT", "/services/{service_id}/deployments/{deployment_name}/scale"): {"count": 2},
    ("POST", "/services/{service_id}/deployments/{deployment_id}/versions/{version}/switch"):
        {"infer_name": "{deployment_id}", "service_id": "{service_id}",
         "target_deployment_version": "1.0.0"},
    ("PUT", "/services/{service_id}#same-number"): {"version": "1.0.0", "description": "d"},
    ("POST", "/services/{service_id}/versions/switch"): {"id": "{service_id}", "workspace_id": "0",
                                                         "target_version_id": "{version_id}"},
    ("POST", "/services/api-keys"): {"name": "fuzz-key", "scope": "SERVICE", "description": "d"},
    ("POST", "/services/{service_id}/api-keys/batch-bind"): {"key_ids": [{"key_id": "{key_id}"}]},
    ("POST", "/services/{service_id}/api-keys/batch-unbind"): {"key_ids": [{"key_id": "{key_id}"}]},
    ("POST", "/intranet-connection"): {"scene": "VPC", "type": "SERVICE", "service_id": "{service_id}",
                                       "vpc_id": "vpc-1", "subnet_id": "subnet-1",
                                       "custom_urls": ["https://a.example.com/v1"]},
    ("POST", "/intranet-connection/{connection_id}/modify"): {"custom_urls": ["http://1.2.3.4:80/x"]},
    ("PUT", "/intranet-connection/{connection_id}"): {"action": "CANCEL", "reason": "r"},
    ("POST", "/intranet-connection/delete"): {"intranet_connection_ids": ["{connection_id}"]},
    ("POST", "/services/{service_id}/deployments/{deployment_id}/hpa"):
        {"type": "CRON_HPA", "target_resource_id": "{deployment_id}",
         "target_resource_type": "GROUP", "hpa_rules": [HPA_RULE]},
    ("PUT", "/services/{service_id}/deployments/{deployment_id}/hpa"):
        {"id": "{deployment_id}", "hpa_rules": [{**HPA_RULE, "operate": "UPDATE"}]},
    ("POST", "/modelarts-service-v2/{resource_id}/tags/create"): {"tags": [{"key": "k", "value": "v"}]},
    ("DELETE", "/modelarts-service-v2/{resource_id}/tags/delete"): {"tags": [{"key": "k"}]},
}

V1_MODEL = {"model_name": "fuzz_model", "model_version": "1.0.0", "model_type": "Image",
            "source_location": "swr.example.com/org/app:1", "source_copy": "true",
            "install_type": ["real-time", "batch", "edge"], "description": "fuzz",
            "initial_config": '{"protocol": "https", "port": 8080}'}
V1_CONFIG = {"model_id": "{model_id}", "weight": "100", "specification": "modelarts.vm.cpu.2u",
             "instance_count": 1, "envs": {"A": "1"},
             "additional_properties": {"max_surge": 1, "max_unavailable": 0}}
V1_SERVICE = {"service_name": "fuzz-v1", "infer_type": "real-time", "description": "fuzz",
              "pool_name": "pool-dedicated-0001", "config": [V1_CONFIG],
              "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 2}],
              "additional_properties": {"smn_notification": {"topic_urn": "urn:smn:x:y:z",
                                                             "events": [1, 3]},
                                        "websocket_upgrade": False}}
V1_TEMPLATES = {
    ("POST", "/services"): V1_SERVICE,
    ("POST", "/services#batch"): {
        "service_name": "fuzz-v1-batch", "infer_type": "batch", "config": [{
            "model_id": "{model_id}", "specification": "custom", "cluster_id": "c-1",
            "custom_spec": {"cpu": 1.5, "memory": 7500}, "instance_count": 1,
            "src_path": "obs://in/x.manifest", "src_type": "ManifestFile",
            "dest_path": "obs://out/", "req_uri": "/", "mapping_type": "csv",
            "mapping_rule": {"type": "object"}}], "cluster_id": "c-1"},
    ("PUT", "/services/{service_id}"): {"description": "x", "config": [{**V1_CONFIG,
                                                                       "instance_count": 2}],
                                        "schedule": [], "additional_properties": {
                                            "websocket_upgrade": True}},
    ("PUT", "/services/{service_id}#status"): {"status": "stopped", "config": [V1_CONFIG]},
    ("POST", "/models"): V1_MODEL,
}

QUERY_KEYS = ["limit", "offset", "sort_key", "sort_dir", "status", "name", "id", "flavor_type",
              "labelSelector", "event_type", "start_time", "end_time", "event_info_key",
              "with_user_scope", "service_id", "service_name", "instance_name", "pod_name",
              "scene", "type", "workspace_id", "description", "key_id",
              # v1
              "infer_type", "model_id", "sort_by", "order", "cascade", "exact_match",
              "model_name", "model_status", "model_type", "not_model_type", "event_info", "tags",
              "cluster_id", "model_version"]
STRINGS = ["", " ", "a", "RUNNING", "ALL", "ASC", "desc", "create_at", "0", "-1", "1e3", "9" * 30,
           "real-time", "running", "stopped", "publishing", "Image", "publish_at", "true",
           "null", "true", "√∂中文", "😀", "\x00", "%00", "%2F", "../..", "a=b,c", "x" * 3000,
           "<script>", "'; DROP TABLE documents; --", "os.modelarts.pool/biz=private", "\u202e"]


# Values the parser must refuse: NaN/Infinity (json.dumps writes them), lone surrogates,
# integers beyond 64 bits, deep nesting.
HOSTILE = (lambda: float("nan"), lambda: float("inf"), lambda: -float("inf"), lambda: "\ud800",
           lambda: 10**30, lambda: -(10**25), deep_nesting)
OBJECT_KEYS = QUERY_KEYS + ["count", "weight", "unit_configs", "image", "name", "hpa_rules", "tags"]
JUNK_IDS = ["x", "0" * 64, "00000000-0000-0000-0000-000000000000"]


def fuzzer(seed: int) -> Fuzzer:
    return Fuzzer(seed, STRINGS, OBJECT_KEYS, HOSTILE, JUNK_IDS, grow_objects=True)


class Fixture:
    """Real resources whose ids the fuzzer puts in paths; recreated when a request deleted them."""

    version = "v2"

    def __init__(self, emu: RunningEmulator, http: httpx.Client):
        self.emu, self.http = emu, http
        self.ids: dict[str, str] = {}

    def call(self, method, path, body=None, query=()):
        raw = b"" if body is None else json.dumps(body).encode()
        url, headers = sdk_signed(self.emu, method, f"/{self.version}/{self.emu.project_id}{path}",
                                  query, raw)
        return self.http.request(method, url, headers=headers, content=raw)

    def ensure(self) -> dict[str, str]:
        ids = self.ids
        if not ids or self.call("GET", f"/services/{ids['service_id']}").status_code != 200:
            listed = self.call("GET", "/services", query=[("limit", 500)]).json()["data"]
            if listed:
                self.call("POST", "/services/delete", {"service_ids": [s["id"] for s in listed]})
            service = self.call("POST", "/services", SERVICE).json()
            ids.clear()
            ids.update(service_id=service["id"], resource_id=service["id"], version="1.0.0",
                       version_id=service["version"]["id"],
                       pool_name="pool-dedicated-0001", name="all", cluster_id="c-1")
        deployments = self.call("GET", f"/services/{ids['service_id']}/deployments").json()["data"]
        if not deployments:
            self.call("POST", f"/services/{ids['service_id']}/deployments", GROUP)
            deployments = self.call("GET", f"/services/{ids['service_id']}/deployments").json()["data"]
        ids.update(deployment_id=deployments[0]["id"], deployment_name=deployments[0]["name"],
                   id=ids["service_id"])
        keys = self.call("GET", "/services/api-keys").json()["data"]
        if not keys:
            self.call("POST", "/services/api-keys", {"name": "fuzz-key-0", "scope": "SERVICE"})
            keys = self.call("GET", "/services/api-keys").json()["data"]
        ids["key_id"] = keys[0]["key_id"]
        connections = self.call("GET", "/intranet-connection/requests").json()["data"]
        if not connections:
            created = self.call("POST", "/intranet-connection", fill(
                TEMPLATES[("POST", "/intranet-connection")], ids))
            connections = [created.json()] if created.status_code == 200 else []
        ids["connection_id"] = connections[0]["id"] if connections else "no-connection"
        return ids


class V1Fixture(Fixture):
    """A published model and a service using it, for the v1 routes' path ids."""

    version = "v1"

    def ensure(self) -> dict[str, str]:
        ids = self.ids
        if (ids and self.call("GET", f"/services/{ids['service_id']}").status_code == 200
                and self.call("GET", f"/models/{ids['model_id']}").status_code == 200):
            return ids
        listed = self.call("GET", "/services").json()["services"]
        if listed:
            self.call("DELETE", "/services/" + ",".join(s["service_id"] for s in listed))
        model = self.call("POST", "/models", {**V1_MODEL, "model_version": "1.0.0",
                                              "model_name": f"fuzz_model_{uuid.uuid4().hex[:8]}"})
        model_id = model.json()["model_id"]
        service = self.call("POST", "/services", fill(V1_SERVICE, {"model_id": model_id}))
        assert service.status_code == 200, service.text
        ids.clear()
        ids.update(model_id=model_id, service_id=service.json()["service_id"])
        return ids


fuzz_target = own_emulator("fuzz", ready_delay=0.0)


def run_fuzz(target, http, fixture, routes, prefix: str, version: str, unsupported, templates,
             fuzz: Fuzzer) -> Tally:
    """Send REQUESTS_PER_ROUTE_METHOD mutated requests per route and method; the answers."""
    tally, rng = Tally(), fuzz.rng
    for route in routes:
        template_path = route.path[len(prefix):]
        is_unsupported = route.path in unsupported
        for method in route.handlers:
            template = templates.get((method, template_path))
            alternatives = [body for (m, path), body in templates.items()
                            if m == method and path.startswith(template_path + "#")]
            for _ in range(REQUESTS_PER_ROUTE_METHOD):
                ids = fixture.ensure()
                path = fuzz.path(template_path, ids, real_share=0.7, safe="")
                query = [(rng.choice(QUERY_KEYS), rng.choice(STRINGS))
                         for _ in range(rng.randint(0, 3))]
                raw = fuzz.body(None if template is None else fill(template, ids),
                                [fill(body, ids) for body in alternatives])
                url, headers = sdk_signed(target, method, f"/{version}/{target.project_id}{path}",
                                          query, raw)
                response = http.request(method, url, headers=headers, content=raw)
                tally.record(method, path, query, raw, response, unserved=is_unsupported)
    return tally


def test_no_route_answers_5xx_to_malformed_signed_requests(fuzz_target):
    started = time.monotonic()
    with httpx.Client(timeout=10.0) as http:
        tally = run_fuzz(fuzz_target, http, Fixture(fuzz_target, http), urls.ROUTES, urls.PREFIX,
                         "v2", urls.UNSUPPORTED, TEMPLATES, fuzzer(SEED))
    elapsed = time.monotonic() - started
    assert tally.sent >= 1000, tally.sent
    # The fuzzer reaches the handlers: plenty of requests are accepted, plenty refused.
    seen = tally.seen
    assert seen[200] >= 100 and seen[400] >= 100 and seen[404] >= 100, seen
    tally.assert_clean(fuzz_target, elapsed, BUDGET_SECONDS)


def test_no_v1_route_answers_5xx_to_malformed_signed_requests(fuzz_target):
    started = time.monotonic()
    with httpx.Client(timeout=10.0) as http:
        tally = run_fuzz(fuzz_target, http, V1Fixture(fuzz_target, http), v1_urls.ROUTES,
                         v1_urls.PREFIX, "v1", v1_urls.UNSUPPORTED, V1_TEMPLATES, fuzzer(SEED + 1))
    elapsed = time.monotonic() - started
    assert tally.sent >= 12 * REQUESTS_PER_ROUTE_METHOD, tally.sent
    seen = tally.seen
    assert seen[200] >= 40 and seen[400] >= 100 and seen[404] >= 10 and seen[501] >= 20, seen
    tally.assert_clean(fuzz_target, elapsed, BUDGET_SECONDS)
