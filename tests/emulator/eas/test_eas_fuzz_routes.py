"""A bounded, seeded fuzzer over every EAS route: no answer may be a 5xx (but the 501 of the
operations the emulator does not serve).

Every request is correctly signed by the official SDK's signer and names its operation in
x-acs-action, so it reaches the handlers: malformed bodies (valid bodies with one field
replaced by a value of a random type, arrays for objects, huge numbers, unicode, empty, random
JSON, bytes that are no JSON), malformed query parameters (JSON-in-query values included) and
path parameters (real names and ids, or junk, percent-encoded as the SDK does).
"""

from __future__ import annotations

import json
import time

import httpx

from eas_sdk_helpers import REGION, sdk_signed
from emulators import own_emulator
from inference_iac.emulator.eas import urls
from inference_iac.emulator.testing import RunningEmulator
from route_fuzzer import Fuzzer, Tally, deep_nesting, fill

SEED = 20261202
REQUESTS_PER_SERVED_OPERATION = 20
REQUESTS_PER_UNSERVED_OPERATION = 2
BUDGET_SECONDS = 60
SERVICE, OTHER, GROUP = "fuzz_svc", "fuzz_other", "fuzz_grp"
VPC, VSWITCH = "vpc-fuzz1", "vsw-fuzz1"

SERVICE_JSON = {"name": SERVICE, "token": "fuzz-token",
                "metadata": {"instance": 2, "cpu": 1, "memory": 1000, "group": GROUP,
                             "rolling_strategy": {"max_surge": 1, "max_unavailable": 0},
                             "rpc.keepalive": 5000},
                "containers": [{"image": "registry.example/echo:v1", "script": "python app.py",
                                "port": 8000, "env": [{"name": "A", "value": "1"}]}],
                "storage": [{"oss": {"path": "oss://bucket/model/", "readOnly": True},
                             "mount_path": "/data"}],
                "cloud": {"networking": {"vpc_id": "vpc-1", "vswitch_id": "vsw-1"}}}
AUTOSCALER = {"min": 1, "max": 4, "scaleStrategies": [{"metricName": "qps", "threshold": 10}],
              "behavior": {"onZero": {"scaleDownGracePeriodSeconds": 600},
                           "scaleDown": {"stabilizationWindowSeconds": 300}}}
CRONSCALER = {"ScaleJobs": [{"Name": "am", "Schedule": "0 0 8 * * *", "TargetSize": 2}],
              "ExcludeDates": ["* * * * * 0,6"]}
