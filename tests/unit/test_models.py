"""Desired-state models: defaults, limits and the messages users see."""

import pytest
from pydantic import ValidationError

from inference_iac.core.spec import describe_errors
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.service import ServiceSpec

UNIT = {"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}


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
         "advanced_config.upgrade_config.rolling_update", "never progress"),
    ],
)
def test_deployment_errors_name_field_and_rule(overrides, field, rule):
    errors = errors_of(DeploymentSpec, {"service_id": "s", "name": "d", "unit_configs": [UNIT], **overrides})
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
