"""How an InferenceService becomes ModelArts resources: their inputs, validation through their models, and
the children themselves.

The component's arguments are validated by the very models the providers
check with, so a limit has one home; errors are reported under the
component's own argument paths (`deployments[1].weight`), not the model's.
"""

from __future__ import annotations

from typing import Any

import pulumi

from inference_iac.modelarts import ApiKey, Deployment, IntranetConnection, ScalingRule, Service
from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec
from inference_iac.modelarts.models.scaling_rule import ScalingRuleSpec
from inference_iac.modelarts.models.service import ServiceSpec

from .args import (ApiKeyArgs, DeploymentArgs, InferenceServiceArgs, PrivateConnectionArgs, api_key_name,
                   component_rules, compute_problem, label_problem)
from .backend import PENDING_ID, Built, problems_of, timeout_input, translate

__all__ = ["PENDING_ID", "api_key_inputs", "build", "connection_inputs", "deployment_inputs", "problems",
           "scaling_inputs", "service_inputs", "translate"]

# Model path -> the component argument it comes from (longest prefix wins).
DEPLOYMENT_PATHS = {
    "name": "name",
    "count": "replicas",
    "weight": "weight",
    "pool_id": "pool_id",
    "description": "description",
    "unit_configs[0].image": "image",
    "unit_configs[0].flavor": "flavor",
    "unit_configs[0].custom_spec": "custom_spec",
    "unit_configs[0].envs": "envs",
    "unit_configs[0].readiness_health.url": "health_path",
    "unit_configs[0].liveness_health.url": "health_path",
    "unit_configs[0].readiness_health": "health_path",
    "unit_configs[0].liveness_health": "health_path",
    "unit_configs[0].port": "port",
    "unit_configs[0].cmd": "cmd",
    "unit_configs[0]": "flavor",
    "unit_configs": "custom_spec",
    "advanced_config.upgrade_config.rolling_update.max_unavailable": "max_unavailable",
    "advanced_config.upgrade_config.rolling_update.max_surge": "max_surge",
    "advanced_config.upgrade_config.rolling_update": "max_surge",
}
SERVICE_PATHS = {
    "name": "service_name",
    "description": "description",
    "runtime_config.service_invoke.auth_type": "auth_type",
    "runtime_config.service_invoke.protocol": "protocol",
    "runtime_config.service_invoke.port": "port",
    "runtime_config.service_invoke.intranet_approval_enable": "intranet_approval",
    "tags": "tags",
}
SCALING_PATHS = {"rules": "rules", "enabled": "enabled"}
KEY_PATHS = {"name": "name", "description": "description"}
CONNECTION_PATHS = {"vpc_id": "vpc_id", "subnet_id": "subnet_id", "custom_urls": "custom_urls"}


# ----- inputs --------------------------------------------------------------------------------------


def service_inputs(name: str, args: InferenceServiceArgs) -> dict[str, Any]:
    invoke: dict[str, Any] = {"port": args.port, "protocol": args.protocol, "auth_type": args.auth_type}
    if args.intranet_approval is not None:
        invoke["intranet_approval_enable"] = args.intranet_approval
    inputs: dict[str, Any] = {"name": args.service_name or name, "runtime_config": {"service_invoke": invoke}}
    if args.description is not None:
        inputs["description"] = args.description
    if args.tags:
        inputs["tags"] = [{"key": k, "value": v} for k, v in sorted(args.tags.items())]
    return inputs


def _probe(d: DeploymentArgs) -> dict[str, Any]:
    probe: dict[str, Any] = {"check_method": "HTTP", "url": d.health_path}
    if d.health_initial_delay_seconds is not None:
        probe["initial_delay_seconds"] = d.health_initial_delay_seconds
    return probe


def _unit(d: DeploymentArgs) -> dict[str, Any]:
    unit: dict[str, Any] = {"image": {"swr_path": d.image}, "envs": dict(d.envs)}
    if d.flavor is not None:
        unit["flavor"] = d.flavor
    if d.custom_spec is not None:
        spec = {"cpu": d.custom_spec.cpu, "memory": d.custom_spec.memory,
                "gpu": d.custom_spec.gpu, "ascend": d.custom_spec.ascend}
        unit["custom_spec"] = {k: v for k, v in spec.items() if v is not None}
    if d.health_path is not None:
        unit["readiness_health"] = _probe(d)
        unit["liveness_health"] = _probe(d)
    for key in ("cmd", "port"):
        if getattr(d, key) is not None:
            unit[key] = getattr(d, key)
    return unit


def deployment_inputs(d: DeploymentArgs, service_id: Any) -> dict[str, Any]:
    advanced = {"upgrade_config": {"type": "ROLLING", "rolling_update": {
        "max_surge": d.max_surge, "max_unavailable": d.max_unavailable}}}
    inputs: dict[str, Any] = {"name": d.name, "service_id": service_id, "count": d.replicas,
                              "unit_configs": [_unit(d)], "advanced_config": advanced}
    for key in ("weight", "pool_id", "description"):
        if getattr(d, key) is not None:
            inputs[key] = getattr(d, key)
    return inputs


