"""unit_configs validation depth: each bad value is a 400 naming the field path and the rule."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import (
    CreateInferDeploymentRequest,
    CreateInferServiceRequest,
    CustomResourceSpec,
    Dump,
    FileInfo,
    Health,
    ModelResource,
    TerminationGrace,
)

from modelarts_sdk_helpers import group_config, new_service, service_body, unique_name


@pytest.fixture
def service_id(client):
    # Function-scoped: the `client` fixture deletes every service after each test.
    return new_service(client)


def probe(**overrides):
    fields = dict(check_method="HTTP", url="/health", initial_delay_seconds=30, timeout_seconds=30,
                  period_seconds=10, failure_threshold=3)
    return Health(**{**fields, **overrides})


def files(*mounts):
    return [FileInfo(source=source, address="obs://bucket/data/", mount_path=path)
            for source, path in mounts]


VALID = {
    "readiness_health": probe(),
    "liveness_health": probe(check_method="EXEC", url=None, cmd="sh /home/ma-user/check.sh"),
    "startup_health": probe(url="/v1/models:ready", failure_threshold=1800),
    "files": files(("obs", "/data/"), ("EFS", "/shared/x_1/")),
    "models": [ModelResource(source="OBSFS", address="obs://b/m/", mount_path="/models/",
                             os_warm_up=True, source_name="warm-1")],
    "dumps": [Dump(source="OBS", address="obs://b/d/", mount_path="/dump/")],
    "custom_spec": CustomResourceSpec(cpu=0.5, memory=4096, gpu=0.25, arch="x86"),
    "termination_grace": TerminationGrace(pre_stop_cmd="sleep 5",
                                          termination_grace_period_seconds=60),
    "envs": {"MODEL_PATH": "/models", "a.b-c_d": "1", "_X": ""},
    "count": 128,
}

INVALID = [
    ("readiness_health", probe(period_seconds=0), "readiness_health.period_seconds",
     "between 1 and"),
    ("startup_health", probe(initial_delay_seconds=-1), "startup_health.initial_delay_seconds",
     "between 1 and"),
    ("liveness_health", probe(timeout_seconds=2**31), "liveness_health.timeout_seconds",
     "between 1 and"),
    ("readiness_health", probe(failure_threshold=0), "readiness_health.failure_threshold",
     "between 1 and"),
    ("readiness_health", probe(check_method="TCP"), "readiness_health.check_method",
     "one of HTTP, EXEC"),
    ("readiness_health", probe(url="health"), "readiness_health.url", "must start with '/'"),
    ("liveness_health", probe(check_method="EXEC", url=None), "liveness_health.cmd", "Missing"),
    ("liveness_health", probe(check_method="EXEC", cmd="rm -rf $HOME"), "liveness_health.cmd",
     "must not contain"),
    ("files", files(("NFS", "/data/")), "files[0].source", "one of OBS, OBSFS, EFS, LOCAL"),
    ("files", files(("OBS", "/data")), "files[0].mount_path", "start and end with '/'"),
    ("files", files(("OBS", "data/")), "files[0].mount_path", "start and end with '/'"),
    ("files", files(("OBS", "/" + "a" * 254 + "/")), "files[0].mount_path", "at most 255"),
    ("files", files(*[("OBS", f"/d{i}/") for i in range(16)]), "files", "at most 15"),
    ("files", files(("OBS", "/same/"), ("OBS", "/same/")), "files[1].mount_path", "already used"),
    ("models", [ModelResource(source="OBS", mount_path="/m/", os_warm_up=True)],
     "models[0].source_name", "Missing"),
    ("dumps", [Dump(source="EFS", mount_path="/dump/")], "dumps[0].source", "one of OBS, OBSFS"),
    ("custom_spec", CustomResourceSpec(cpu=0.001, memory=4096), "custom_spec.cpu",
     "at least 0.01"),
    ("custom_spec", CustomResourceSpec(cpu=1, memory=2), "custom_spec.memory", "between 4"),
    ("custom_spec", CustomResourceSpec(cpu=1, memory=4096, gpu=-1), "custom_spec.gpu",
     "not be negative"),
    ("custom_spec", CustomResourceSpec(cpu=1, memory=4096, arch="sparc"), "custom_spec.arch",
     "one of x86, arm64"),
    ("termination_grace", TerminationGrace(termination_grace_period_seconds=-1),
     "termination_grace.termination_grace_period_seconds", "between 0 and 3600"),
    ("termination_grace", TerminationGrace(pre_stop_cmd="x" * 256),
     "termination_grace.pre_stop_cmd", "0 to 255"),
    ("envs", {"1ABC": "x"}, "envs.1ABC", "not starting with a digit"),
    ("envs", {"A B": "x"}, "envs.A B", "letters, digits"),
    ("envs", {"K" * 65: "x"}, "envs." + "K" * 65, "1-64"),
    ("envs", {"HTML": "<p>"}, "envs.HTML", "HTML"),
    ("count", 0, "count", "between 1 and 128"),
    ("count", 129, "count", "between 1 and 128"),
]


def create(client, service_id, name, **unit_fields):
    config = group_config(name)
    for key, value in unit_fields.items():
        setattr(config.unit_configs[0], key, value)
    return client.create_infer_deployment(CreateInferDeploymentRequest(service_id=service_id,
                                                                       body=config))


def test_a_fully_specified_unit_is_accepted_and_echoed(client, service_id):
    created = create(client, service_id, "full", **VALID)
    echoed = created.unit_configs[0]
    assert echoed.readiness_health.period_seconds == 10 and echoed.custom_spec.memory == 4096
    assert [f.mount_path for f in echoed.files] == ["/data/", "/shared/x_1/"]


@pytest.mark.parametrize("field,value,path,rule", INVALID,
                         ids=[f"{c[2]}:{c[3]}"[:60] for c in INVALID])
def test_invalid_unit_fields_are_400(client, service_id, field, value, path, rule):
    with pytest.raises(ClientRequestException) as raised:
        create(client, service_id, "bad", **{field: value})
    assert raised.value.status_code == 400
    assert f"unit_configs[0].{path}" in raised.value.error_msg
    assert rule in raised.value.error_msg


def test_custom_flavor_needs_a_spec_and_a_dedicated_pool(client, service_id):
    with pytest.raises(ClientRequestException) as raised:
        create(client, service_id, "custom", flavor="custom")
    assert "unit_configs[0].custom_spec" in raised.value.error_msg
    config = group_config("custom")
    config.pool_id = None
    config.unit_configs[0].custom_spec = CustomResourceSpec(cpu=1, memory=4096)
    with pytest.raises(ClientRequestException) as raised:
        client.create_infer_service(CreateInferServiceRequest(
            body=service_body(unique_name(), [config])))
    assert "group_configs[0].unit_configs[0].custom_spec" in raised.value.error_msg
    assert "dedicated pool" in raised.value.error_msg
