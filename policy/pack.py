"""The CrossGuard policies: thin wrappers that feed `rules.py` the engine's arguments.

Which stacks count as production is per-policy config (`production_stacks`,
shell-style patterns matched against the stack name). The stack name is taken
from the resource URN (`urn:pulumi:<stack>::...`): the validation arguments do
not carry it, and the URN is always there, in tests too.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import _DictProxy, _ListProxy

from . import rules
from .clouds import MODELARTS_V1, facts_for

PACK_NAME = "inference-platform"

PRODUCTION_STACKS_SCHEMA = {
    "production_stacks": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Stack names (shell-style patterns, e.g. 'prod-*') the rule applies to.",
    },
}
# A policy's initial config must repeat its enforcement level: without one the
# engine takes the config's (unset, i.e. advisory) level over the policy's own.
PROD_CONFIG = {"enforcementLevel": EnforcementLevel.MANDATORY, "production_stacks": rules.DEFAULT_PRODUCTION_STACKS}


def plain(value: Any) -> Any:
    """The engine's inputs without pulumi_policy's proxies, which raise on any unknown value.

    The rules want to see unknowns and decide for themselves (a stack rule can
    still group a deployment whose service id is unknown).
    """
    if isinstance(value, _DictProxy):
        value = value["__target"]
    if isinstance(value, _ListProxy):
        value = value["__target"]
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


RuleFn = Callable[[str, Mapping[str, Any]], list[str]]


def resource_validator(kind: str, rule: RuleFn, production_only: bool,
                       options: Callable[[Mapping[str, Any]], dict[str, Any]] = lambda config: {}):
    """A `validate` callback that runs `rule` on resources of one kind ("service", "deployment", ...), on every cloud."""

    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        facts = facts_for(args.resource_type)
        if facts is None or facts.kind_of(args.resource_type) != kind:
            return
        config = args.get_config()
        if production_only and not rules.is_production(rules.stack_of(args.urn), config.get("production_stacks")):
            return
        try:
            messages = rule(args.name, plain(args.props), facts, **options(config))
        except rules.Unknown:
            return  # decided at `pulumi up`, when the value is known
        for message in messages:
            report_violation(message, args.urn)

    return validate


def _min_replicas(config: Mapping[str, Any]) -> dict[str, Any]:
    return {"minimum": int(config.get("min_replicas", rules.DEFAULT_MIN_REPLICAS))}


def validate_new_v1_service(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    if args.resource_type != MODELARTS_V1.service:
        return
    for message in rules.new_retiring_service(args.name, plain(args.props), MODELARTS_V1):
        report_violation(message, args.urn)


def service_input(resource_type: str) -> str:
    """The top-level input through which a resource names its service (its dependencies say where it came from)."""
    facts = facts_for(resource_type)
    path = facts.service_ref_path(facts.kind_of(resource_type)) if facts else None
    return (path or "service_id").split(".")[0]


def validate_service_traffic(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    resources = [
        rules.StackResource(r.urn, r.resource_type, plain(r.props),
                            [dep.urn for dep in r.property_dependencies.get(service_input(r.resource_type), [])])
        for r in args.resources
    ]
    for message, urn in rules.services_without_traffic(resources):
        report_violation(message, urn)


no_unauthenticated_services = ResourceValidationPolicy(
    name="prod-service-requires-auth",
    description="Production services must authenticate their callers (auth_type API_KEY or TOKEN, not NONE).",
    validate=resource_validator("service", rules.unauthenticated_service, production_only=True),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(PRODUCTION_STACKS_SCHEMA),
)

zero_unavailable_rollouts = ResourceValidationPolicy(
    name="prod-rollout-zero-unavailable",
    description="Production deployments must roll out without taking replicas down "
                "(max_unavailable rounds down to 0 replicas for the declared count).",
    validate=resource_validator("deployment", rules.rolling_upgrade_takes_replicas_down, production_only=True),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(PRODUCTION_STACKS_SCHEMA),
)

service_scoped_api_keys = ResourceValidationPolicy(
    name="api-key-service-scope",
    description="API keys must be scoped to named services (scope SERVICE with service_ids), never project-wide (USER).",
    validate=resource_validator("api_key", rules.api_key_not_scoped, production_only=False),
    enforcement_level=EnforcementLevel.MANDATORY,
)

minimum_replicas = ResourceValidationPolicy(
    name="prod-deployment-min-replicas",
    description="Production deployments must run at least `min_replicas` replicas (default 2).",
    validate=resource_validator("deployment", rules.too_few_replicas, production_only=True, options=_min_replicas),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema({
        **PRODUCTION_STACKS_SCHEMA,
        "min_replicas": {"type": "integer", "minimum": 1, "maximum": 128},
    }),
)

weights_in_range = ResourceValidationPolicy(
    name="deployment-weight-range",
    description="Deployment traffic weights (weight, mirror_traffic_weight) must be whole numbers from 0 to the "
                "cloud's largest (100; 1000 on PAI-EAS).",
    validate=resource_validator("deployment", rules.weight_out_of_range, production_only=False),
    enforcement_level=EnforcementLevel.MANDATORY,
)

service_receives_traffic = StackValidationPolicy(
    name="service-has-traffic",
    description="A service's deployments (a PAI-EAS group's members) must not all have weight 0.",
    validate=validate_service_traffic,
    enforcement_level=EnforcementLevel.MANDATORY,
)

# Advisory, so that existing programs keep working while teams move; a stack (or organization) makes it
# mandatory with the pack config {"no-new-v1-services": {"enforcementLevel": "mandatory"}}.
no_new_v1_services = ResourceValidationPolicy(
    name="no-new-v1-services",
    description="ModelArts v1 services are being retired: a new one is flagged; existing ones (in the stack's "
                "state, or imported) are not.",
    validate=validate_new_v1_service,
    enforcement_level=EnforcementLevel.ADVISORY,
)

POLICIES = [
    no_unauthenticated_services,
    zero_unavailable_rollouts,
    service_scoped_api_keys,
    minimum_replicas,
    weights_in_range,
    service_receives_traffic,
    no_new_v1_services,
]

INITIAL_CONFIG: dict[str, Any] = {
    no_unauthenticated_services.name: dict(PROD_CONFIG),
    zero_unavailable_rollouts.name: dict(PROD_CONFIG),
    minimum_replicas.name: {**PROD_CONFIG, "min_replicas": rules.DEFAULT_MIN_REPLICAS},
}


def serve() -> None:
    """Serve the pack to the engine (blocks): the analyzer plugin's main."""
    from pulumi_policy import PolicyPack

    PolicyPack(
        name=PACK_NAME,
        policies=POLICIES,
        enforcement_level=EnforcementLevel.MANDATORY,
        initial_config=INITIAL_CONFIG,
        description="Platform rules for managed inference resources (every cloud of inference_iac).",
    )


def executable() -> str:
    """The pack as an analyzer plugin executable: pass it to `--policy-pack` (or `policy_packs=`).

    A Pulumi CLI without a Python language host cannot run a pack directory,
    but it runs an executable pack directly.
    """
    import shutil
    import sys
    from pathlib import Path

    beside = Path(sys.executable).parent / "inference-policy-pack"
    return str(beside) if beside.exists() else (shutil.which("inference-policy-pack") or str(beside))