MIRROR = {"Ratio": 20, "Target": [OTHER]}
TEMPLATES = {
    "CreateService": {**SERVICE_JSON, "name": "fuzz_new"},
    "UpdateService": {"metadata": {"instance": 3}, "containers": [{"image": "x:v2", "port": 8000}]},
    "CloneService": {"name": "fuzz_clone", "metadata": {"instance": 1}},
    "UpdateServiceVersion": {"Version": 1},
    "ReleaseService": {"Weight": 50, "TrafficState": "grouping"},
    "UpdateServiceLabel": {"Labels": {"env": "fuzz"}},
    "UpdateServiceSafetyLock": {"Lock": "none"},
    "CreateServiceMirror": MIRROR, "UpdateServiceMirror": MIRROR,
    "CreateServiceAutoScaler": AUTOSCALER, "UpdateServiceAutoScaler": AUTOSCALER,
    "CreateServiceCronScaler": CRONSCALER, "UpdateServiceCronScaler": CRONSCALER,
    "UpdateServiceInstance": {"Isolate": True},
    "CreateGateway": {"InstanceType": "2c4g", "Name": "fuzz", "Replicas": 2,
                      "EnableInternet": True},
    "UpdateGateway": {"Name": "renamed", "Replicas": 3, "IsDefault": True},
}
PEERS = json.dumps([{"Region": "cn-hangzhou", "VpcId": "vpc-peer1"}], separators=(",", ":"))
ACL = json.dumps([{"Entry": "10.0.0.0/8", "Comment": "c"}], separators=(",", ":"))
DOMAIN = json.dumps({"Domain": "api.example.com", "Type": "internet"}, separators=(",", ":"))
QUERIES = {
    "CreateService": {"Labels": '{"a":"b"}', "WorkspaceId": "1", "Develop": "false"},
    "ListServices": {"Filter": "fuzz", "Label": '{"env":"fuzz"}', "PageSize": "5",
                     "Order": "asc", "Sort": "CreateTime", "ServiceStatus": "Running"},
    "UpdateService": {"UpdateType": "merge"},
    "DeleteServiceLabel": {"Keys": "env,team"},
    "DeleteServiceInstances": {"InstanceList": "{instance}", "SoftRestart": "True"},
    "DescribeServiceEvent": {"PageNum": "1", "PageSize": "5", "EventType": "Normal",
                             "StartTime": "2024-11-20 00:00:00"},
    "DescribeServiceLog": {"Keyword": "Running", "PageNum": "1"},
    "ListServiceInstances": {"InstanceStatus": "Running", "Order": "desc", "IsSpot": "False"},
    "CreateGatewayIntranetLinkedVpc": {"VpcId": VPC, "VSwitchId": VSWITCH,
                                       "EnableAuthoritativeDns": "True"},
    "DeleteGatewayIntranetLinkedVpc": {"VpcId": VPC, "VSwitchId": VSWITCH},
    "CreateGatewayIntranetLinkedVpcPeer": {"VpcId": VPC, "PeerVpcs": PEERS},
    "DeleteGatewayIntranetLinkedVpcPeer": {"VpcId": VPC, "PeerVpcs": PEERS},
    "ListGatewayIntranetLinkedVpcPeer": {"VpcId": VPC},
    "CreateAclPolicy": {"VpcId": VPC, "AclPolicyList": ACL},
    "DeleteAclPolicy": {"VpcId": VPC, "AclPolicyList": ACL},
    "ListAclPolicy": {"VpcId": VPC},
    "AttachGatewayDomain": {"CustomDomain": DOMAIN},
    "DetachGatewayDomain": {"CustomDomain": DOMAIN},
    "ListGroups": {"Filter": "fuzz", "PageNumber": "1", "PageSize": "10"},
    "ListGateway": {"PageSize": "10"},
}
QUERY_KEYS = sorted({key for query in QUERIES.values() for key in query} | {
    "PageNumber", "GatewayId", "GatewayName", "ResourceName", "ServiceName", "GroupName",
    "Gateway", "ResourceType", "Role", "ServiceType", "EndTime", "InstanceName", "HostIP",
    "InstanceIP", "InstanceType", "Container", "Exit", "ServiceUid", "QuotaId"})
STRINGS = ["", " ", "a", "Running", "asc", "desc", "0", "-1", "1e3", "9" * 30, "null", "true",
           "True", "FALSE", "√∂中文", "😀", "\x00", "%00", "%2F", "../..", "a=b,c", "x" * 3000,
           "<script>", "'; DROP TABLE documents; --", "{", "[]", '{"a":1}', '[{"VpcId":1}]',
           '{"Domain":5}', "\u202e", "2024-13-45 99:99:99", "vpc-", "gw-x"]


HOSTILE = (lambda: float("nan"), lambda: float("inf"), lambda: "\ud800", lambda: 10**30,
           deep_nesting)
OBJECT_KEYS = ["name", "metadata", "containers", "instance", "Weight", "Labels", "Lock", "Ratio",
               "Target", "min", "max", "scaleStrategies", "ScaleJobs", "Version", "InstanceType"]
JUNK_IDS = ["x", "0" * 64, "fuzz_svc ", "FUZZ_SVC", "cn-hangzhou"]


