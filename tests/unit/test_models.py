"""Desired-state models: defaults, limits and the messages users see."""

import pytest
from pydantic import ValidationError

from inference_iac.core.spec import describe_errors
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.service import ServiceSpec

UNIT = {"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}
POOL = "pool-dedicated-0001"


def errors_of(model, data):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return dict(describe_errors(caught.value))


def test_service_defaults_are_production_safe():
    spec = ServiceSpec(name="svc")
    assert spec.runtime_config.service_invoke.auth_type == "API_KEY"
    assert spec.runtime_config.service_invoke.protocol == "HTTPS"
    assert spec.create_body()["group_configs"] == []


@pytest.mark.parametrize(
    "data,field,rule",
    [
        ({"name": "bad name!"}, "name", "pattern"),
        ({"name": "x" * 65}, "name", "pattern"),
        ({"name": "s", "type": "BATCH"}, "type", "REAL_TIME"),
        ({"name": "s", "description": "<b>"}, "description", "'<' or '>'"),
        ({"name": "s", "runtime_config": {"service_limit": {"request_size_limit": 51}}},
         "runtime_config.service_limit.request_size_limit", "50"),
        ({"name": "s", "runtime_config": {"service_limit": {"rate_limit": {"num": 0}}}},
         "runtime_config.service_limit.rate_limit.num", "greater than or equal to 1"),
        ({"name": "s", "tags": [{"key": "_sys_x"}]}, "tags[0].key", "_sys_"),
        ({"name": "s", "nmae": "typo"}, "nmae", "Extra inputs"),
    ],
)
def test_service_errors_name_field_and_rule(data, field, rule):
    errors = errors_of(ServiceSpec, data)
    assert field in errors, errors
    assert rule in errors[field]


def test_async_service_rejects_websocket():
    errors = errors_of(ServiceSpec, {"name": "s", "type": "ASYNC_REAL_TIME",
                                     "runtime_config": {"service_invoke": {"protocol": "WSS"}}})
    assert "asynchronous services accept only HTTP or HTTPS" in " ".join(errors.values())


@pytest.mark.parametrize(
    "overrides,field,rule",
    [
        ({"count": 0}, "count", "greater than or equal to 1"),
        ({"count": 129}, "count", "less than or equal to 128"),
        ({"weight": 101}, "weight", "less than or equal to 100"),
        ({"unit_configs": []}, "unit_configs", "at least 1"),
        ({"unit_configs": [{**UNIT, "envs": {"9LIVES": "x"}}]}, "unit_configs[0].envs", "not start with a digit"),
        ({"advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "150%"}}}},
         "advanced_config.upgrade_config.rolling_update.max_surge", "percentage"),
        ({"advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "0%", "max_unavailable": "0%"}}}},
         "advanced_config.upgrade_config.rolling_update.max_surge", "never progress"),
    ],
)
def test_deployment_errors_name_field_and_rule(overrides, field, rule):
    errors = errors_of(DeploymentSpec, {"service_id": "s", "name": "d", "pool_id": POOL, "unit_configs": [UNIT],
                                        **overrides})
    assert field in errors, errors
    assert rule in errors[field]


def test_live_projection_ignores_server_fields():
    live = {"id": "dep-1", "name": "d", "status": "RUNNING", "count": 2, "flavor": "x",
            "unit_configs": [{"image": {"swr_path": "a", "id": "img-1"}, "flavor": "f", "id": "unit-1"}], "create_at": "1"}
    spec = DeploymentSpec.from_api("svc-1", live)
    assert spec.count == 2 and spec.unit_configs[0].image.swr_path == "a"


def test_service_projection_reads_version_fields():
    live = {"id": "s1", "name": "svc", "type": "REAL_TIME", "deploy_type": "SINGLE", "workspace_id": "0",
            "version": {"description": "hello", "runtime_config": {"service_invoke": {"port": 9000, "protocol": "HTTP", "auth_type": "NONE"}}}}
    spec = ServiceSpec.from_api(live)
    assert spec.description == "hello"
    assert spec.runtime_config.service_invoke.port == 9000


# ----- every limit the platform enforces, refused at preview with the field path ------------------

def service(**overrides):
    return {"name": "svc", **overrides}


def invoke(**fields):
    return {"runtime_config": {"service_invoke": fields}}


@pytest.mark.parametrize("overrides,field,rule", [
    ({"workspace_id": "   "}, "workspace_id", "must not be blank"),
    ({"workspace_id": "w" * 65}, "workspace_id", "at most 64 characters"),
    ({"tags": [{"key": "  ", "value": "x"}]}, "tags[0].key", "must not be blank"),
    ({"tags": [{"key": "k" * 129}]}, "tags[0].key", "at most 128 characters"),
    ({"tags": [{"key": "team", "value": "v" * 257}]}, "tags[0].value", "at most 256 characters"),
    ({"tags": [{"key": f"k{i}"} for i in range(21)]}, "tags", "at most 20 items"),
    (invoke(elb_connection={"elb_id": " "}), "runtime_config.service_invoke.elb_connection.elb_id", "must not be blank"),
    (invoke(port=0), "runtime_config.service_invoke.port", "greater than or equal to 1"),
    (invoke(auth_type="IAM"), "runtime_config.service_invoke.auth_type", "'API_KEY'"),
    ({"runtime_config": {"service_limit": {"request_timeout": 7201}}},
     "runtime_config.service_limit.request_timeout", "less than or equal to 7200"),
    ({"runtime_config": {"service_limit": {"rate_limit": {"num": 10, "unit": "HOURS"}}}},
     "runtime_config.service_limit.rate_limit.unit", "'SECONDS'"),
    ({"runtime_config": {"service_limit": {"ip_white_list": ["10.0.0.0/8"], "ip_black_list": ["10.1.0.0/16"]}}},
     "runtime_config.service_limit.ip_black_list", "not together with ip_white_list"),
    ({"runtime_config": {"service_secret": {"secret_volumes": [{"secret_key": "k", "secret_value": "  ",
                                                                 "mount_path": "/s/"}]}}},
     "runtime_config.service_secret.secret_volumes[0].secret_value", "must not be blank"),
    ({"log_configs": [{"type": "FILE", "files": [{"log_path": "/var/log/", "file_pattern": "   "}]}]},
     "log_configs[0].files[0].file_pattern", "must not be blank"),
    ({"log_configs": [{"type": "STDOUT"}] * 4}, "log_configs", "at most 3 items"),
    ({"schedule": [{"time_unit": "DAYS", "duration": 8}]}, "schedule[0].duration",
     "between 1 minute and 7 days in all, got 8 days"),
    ({"schedule": [{"duration": 1}, {"duration": 2}]}, "schedule", "at most 1 item"),
    ({"upgrade_config": {"rolling_update": {"max_unavailable": "101%"}}},
     "upgrade_config.rolling_update.max_unavailable", "percentage"),
    ({"deploy_timeout_minutes": 301}, "deploy_timeout_minutes", "less than or equal to 300"),
    ({"task_type": "CHAT"}, "task_type", "'TEXT_GENERATION'"),
])
def test_service_limits_name_the_field(overrides, field, rule):
    errors = errors_of(ServiceSpec, service(**overrides))
    assert field in errors, errors
    assert rule in errors[field]


@pytest.mark.parametrize("overrides", [
    {"name": "推理服务-1"},  # letters, Chinese characters, digits, '-' and '_' (modelarts-api.md 4.2)
    {"name": "x" * 64},
    {"workspace_id": "0123456789abcdef0123456789abcdef"},
    {"tags": [{"key": "team", "value": ""}]},
    {"schedule": [{"time_unit": "DAYS", "duration": 7}]},
    {"runtime_config": {"service_limit": {"ip_black_list": ["10.1.0.0/16"]}}},
])
def test_service_values_at_the_limits_pass(overrides):
    ServiceSpec.model_validate(service(**overrides))


def deployment(**overrides):
    return {"service_id": "svc-1", "name": "main", "pool_id": POOL, "unit_configs": [UNIT], **overrides}


def unit(**overrides):
    return {"unit_configs": [{**UNIT, **overrides}]}


def probe(**fields):
    return unit(readiness_health=fields)


@pytest.mark.parametrize("overrides,field,rule", [
    # the public pool cannot take a deployment of its own
    ({"pool_id": None}, "pool_id", "must name a dedicated resource pool: the public pool cannot take an individual "
                                   "deployment"),
    ({"pool_id": "   "}, "pool_id", "must not be blank"),
    ({"pool_id": "p" * 129}, "pool_id", "at most 128 characters"),
    ({"service_id": "  "}, "service_id", "must not be blank"),
    # names: 1-128 letters, digits, '-' or '_'
    ({"name": "main deployment"}, "name", "pattern"),
    ({"name": "main.v1"}, "name", "pattern"),
    ({"name": "d" * 129}, "name", "at most 128 characters"),
    ({"description": "a <b> c"}, "description", "'<' or '>'"),
    ({"priority": 4}, "priority", "less than or equal to 3"),
    ({"mirror_traffic_weight": 101}, "mirror_traffic_weight", "less than or equal to 100"),
    ({"framework": "TGI"}, "framework", "'COMMON'"),
    ({"schedule_strategy": "SPREAD"}, "schedule_strategy", "'HIGH_AVAILABILITY'"),
    ({"secret_type": "dew", "secret_name": "   "}, "secret_name", "must not be blank"),
    # image
    (unit(image={"swr_path": "   "}), "unit_configs[0].image.swr_path", "must not be blank"),
    (unit(image={"swr_path": "s" * 1025}), "unit_configs[0].image.swr_path", "at most 1024 characters"),
    (unit(image={"swr_path": "a:1", "id": "i" * 65}), "unit_configs[0].image.id", "at most 64 characters"),
    (unit(image={"swr_path": "a:1", "source": "DOCKER"}), "unit_configs[0].image.source", "'SWR'"),
    # resources
    (unit(flavor="custom"), "unit_configs[0].custom_spec", "required when flavor is 'custom'"),
    (unit(flavor="  "), "unit_configs[0].flavor", "must not be blank"),
    (unit(flavor="custom", custom_spec={"cpu": 1, "memory": 3}), "unit_configs[0].custom_spec.memory",
     "greater than or equal to 4"),
    (unit(flavor="custom", custom_spec={"cpu": 0.001, "memory": 4096}), "unit_configs[0].custom_spec.cpu",
     "greater than or equal to 0.01"),
    (unit(count=129), "unit_configs[0].count", "less than or equal to 128"),
    (unit(group_count=101), "unit_configs[0].group_count", "less than or equal to 100"),
    (unit(name="Prefill"), "unit_configs[0].name", "pattern"),
    (unit(cmd="x" * 4097), "unit_configs[0].cmd", "at most 4096 characters"),
    (unit(port=65536), "unit_configs[0].port", "less than or equal to 65535"),
    (unit(recovery="Node"), "unit_configs[0].recovery", "'Instance'"),
    # env names and values
    (unit(envs={"MY VAR": "x"}), "unit_configs[0].envs", "1-64 of [A-Za-z0-9_.-]"),
    (unit(envs={"E" * 65: "x"}), "unit_configs[0].envs", "1-64 of [A-Za-z0-9_.-]"),
    (unit(envs={"PAGE": "<p>hi</p>"}), "unit_configs[0].envs", "must not contain HTML ('<' or '>')"),
    # probes
    (probe(url="/health", initial_delay_seconds=0), "unit_configs[0].readiness_health.initial_delay_seconds",
     "greater than or equal to 1"),
    (probe(url="/health", period_seconds=2**31), "unit_configs[0].readiness_health.period_seconds",
     "less than or equal to 2147483647"),
    (probe(url="/health", failure_threshold=0), "unit_configs[0].readiness_health.failure_threshold",
     "greater than or equal to 1"),
    (probe(url="health"), "unit_configs[0].readiness_health.url", "pattern"),
    (probe(url="/health?full=1"), "unit_configs[0].readiness_health.url", "pattern"),
    (probe(check_method="HTTP"), "unit_configs[0].readiness_health.url", "required when check_method is HTTP"),
    (probe(check_method="EXEC"), "unit_configs[0].readiness_health.cmd", "required when check_method is EXEC"),
    (probe(check_method="EXEC", cmd="   "), "unit_configs[0].readiness_health.cmd", "must not be blank"),
    (probe(check_method="EXEC", cmd="test -f /tmp/ready && echo ok"), "unit_configs[0].readiness_health.cmd",
     "must not contain &"),
    (probe(check_method="EXEC", cmd="cat $HOME/ready"), "unit_configs[0].readiness_health.cmd", "must not contain $"),
    (probe(check_method="TCP", url="/h"), "unit_configs[0].readiness_health.check_method", "'HTTP'"),
    # graceful shutdown
    (unit(termination_grace={"pre_stop_cmd": "s" * 256}), "unit_configs[0].termination_grace.pre_stop_cmd",
     "at most 255 characters"),
    (unit(termination_grace={"termination_grace_period_seconds": 3601}),
     "unit_configs[0].termination_grace.termination_grace_period_seconds", "less than or equal to 3600"),
    # mounts
    (unit(files=[{"source": "OBS", "mount_path": f"/d{i}/"} for i in range(16)]), "unit_configs[0].files",
     "at most 15 items"),
    (unit(models=[{"source": "OBS", "mount_path": f"/m{i}/"} for i in range(16)]), "unit_configs[0].models",
     "at most 15 items"),
    (unit(dumps=[{"source": "OBSFS", "mount_path": f"/o{i}/"} for i in range(11)]), "unit_configs[0].dumps",
     "at most 10 items"),
    (unit(files=[{"source": "OBS", "mount_path": "/data"}]), "unit_configs[0].files[0].mount_path",
     "must start and end with '/'"),
    (unit(files=[{"source": "OBS", "mount_path": "/my data/"}]), "unit_configs[0].files[0].mount_path",
     "only letters, digits"),
    (unit(files=[{"source": "OBS", "mount_path": "/" + "d" * 254 + "/"}]), "unit_configs[0].files[0].mount_path",
     "at most 255 characters"),
    (unit(files=[{"source": "OBS", "mount_path": "/d/", "address": "obs://" + "b" * 1020}]),
     "unit_configs[0].files[0].address", "at most 1024 characters"),
    (unit(files=[{"source": "NFS", "mount_path": "/d/"}]), "unit_configs[0].files[0].source", "'OBS'"),
    (unit(files=[{"source": "OBS", "mount_path": "/d/", "os_warm_up": True, "source_name": "  "}]),
     "unit_configs[0].files[0].source_name", "must not be blank"),
    (unit(files=[{"source": "OBS", "mount_path": "/d/", "os_warm_up": True, "source_name": "n" * 65}]),
     "unit_configs[0].files[0].source_name", "at most 64 characters"),
    (unit(files=[{"source": "OBS", "mount_path": "/d/", "os_warm_up": True}]),
     "unit_configs[0].files[0].source_name", "required when os_warm_up is true"),
    (unit(dumps=[{"source": "EFS", "mount_path": "/d/"}]), "unit_configs[0].dumps[0].source", "'OBS'"),
    (unit(files=[{"source": "OBS", "mount_path": "/data/"}], dumps=[{"source": "OBS", "mount_path": "/data/"}]),
     "unit_configs[0].dumps[0].mount_path", "already the mount path of files[0]"),
    (unit(files=[{"source": "OBS", "mount_path": "/a/"}, {"source": "EFS", "mount_path": "/a/"}]),
     "unit_configs[0].files[1].mount_path", "already the mount path of files[0]"),
    # upgrade pace: both counts rounding to 0 leaves the upgrade nothing to do
    ({"advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "0%", "max_unavailable": "1%"}}}},
     "advanced_config.upgrade_config.rolling_update.max_unavailable", "1% of 1 replica(s) rounds down to 0"),
    ({"count": 3, "advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "0%",
                                                                           "max_unavailable": "25%"}}}},
     "advanced_config.upgrade_config.rolling_update.max_unavailable", "25% of 3 replica(s) rounds down to 0"),
    ({"advanced_config": {"port": 0}}, "advanced_config.port", "greater than or equal to 1"),
    ({"advanced_config": {"protocol": "UDP"}}, "advanced_config.protocol", "'HTTP'"),
    ({"advanced_config": {"deploy_timeout_minutes": 301}}, "advanced_config.deploy_timeout_minutes",
     "less than or equal to 300"),
    ({"advanced_config": {"strategy": "RANDOM"}}, "advanced_config.strategy", "'ROUND_ROBIN'"),
    ({"advanced_config": {"metric_api_port": "70000"}}, "advanced_config.metric_api_port", "pattern"),
    ({"advanced_config": {"custom_metrics_path": "metrics"}}, "advanced_config.custom_metrics_path", "pattern"),
])
def test_deployment_limits_name_the_field(overrides, field, rule):
    errors = errors_of(DeploymentSpec, deployment(**overrides))
    assert field in errors, errors
    assert rule in errors[field]


@pytest.mark.parametrize("overrides", [
    {"name": "d" * 128},
    {"name": "main_v1-2"},
    {"pool_id": "p" * 128},
    unit(flavor="custom", custom_spec={"cpu": 0.01, "memory": 4}),
    unit(count=128, cmd="c" * 4096),
    unit(envs={"REGEX": "^v[0-9]+$", "_X.Y-Z": ""}),  # '^' is not HTML
    probe(url="/v1/health:ready", initial_delay_seconds=1, period_seconds=2**31 - 1),
    probe(check_method="EXEC", cmd="sh /home/ma-user/health.sh"),
    unit(termination_grace={"pre_stop_cmd": "sleep 5", "termination_grace_period_seconds": 3600}),
    unit(files=[{"source": "obs", "mount_path": f"/d{i}/"} for i in range(15)],
         dumps=[{"source": "obsfs", "mount_path": f"/o{i}/"} for i in range(10)]),
    unit(files=[{"source": "OBS", "mount_path": "/"}]),
    {"count": 4, "advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "0%",
                                                                          "max_unavailable": "25%"}}}},
    {"count": 100, "advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "0%",
                                                                            "max_unavailable": "1%"}}}},
    {"advanced_config": {"strategy": "SLO_BASED", "metric_api_port": "9090",
                         "custom_metrics_path": "https,9090,metrics"}},
])
def test_deployment_values_at_the_limits_pass(overrides):
    DeploymentSpec.model_validate(deployment(**overrides))


def test_storage_sources_are_case_insensitive():
    spec = DeploymentSpec.model_validate(deployment(**unit(files=[{"source": "obs", "mount_path": "/d/"}],
                                                           dumps=[{"source": "obsfs", "mount_path": "/o/"}])))
    assert (spec.unit_configs[0].files[0].source, spec.unit_configs[0].dumps[0].source) == ("OBS", "OBSFS")


def test_a_live_deployment_on_the_public_pool_still_reads():
    # Inputs must name a dedicated pool; what already runs (e.g. imported) must still show up as drift.
    live = {"id": "dep-1", "name": "d", "count": 1, "unit_configs": [UNIT],
            "advanced_config": {"upgrade_config": {"rolling_update": {"max_surge": "0%", "max_unavailable": "1%"}}}}
    spec = DeploymentSpec.from_api("svc-1", live)
    assert spec.pool_id is None and spec.count == 1
    with pytest.raises(ValidationError):  # the same values as inputs are refused
        DeploymentSpec.model_validate({k: v for k, v in live.items() if k != "id"} | {"service_id": "svc-1"})
