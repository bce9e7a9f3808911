"""IntranetConnectionSpec: scene rules, custom-URL limits, projection of API responses."""

import pytest
from pydantic import ValidationError

from inference_iac.core.spec import describe_errors
from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec, custom_url_problem


def spec(**overrides):
    return IntranetConnectionSpec.model_validate({"service_id": "svc-1", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
                                                  **overrides})


def test_defaults_and_create_body_leave_out_the_label():
    connection = spec(name="conn", custom_urls=["https://api.example.com/v1"])
    assert connection.scene == "VPC" and connection.type == "SERVICE"
    assert connection.create_body() == {"service_id": "svc-1", "scene": "VPC", "type": "SERVICE", "vpc_id": "vpc-1",
                                        "subnet_id": "subnet-1", "custom_urls": ["https://api.example.com/v1"]}


@pytest.mark.parametrize("overrides,message", [
    ({"subnet_id": None}, "subnet_id: required for scene VPC"),
    ({"pool_id": "pool-1"}, "pool_id: not used in scene VPC"),
    ({"scene": "POOL"}, "pool_id: required for scene POOL"),
    ({"scene": "POOL", "pool_id": "p", "vpc_id": None, "subnet_id": "s"}, "subnet_id: not used in scene POOL"),
    ({"scene": "VPN"}, "'VPC' or 'POOL'"),
    ({"service_id": ""}, "should match pattern"),
    ({"custom_urls": [f"https://h{i}.example.com/" for i in range(11)]}, "at most 10 items"),
    ({"custom_urls": ["https://a.example.com/", "https://a.example.com/"]}, "must not repeat"),
    ({"custom_urls": ["gopher://a.example.com/"]}, "custom_urls[0] 'gopher://a.example.com/'"),
    ({"unknown": 1}, "Extra inputs are not permitted"),
])
def test_invalid_inputs_name_the_rule(overrides, message):
    with pytest.raises(ValidationError) as caught:
        spec(**overrides)
    assert message in str(caught.value)


def test_pool_scene_needs_only_the_pool():
    assert IntranetConnectionSpec(service_id="s", scene="POOL", pool_id="pool-1").pool_id == "pool-1"


@pytest.mark.parametrize("url,problem", [
    ("https://api.example.com/v1/chat", None),
    ("wss://stream.example.org", None),
    ("http://10.1.2.3:8080/predict", None),
    ("https://api.example.com:8443/x_y/z.json", None),
    ("http://10.1.2.3/predict", "needs a port"),
    ("https://api.example.c0m/", "top-level domain"),
    ("https://-api.example.com/", "domain must be"),
    ("https://localhost/", "domain must be"),
    ("https://" + "a" * 60 + ".example.com/", "domain must be"),
    ("https://api.example.com:70000/", "port must be"),
    ("https://api.example.com/a?b=c", "must look like"),
    ("https://api.example.com/" + "a" * 1024, "at most 1024"),
])
def test_custom_url_rules(url, problem):
    found = custom_url_problem(url)
    assert (found is None) if problem is None else (problem in found)


def test_projection_from_api_keeps_only_the_scene_network():
    live = {"id": "ic-1", "status": "CONNECTED", "scene": "POOL", "type": "SERVICE", "service_id": "svc-1",
            "pool_id": "pool-1", "vpc_id": "vpc-of-the-pool", "custom_url_list": ["https://a.example.com/"],
            "url_list": ["https://x"], "dispatcher_group_id": "svc-1", "create_at": "1"}
    projected = IntranetConnectionSpec.from_api(live, name="conn")
    assert projected.body() == {"name": "conn", "service_id": "svc-1", "scene": "POOL", "type": "SERVICE",
                                "pool_id": "pool-1", "dispatcher_group_id": "svc-1",
                                "custom_urls": ["https://a.example.com/"]}


def problems(**overrides):
    with pytest.raises(ValidationError) as caught:
        spec(**overrides)
    return dict(describe_errors(caught.value))


@pytest.mark.parametrize("overrides,field,rule", [
    ({"vpc_id": None}, "vpc_id", "required for scene VPC"),
    ({"subnet_id": None}, "subnet_id", "required for scene VPC"),
    ({"pool_id": "pool-1"}, "pool_id", "not used in scene VPC"),
    ({"scene": "POOL", "vpc_id": None, "subnet_id": None}, "pool_id", "required for scene POOL"),
    ({"scene": "POOL", "pool_id": "pool-1", "subnet_id": None}, "vpc_id", "not used in scene POOL"),
    # ids: 1-64 letters, digits, '.', '_' or '-'
    ({"service_id": "svc 1"}, "service_id", "pattern"),
    ({"vpc_id": "v" * 65}, "vpc_id", "pattern"),
    ({"subnet_id": "   "}, "subnet_id", "pattern"),
    ({"scene": "POOL", "vpc_id": None, "subnet_id": None, "pool_id": "pool/1"}, "pool_id", "pattern"),
    ({"dispatcher_group_id": "group#1"}, "dispatcher_group_id", "pattern"),
    ({"type": "PROJECT"}, "type", "'SERVICE' or 'GLOBAL'"),
])
def test_rules_are_reported_under_their_field(overrides, field, rule):
    found = problems(**overrides)
    assert field in found and rule in found[field], found


def test_ids_at_the_limits_pass():
    made = spec(service_id="0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", vpc_id="v" * 64, subnet_id="subnet.a_1",
                dispatcher_group_id="group-1")
    assert made.vpc_id == "v" * 64


@pytest.mark.parametrize("url", [
    "https://api.example.com/v1/chat", "wss://stream.example.org", "http://10.1.2.3:8080/predict",
    "http://10.1.2.3/predict", "https://api.example.c0m/", "https://-api.example.com/", "https://localhost/",
    "https://api.example.com:70000/", "https://api.example.com:0/", "https://api.example.com/a?b=c",
    "https://api.example.com/" + "a" * 1024, "ftp://a.example.com/", "https://a..example.com/", "",
    "https://" + "a" * 60 + ".example.com/", "https://api.example.com/a b", "HTTPS://api.example.com/",
])
def test_custom_url_rules_are_the_apis(url):
    # The emulator restates the documented API; the model must judge every URL the same way.
    from inference_iac.emulator.modelarts.handlers.intranet_connections import url_problem

    assert (custom_url_problem(url) is None) == (url_problem(url) is None)