class Fixture:
    """Real resources whose names and ids go into paths; recreated when a request removed them."""

    def __init__(self, emu: RunningEmulator, http: httpx.Client):
        self.emu, self.http = emu, http
        self.ids: dict[str, str] = {}
        self.calls = 0

    def call(self, method, path, action, body=None, query=()):
        raw = b"" if body is None else json.dumps(body).encode()
        url, headers = sdk_signed(self.emu, method, path, list(query), raw, action)
        return self.http.request(method, url, headers=headers, content=raw)

    def service_path(self, name, sub=""):
        return f"/api/v2/services/{REGION}/{name}" + (f"/{sub}" if sub else "")

    def ensure(self) -> dict[str, str]:
        self.calls += 1
        described = self.call("GET", self.service_path(SERVICE), "DescribeService")
        if described.status_code != 200 or described.json()["Status"] not in (
                "Running", "Updating", "Scaling", "Failed", "Waiting", "Stopped"):
            self._reset()
        elif described.json()["SafetyLock"] != "none":
            self.call("PUT", self.service_path(SERVICE, "lock"), "UpdateServiceSafetyLock",
                      {"Lock": "none"})
        if self.calls % 8 == 1 or "instance" not in self.ids:
            self._refresh()
        return self.ids

    def _reset(self):
        listed = self.call("GET", "/api/v2/services", "ListServices",
                           query=[("PageSize", "1000")]).json()["Services"]
        for service in listed:
            if service["SafetyLock"] != "none":
                self.call("PUT", self.service_path(service["ServiceName"], "lock"),
                          "UpdateServiceSafetyLock", {"Lock": "none"})
            self.call("DELETE", self.service_path(service["ServiceName"]), "DeleteService")
        for name in (SERVICE, OTHER):
            self.call("POST", "/api/v2/services", "CreateService", {**SERVICE_JSON, "name": name})

    def _refresh(self):
        gateways = self.call("GET", "/api/v2/gateways", "ListGateway").json()["Gateways"]
        running = [g for g in gateways if g["Status"] == "Running"]
        if not running:
            gateway = self.call("POST", "/api/v2/gateways", "CreateGateway",
                                TEMPLATES["CreateGateway"]).json()["GatewayId"]
        else:
            gateway = running[0]["GatewayId"]
        path = f"/api/v2/gateways/{REGION}/{gateway}/intranet_endpoint_linked_vpc"
        self.call("POST", path, "CreateGatewayIntranetLinkedVpc",
                  query=[("VpcId", VPC), ("VSwitchId", VSWITCH)])
        listed = self.call("GET", self.service_path(SERVICE, "instances"),
                           "ListServiceInstances").json().get("Instances") or [{}]
        self.ids.update(ClusterId=REGION, ServiceName=SERVICE, GroupName=GROUP, GatewayId=gateway,
                        InstanceName=listed[0].get("InstanceName", "none"),
                        instance=listed[0].get("InstanceName", "none"), TaskName="t",
                        ResourceId="eas-r-1", InstanceId="i-1", AddonName="a",
                        VirtualResourceId="vr-1")


fuzz_target = own_emulator("eas-fuzz", ready_delay=0.0)


def test_no_eas_route_answers_5xx_to_malformed_signed_requests(fuzz_target):
    fuzz = Fuzzer(SEED, STRINGS, OBJECT_KEYS, HOSTILE, JUNK_IDS)
    rng, tally, started = fuzz.rng, Tally(), time.monotonic()
    with httpx.Client(timeout=10.0) as http:
        fixture = Fixture(fuzz_target, http)
        for route in urls.ROUTES:
            for method, operation in route.operations.items():
                served = operation.handler is not None
                count = REQUESTS_PER_SERVED_OPERATION if served else REQUESTS_PER_UNSERVED_OPERATION
                for _ in range(count):
                    ids = fixture.ensure()
                    path = fuzz.path(route.path, ids, real_share=0.75, safe="~")
                    query = {k: fill(v, ids) for k, v in QUERIES.get(operation.action, {}).items()}
                    if rng.random() < 0.6:
                        for key in rng.sample(QUERY_KEYS, rng.randint(1, 3)):
                            query[key] = rng.choice(STRINGS)
                    raw = fuzz.body(TEMPLATES.get(operation.action), verbatim_below=0.9)
                    url, headers = sdk_signed(fuzz_target, method, path, list(query.items()), raw,
                                              operation.action)
                    response = http.request(method, url, headers=headers, content=raw)
                    tally.record(method, path, query, raw, response, unserved=not served)
                    body = response.json()
                    assert isinstance(body, dict) and (body.get("RequestId")
                                                       or body.get("requestId")), body
    elapsed = time.monotonic() - started
    seen = tally.seen
    print(f"EAS fuzzer: {tally.sent} requests in {elapsed:.1f} s: {dict(seen)}")
    assert tally.sent >= 1000, tally.sent
    # The fuzzer reaches the handlers: plenty of requests are accepted, plenty refused.
    assert seen[200] >= 200 and seen[400] >= 200 and seen[404] >= 50, seen
    tally.assert_clean(fuzz_target, elapsed, BUDGET_SECONDS)