def scaling_inputs(d: DeploymentArgs, service_id: Any, deployment_id: Any) -> dict[str, Any]:
    rules = [{"name": r.name, "type": "CRON_HPA", "schedule": r.schedule, "target_replicas": r.target_replicas}
             for r in d.scaling.rules]
    return {"service_id": service_id, "deployment_id": deployment_id, "rules": rules, "enabled": d.scaling.enabled}


def api_key_inputs(component: str, key: ApiKeyArgs, service_id: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {"name": api_key_name(component, key), "scope": "SERVICE", "service_ids": [service_id]}
    if key.description is not None:
        inputs["description"] = key.description
    return inputs


def connection_inputs(c: PrivateConnectionArgs, service_id: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {"service_id": service_id, "scene": "VPC", "vpc_id": c.vpc_id, "subnet_id": c.subnet_id}
    if c.custom_urls is not None:
        inputs["custom_urls"] = list(c.custom_urls)
    return inputs


# ----- validation -------------------------------------------------------------------------------


def problems(name: str, args: InferenceServiceArgs) -> list[str]:
    """Every problem of the argument object, each under its argument path."""
    found = problems_of(ServiceSpec, service_inputs(name, args), SERVICE_PATHS, "")
    found += component_rules(args)
    for index, d in enumerate(args.deployments):
        found += _deployment_problems(d, f"deployments[{index}]")
    for index, key in enumerate(args.api_keys):
        where = f"api_keys[{index}]"
        bad_name = label_problem(key.name, where)
        if bad_name:
            found.append(bad_name)
        else:
            found += problems_of(ApiKeySpec, api_key_inputs(name, key, PENDING_ID), KEY_PATHS, where)
    for index, c in enumerate(args.private_connections):
        where = f"private_connections[{index}]"
        found += [p for p in (label_problem(c.name, where),) if p]
        found += problems_of(IntranetConnectionSpec, connection_inputs(c, PENDING_ID), CONNECTION_PATHS, where)
    return list(dict.fromkeys(found))  # the same rule broken twice (readiness and liveness probe) is said once


def _deployment_problems(d: DeploymentArgs, where: str) -> list[str]:
    found = [p for p in (compute_problem(d, where),) if p]
    found += problems_of(DeploymentSpec, deployment_inputs(d, PENDING_ID), DEPLOYMENT_PATHS, where,
                         skip=lambda path: path.startswith("unit_configs[0]") and not path.startswith(
                             "unit_configs[0].") and d.flavor is None and d.custom_spec is None)
    if d.scaling is not None:
        if d.pool_id is None:
            found.append(f"{where}.scaling.rules: scaling rules work only on dedicated pools (set the deployment's "
                         "pool_id)")
        found += problems_of(ScalingRuleSpec, scaling_inputs(d, PENDING_ID, PENDING_ID), SCALING_PATHS,
                             f"{where}.scaling")
    return found


# ----- the children -----------------------------------------------------------------------------


def build(parent: pulumi.ComponentResource, name: str, args: InferenceServiceArgs) -> Built:
    """The service, its deployments, scaling rules, keys and connections, parented to `parent`."""
    timeout = timeout_input(args.timeout_seconds)
    child = pulumi.ResourceOptions(parent=parent)
    service = Service(f"{name}-svc", {**service_inputs(name, args), "allow_replace": args.allow_replace, **timeout},
                      opts=child)
    service_id = service.service_id
    deployments = {d.name: Deployment(f"{name}-{d.name}", {**deployment_inputs(d, service_id), **timeout}, opts=child)
                   for d in args.deployments}
    # Keys and connections need a running service: they wait for the deployments.
    running = pulumi.ResourceOptions(parent=parent, depends_on=list(deployments.values()))
    scaling_rules = {
        d.name: ScalingRule(f"{name}-{d.name}-scaling", {
            **scaling_inputs(d, service_id, deployments[d.name].deployment_id), **timeout}, opts=child)
        for d in args.deployments if d.scaling is not None
    }
    api_keys = {key.name: ApiKey(api_key_name(name, key), {**api_key_inputs(name, key, service_id), **timeout},
                                 opts=running)
                for key in args.api_keys}
    connections = {
        c.name: IntranetConnection(f"{name}-conn-{c.name}", {**connection_inputs(c, service_id), **_options(c),
                                                              **timeout}, opts=running)
        for c in args.private_connections
    }
    return Built(
        service=service, deployments=deployments, scaling_rules=scaling_rules, api_keys=api_keys,
        connections=connections, service_id=service.service_id, predict_url=service.predict_url,
        deployment_ids={n: d.deployment_id for n, d in deployments.items()},
        api_key_values={n: k.api_key for n, k in api_keys.items()},
        connection_ids={n: c.connection_id for n, c in connections.items()},
        connection_statuses={n: c.status for n, c in connections.items()},
        private_urls={n: c.url_list for n, c in connections.items()},
    )


def _options(c: PrivateConnectionArgs) -> dict[str, Any]:
    return {} if c.approval_wait_seconds is None else {"approval_wait_seconds": c.approval_wait_seconds}
