"""The migrated v2 program: the InferenceService arguments a plan stands for, and the files that declare them.

The program text is rendered from the very `InferenceServiceArgs` object the
component validates, so what is written is what was checked.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import yaml

from inference_iac.components.args import (ApiKeyArgs, CustomSpecArgs, DeploymentArgs, InferenceServiceArgs,
                                           InferenceServiceArgsError)
from inference_iac.components.inference_service import validate

from .translate import DeploymentPlan, Migration, ServicePlan

INDENT = "    "


def deployment_args(plan: DeploymentPlan) -> DeploymentArgs:
    optional = {"custom_spec": CustomSpecArgs(**plan.custom_spec) if plan.custom_spec else None,
                "flavor": plan.flavor, "port": plan.port, "health_path": plan.health_path,
                "health_initial_delay_seconds": plan.health_initial_delay_seconds, "cmd": plan.cmd,
                "max_surge": plan.max_surge, "max_unavailable": plan.max_unavailable}
    return DeploymentArgs(name=plan.name, image=plan.image, replicas=plan.replicas, weight=plan.weight,
                          pool_id=plan.pool_id, envs=dict(plan.envs),
                          **{key: value for key, value in optional.items() if value is not None})


def service_args(plan: ServicePlan) -> InferenceServiceArgs:
    optional = {"description": plan.description, "port": plan.port}
    return InferenceServiceArgs(
        deployments=[deployment_args(d) for d in plan.deployments], service_name=plan.service_name,
        auth_type=plan.auth_type, protocol=plan.protocol,
        api_keys=[ApiKeyArgs(plan.api_key)] if plan.api_key else [],
        **{key: value for key, value in optional.items() if value is not None})


def check(migration: Migration) -> None:
    """Add to the migration's problems whatever the component refuses (each under its argument path)."""
    if migration.problems or migration.plan is None or not migration.plan.deployments:
        return  # the component would only repeat them
    try:
        validate(migration.plan.component, service_args(migration.plan))
    except InferenceServiceArgsError as refused:
        migration.problems.append(f"the v2 program would be refused: {refused}")


# ----- rendering Python ---------------------------------------------------------------------------


def literal(value: Any, depth: int) -> str:
    """`value` as Python source, dataclasses as calls with their non-default fields, one per line."""
    pad, inner = INDENT * depth, INDENT * (depth + 1)
    if dataclasses.is_dataclass(value):
        fields = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)
                  if getattr(value, f.name) != _default(f)]
        body = "".join(f"{inner}{name}={literal(item, depth + 1)},\n" for name, item in fields)
        return f"{type(value).__name__}(\n{body}{pad})"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"{inner}{literal(item, depth + 1)},\n" for item in value) + f"{pad}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{\n" + "".join(f"{inner}{literal(key, depth + 1)}: {literal(item, depth + 1)},\n"
                               for key, item in value.items()) + f"{pad}}}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string literal too
    return repr(value)


def _default(spec: dataclasses.Field) -> Any:
    if spec.default is not dataclasses.MISSING:
        return spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return dataclasses.MISSING


def main_py(migration: Migration) -> str:
    plan = migration.plan
    args = service_args(plan)
    clients, phase = initial_cutover(migration)
    return f'''"""ModelArts v2 program of the v1 service {migration.v1_name} ({migration.v1_id}), written by inference-migrate.

One deployment per v1 config entry, with its model's image and its traffic weight, and the
v1 service itself, imported, for the cutover: stack config `clients` (v1 | v2) and `v1Service`
(running | stopped | deleted | released). MIGRATION.md says what was carried over and what was not.
It is an ordinary Pulumi program: edit it as your own from here on.
"""

import pulumi

from inference_iac.automation.migration.cutover import Cutover, v1_service
from inference_iac.components import {", ".join(imported_names(args))}

cutover = Cutover.from_config(pulumi.Config(), clients={literal(clients, 0)}, v1_service={literal(phase, 0)})

{_comments(plan)}
service = InferenceService({literal(plan.component, 0)}, {literal(args, 0)})

# The v1 service as it was migrated (its provider reads it back so: the import changes nothing).
V1_SERVICE_ID = {literal(migration.v1_id, 0)}
v1 = v1_service({literal(plan.component + "-v1", 0)}, V1_SERVICE_ID, {literal(migration.v1_inputs, 0)}, cutover)

pulumi.export("service_id", service.service_id)
pulumi.export("predict_url", service.predict_url)
pulumi.export("deployment_ids", service.deployment_ids)
pulumi.export("v1_service_id", V1_SERVICE_ID)
pulumi.export("endpoint", cutover.endpoint(service.predict_url, v1))  # where clients go: see `clients`
''' + (_key_export() if plan.api_key else "")


def initial_cutover(migration: Migration) -> tuple[str, str]:
    """(clients, v1Service) as found: a stopped v1 service serves no client, and is imported stopped."""
    if migration.v1_status in ("stopped", "stopping", "finished"):
        return "v2", "stopped"
    return "v1", "running"


def imported_names(args: InferenceServiceArgs) -> list[str]:
    names = {"DeploymentArgs", "InferenceService", "InferenceServiceArgs"}
    if any(d.custom_spec is not None for d in args.deployments):
        names.add("CustomSpecArgs")
    if args.api_keys:
        names.add("ApiKeyArgs")
    return sorted(names)


def _comments(plan: ServicePlan) -> str:
    return "\n".join(f"# {d.name}: {d.source}" for d in plan.deployments)


def _key_export() -> str:
    return 'pulumi.export("api_keys", service.api_key_values)  # a secret\n'


def pulumi_yaml(migration: Migration) -> str:
    settings = {"name": project_name(migration), "runtime": "python",
                "description": f"ModelArts v2 service migrated from the v1 service {migration.v1_name}"}
    return yaml.safe_dump(settings, sort_keys=False)


def project_name(migration: Migration) -> str:
    return f"{migration.plan.component}-v2"
