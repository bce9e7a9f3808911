"""How an InferenceService becomes ModelArts resources: their inputs, and validation through their models.

The component's arguments are validated by the very models the providers
check with, so a limit has one home; errors are reported under the
component's own argument paths (`deployments[1].weight`), not the model's.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

from pydantic import BaseModel

from inference_iac.core.unknowns import is_unknown, known_problems
from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec
from inference_iac.modelarts.models.scaling_rule import ScalingRuleSpec
from inference_iac.modelarts.models.service import ServiceSpec

from .args import (ApiKeyArgs, DeploymentArgs, InferenceServiceArgs, PrivateConnectionArgs, api_key_name,
                   duplicates)

# Stand-ins for ids that exist only after the parent is created, so the
# child's model can be checked before anything is registered.
PENDING_ID = "pending-id"

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
_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$")


def translate(path: str, paths: Mapping[str, str]) -> str:
    """A model path under the component argument it comes from."""
    for model_path in sorted(paths, key=len, reverse=True):
        if path == model_path or path.startswith((model_path + ".", model_path + "[")):
            return paths[model_path] + path[len(model_path):]
    return path


def problems_of(model: type[BaseModel], inputs: dict[str, Any], paths: Mapping[str, str], prefix: str,
                skip: Callable[[str], bool] = lambda path: False) -> list[str]:
    found = []
    for path, rule in known_problems(model, inputs):
        if skip(path):
            continue
        where = translate(path, paths)
        found.append(f"{prefix}{'.' if prefix and where else ''}{where}: {rule}")
    return found


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
    found += _component_rules(args)
    for index, d in enumerate(args.deployments):
        found += _deployment_problems(d, f"deployments[{index}]")
    for index, key in enumerate(args.api_keys):
        where = f"api_keys[{index}]"
        if not _LABEL.match(key.name or ""):
            found.append(f"{where}.name: {key.name!r} must be 1-32 lower-case letters, digits or '-'")
        else:
            found += problems_of(ApiKeySpec, api_key_inputs(name, key, PENDING_ID), KEY_PATHS, where)
    for index, c in enumerate(args.private_connections):
        where = f"private_connections[{index}]"
        if not _LABEL.match(c.name or ""):
            found.append(f"{where}.name: {c.name!r} must be 1-32 lower-case letters, digits or '-'")
        found += problems_of(IntranetConnectionSpec, connection_inputs(c, PENDING_ID), CONNECTION_PATHS, where)
    return list(dict.fromkeys(found))  # the same rule broken twice (readiness and liveness probe) is said once


def _component_rules(args: InferenceServiceArgs) -> list[str]:
    """Rules of the component itself (how it combines resources), not of any one model."""
    found = []
    if not args.deployments:
        found.append("deployments: at least one deployment is needed to serve traffic")
    for dup in duplicates([d.name for d in args.deployments]):
        found.append(f"deployments: name {dup!r} is used twice (names must be unique within the service)")
    auth = args.auth_type
    if args.api_keys and not is_unknown(auth) and auth != "API_KEY":
        found.append(f"api_keys: the service's auth_type is {auth}; API keys work only with auth_type API_KEY")
    for dup in duplicates([k.name for k in args.api_keys]):
        found.append(f"api_keys: name {dup!r} is used twice")
    for dup in duplicates([c.name for c in args.private_connections]):
        found.append(f"private_connections: name {dup!r} is used twice")
    return found


def _deployment_problems(d: DeploymentArgs, where: str) -> list[str]:
    found = []
    if (d.flavor is None) == (d.custom_spec is None):
        found.append(f"{where}.flavor: give exactly one of flavor and custom_spec")
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
