"""Helpers shared by test modules (pytest puts this directory on sys.path)."""

from __future__ import annotations

import httpx
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from inference_iac.modelarts.client import ClientConfig, ModelArtsClient


def logged_transport(handler) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A mock server answering `handler(request) -> httpx.Response`, and the requests it got
    (read, so their bodies can be checked)."""
    log: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        request.read()
        log.append(request)
        return handler(request)

    return httpx.MockTransport(record), log


def configured(provider, emulator):
    """`provider` configured through stack config, as the engine would, to talk to `emulator`."""
    provider.configure(ConfigureRequest(Config({
        "modelarts:endpoint": emulator.endpoint,
        "modelarts:accessKey": emulator.access_key,
        "modelarts:secretKey": emulator.secret_key,
        "modelarts:projectId": emulator.project_id,
    }, "test")))
    return provider


def v1_api_client(emulator):
    """This repo's ModelArts v1 client pointed at `emulator`."""
    from inference_iac.modelarts.v1.client import ModelArtsV1Client

    return ModelArtsV1Client(ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key,
                                          secret_key=emulator.secret_key, project_id=emulator.project_id))


def api_client(emulator) -> ModelArtsClient:
    """This repo's API client pointed at `emulator`, for arranging and checking cloud state."""
    return ModelArtsClient(ClientConfig(endpoint=emulator.endpoint, access_key=emulator.access_key,
                                        secret_key=emulator.secret_key, project_id=emulator.project_id))


# Every field the Service and Deployment models know, with values the platform accepts.
FULL_SERVICE_INPUTS = {
    "name": "full-service",
    "type": "REAL_TIME",
    "deploy_type": "SINGLE",
    "workload_type": "DEPLOYMENT",
    "description": "every field the model knows",
    "workspace_id": "0",
    "task_type": "TEXT_GENERATION",
    "runtime_config": {
        "service_invoke": {
            "port": 8443, "protocol": "HTTPS", "auth_type": "API_KEY",
            "internet_access_enable": True, "intranet_approval_enable": False, "dynamic_routing_enable": True,
            "strategy": "MIN_FIRST_TOKEN_TIME", "metric_api_scheme": "HTTP", "metric_api_port": "9090",
            "metric_api_path": "/metrics", "ems_enable": False, "request_retry_enable": True,
            "request_retry_cnt_max": 3, "request_retry_interval_ms": 200,
            "fuse_configs": {"error_rate_fuse_enable": True, "error_rate_threshold": 0.5},
            "elb_connection": {"elb_id": "elb-1", "m_tls": False, "server_cert_id": "cert-1", "sni_cert_ids": ["c2"]},
            "custom_urls": ["https://chat.example.com/v1"],
        },
        "service_limit": {"rate_limit": {"num": 500, "unit": "MINUTES"}, "request_size_limit": 20,
                          "request_timeout": 300, "ip_white_list": ["10.0.0.0/8"]},
        "service_secret": {"secret_enable": True, "secret_type": "custom", "group_enable": True, "group_id": 1001,
                           "secret_volumes": [{"secret_name": "db", "secret_key": "password",
                                               "secret_value": "c2VjcmV0", "mount_path": "/etc/secrets/"}]},
        "smart_routing_enable": False,
    },
    "upgrade_config": {"type": "ROLLING", "rolling_update": {"max_surge": "25%", "max_unavailable": "10%"}},
    "lts_strategy": "AUTO_CREATE",
    "log_configs": [{"type": "STDOUT", "status": "ON"},
                    {"type": "FILE", "status": "ON", "files": [{"log_path": "/var/log/app", "file_pattern": "*.log"}]}],
    "tags": [{"key": "team", "value": "ml"}],
    "schedule": [{"type": "STOP", "time_unit": "HOURS", "duration": 8}],
    "custom_metrics_path": "http,8080,metrics",
    "deploy_timeout_minutes": 30,
}

FULL_DEPLOYMENT_INPUTS = {
    "service_id": "svc-1",
    "name": "main",
    "count": 3,
    "weight": 70,
    "pool_id": "pool-dedicated-0001",
    "framework": "VLLM",
    "deploy_type": "SINGLE",
    "workload_type": "DEPLOYMENT",
    "schedule_strategy": "HIGH_AVAILABILITY",
    "high_avail_switch": True,
    "priority": 2,
    "secret_type": "dew",
    "secret_name": "model-secrets",
    "system_log_dump_enable": False,
    "description": "every field the model knows",
    "mirror_traffic_enable": False,
    "mirror_traffic_weight": 10,
    "model": {"source": "OBS", "address": "obs://bucket/model/", "mount_path": "/model/", "read_only": True},
    "unit_configs": [{
        "image": {"source": "SWR", "swr_path": "swr.example/org/app:1", "category": "GPU"},
        "flavor": "custom",
        "custom_spec": {"cpu": 8, "memory": 32768, "gpu": 1, "arch": "x86"},
        "name": "unit-a",
        "role": "COMMON",
        "cmd": "python serve.py",
        "port": 8080,
        "envs": {"MODEL": "qwen", "LOG_LEVEL": "info"},
        "readiness_health": {"check_method": "HTTP", "url": "/health", "protocol": "HTTP",
                             "initial_delay_seconds": 10, "timeout_seconds": 5, "period_seconds": 10,
                             "failure_threshold": 3},
        "startup_health": {"check_method": "EXEC", "cmd": "cat /tmp/ready"},
        "liveness_health": {"check_method": "HTTP", "url": "/live"},
        "recovery": "Instance",
        "termination_grace": {"pre_stop_cmd": "sleep 5", "termination_grace_period_seconds": 30},
        "security_config": {"user_id": 1000, "group_id": 1000},
        "affinity": {"affinity_type": "ANTI_AFFINITY", "required": False, "selection_mode": "IP",
                     "targets": {"zone": "a"}},
        "files": [{"source": "OBS", "address": "obs://bucket/conf/", "mount_path": "/conf/"}],
        "models": [{"source": "EFS", "address": "efs-1", "mount_path": "/weights/", "efs_sub_path": "qwen"}],
        "dumps": [{"source": "OBS", "address": "obs://bucket/dumps/", "mount_path": "/dumps/"}],
    }],
    "advanced_config": {"port": 8080, "protocol": "HTTP", "deploy_timeout_minutes": 30,
                        "dynamic_routing_enable": False, "custom_metrics_path": "http,8080,metrics",
                        "upgrade_config": {"type": "ROLLING",
                                           "rolling_update": {"max_surge": "50%", "max_unavailable": "1%"}}},
}
