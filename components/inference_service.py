"""InferenceService: a production-ready ModelArts service from one typed argument object.

One component wires the service, its deployments (each with its weight), API
keys bound to the service, per-deployment cron scaling rules and private
(intranet) connections. Children are parented to the component and named
after it, so two components never collide and `pulumi stack` groups them.

Defaults are the ones a production service should have, so leaving a field
out never weakens it:

- callers must authenticate (`auth_type="API_KEY"`) over HTTPS;
- rolling upgrades never remove a ready replica before its replacement is
  ready (`max_unavailable="0%"`) and add at most a quarter more replicas at a
  time (`max_surge="25%"`, rounded up, so at least one). 25 % rather than the
  platform's 1 % keeps a large deployment's rollout to about four waves; use
  "1%" (one extra replica at a time) on a dedicated pool with little spare
  capacity;
- `allow_replace=False` on the service: a change that can only be applied by
  deleting and recreating the service (its URL and bindings go with it) fails
  at preview until the caller sets it explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

import pulumi

from inference_iac.models.api_key import KEY_NAME
from inference_iac.models.base import PERCENT
from inference_iac.models.intranet_connection import MAX_CUSTOM_URLS, custom_url_problem
from inference_iac.models.scaling_rule import MAX_CRON_RULES, RULE_NAME, cron_error
from inference_iac.models.service import SERVICE_NAME
from inference_iac.resources.api_key import ApiKey
from inference_iac.resources.deployment import Deployment
from inference_iac.resources.intranet_connection import IntranetConnection
from inference_iac.resources.scaling_rule import ScalingRule
from inference_iac.resources.service import Service

TYPE = "inference:components:InferenceService"

DEFAULT_MAX_SURGE = "25%"
DEFAULT_MAX_UNAVAILABLE = "0%"
MAX_REPLICAS = 128
_DEPLOYMENT_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$")


class InferenceServiceArgsError(ValueError):
    """The argument object breaks a rule; the message names every offending field."""


@dataclass
class CustomSpecArgs:
    """Resources of a custom flavor (dedicated pools only)."""

    cpu: pulumi.Input[float]
    memory: pulumi.Input[int]  # MB
    gpu: Optional[pulumi.Input[float]] = None
    ascend: Optional[pulumi.Input[int]] = None


@dataclass
class CronRuleArgs:
    """Scale to `target_replicas` at each `schedule` (5-field cron, no seconds)."""

    name: str
    schedule: pulumi.Input[str]
    target_replicas: pulumi.Input[int]


@dataclass
class ScalingRuleArgs:
    """A deployment's periodic scaling; while enabled it owns the replica count."""

    rules: list[CronRuleArgs]
    enabled: pulumi.Input[bool] = True


@dataclass
class DeploymentArgs:
    name: str
    image: pulumi.Input[str]
    # Exactly one of flavor and custom_spec.
    flavor: Optional[pulumi.Input[str]] = None
    custom_spec: Optional[CustomSpecArgs] = None
    replicas: pulumi.Input[int] = 1
    # Relative traffic weight 0-100. None leaves it to whatever owns traffic
    # (a CanaryRelease); a new deployment then starts at 100.
    weight: Optional[pulumi.Input[int]] = None
    envs: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    pool_id: Optional[pulumi.Input[str]] = None
    # Shortcut for HTTP readiness and liveness probes on this path.
    health_path: Optional[str] = None
    health_initial_delay_seconds: Optional[int] = None
    port: Optional[pulumi.Input[int]] = None
    cmd: Optional[pulumi.Input[str]] = None
    description: Optional[pulumi.Input[str]] = None
    max_surge: pulumi.Input[str] = DEFAULT_MAX_SURGE
    max_unavailable: pulumi.Input[str] = DEFAULT_MAX_UNAVAILABLE
    scaling: Optional[ScalingRuleArgs] = None


@dataclass
class ApiKeyArgs:
    """A SERVICE-scope key bound to this service; its value is a secret output."""

    name: str
    description: Optional[pulumi.Input[str]] = None


@dataclass
class PrivateConnectionArgs:
    """Private access from a VPC subnet (created after the deployments: it needs a running service)."""

    vpc_id: pulumi.Input[str]
    subnet_id: pulumi.Input[str]
    name: str = "private"
    custom_urls: Optional[Sequence[pulumi.Input[str]]] = None
    approval_wait_seconds: Optional[int] = None


@dataclass
class InferenceServiceArgs:
    deployments: list[DeploymentArgs]
    # The service's name in ModelArts; the component name when None.
    service_name: Optional[str] = None
    description: Optional[pulumi.Input[str]] = None
    auth_type: pulumi.Input[str] = "API_KEY"
    protocol: pulumi.Input[str] = "HTTPS"
    port: pulumi.Input[int] = 8080
    # Connections wait for the owner's approval when true.
    intranet_approval: Optional[pulumi.Input[bool]] = None
    tags: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    api_keys: list[ApiKeyArgs] = field(default_factory=list)
    private_connections: list[PrivateConnectionArgs] = field(default_factory=list)
    allow_replace: bool = False
    timeout_seconds: Optional[int] = None


def _known(value: Any) -> bool:
    """A plain value we can check now (Outputs are resolved only at deploy time)."""
    return value is not None and not isinstance(value, pulumi.Output)


def _duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def validate(name: str, args: InferenceServiceArgs) -> None:
    """Raise InferenceServiceArgsError listing every problem, each prefixed by its field path."""
    problems = _service_problems(name, args)
    for index, deployment in enumerate(args.deployments):
        problems += [f"deployments[{index}].{p}" for p in _deployment_problems(deployment)]
    for index, key in enumerate(args.api_keys):
        problems += [f"api_keys[{index}].{p}" for p in _api_key_problems(name, key)]
    for index, connection in enumerate(args.private_connections):
        problems += [f"private_connections[{index}].{p}" for p in _connection_problems(connection)]
    if problems:
        raise InferenceServiceArgsError(f"InferenceService {name}: " + "; ".join(problems))


def _service_problems(name: str, args: InferenceServiceArgs) -> list[str]:
    problems = []
    service_name = args.service_name or name
    if not re.match(SERVICE_NAME, service_name):
        problems.append(f"service_name: {service_name!r} must be 1-64 letters, digits, '-' or '_'")
    if _known(args.auth_type) and args.auth_type not in ("API_KEY", "TOKEN", "NONE"):
        problems.append(f"auth_type: {args.auth_type!r} is not one of API_KEY, TOKEN, NONE")
    if _known(args.protocol) and args.protocol not in ("HTTP", "HTTPS", "WS", "WSS"):
        problems.append(f"protocol: {args.protocol!r} is not one of HTTP, HTTPS, WS, WSS")
    if not args.deployments:
        problems.append("deployments: at least one deployment is needed to serve traffic")
    for dup in _duplicates([d.name for d in args.deployments]):
        problems.append(f"deployments: name {dup!r} is used twice (names must be unique within the service)")
    if args.api_keys and _known(args.auth_type) and args.auth_type != "API_KEY":
        problems.append(f"api_keys: the service's auth_type is {args.auth_type}; "
                        "API keys work only with auth_type API_KEY")
    for dup in _duplicates([k.name for k in args.api_keys]):
        problems.append(f"api_keys: name {dup!r} is used twice")
    for dup in _duplicates([c.name for c in args.private_connections]):
        problems.append(f"private_connections: name {dup!r} is used twice")
    return problems


def _deployment_problems(d: DeploymentArgs) -> list[str]:
    problems = []
    if not _DEPLOYMENT_NAME.match(d.name or ""):
        problems.append(f"name: {d.name!r} must be 1-64 letters, digits, '-' or '_'")
    if (d.flavor is None) == (d.custom_spec is None):
        problems.append("flavor: give exactly one of flavor and custom_spec")
    if d.custom_spec is not None and d.pool_id is None:
        problems.append("custom_spec: custom flavors run only on a dedicated pool (set pool_id)")
    if _known(d.replicas) and not (isinstance(d.replicas, int) and 1 <= d.replicas <= MAX_REPLICAS):
        problems.append(f"replicas: {d.replicas!r} must be an integer from 1 to {MAX_REPLICAS}")
    if _known(d.weight) and not (isinstance(d.weight, int) and 0 <= d.weight <= 100):
        problems.append(f"weight: {d.weight!r} must be an integer from 0 to 100 (weights are relative)")
    if d.health_path is not None and not d.health_path.startswith("/"):
        problems.append(f"health_path: {d.health_path!r} must start with '/'")
    problems += _rolling_problems(d.max_surge, d.max_unavailable)
    if d.scaling is not None:
        problems += [f"scaling.{p}" for p in _scaling_problems(d)]
    return problems


def _rolling_problems(surge: Any, unavailable: Any) -> list[str]:
    problems = []
    for field_name, value in (("max_surge", surge), ("max_unavailable", unavailable)):
        if _known(value) and not (value == "0%" or PERCENT.match(str(value))):
            problems.append(f"{field_name}: {value!r} must be a percentage from '0%' to '100%'")
    if surge == "0%" and unavailable == "0%":
        problems.append("max_surge: cannot be 0% while max_unavailable is 0% (the upgrade could never progress)")
    return problems


def _scaling_problems(d: DeploymentArgs) -> list[str]:
    rules = d.scaling.rules
    problems = []
    if d.pool_id is None:
        problems.append("rules: scaling rules work only on dedicated pools (set the deployment's pool_id)")
    if not 1 <= len(rules) <= MAX_CRON_RULES:
        problems.append(f"rules: give 1 to {MAX_CRON_RULES} rules, got {len(rules)}")
    for dup in _duplicates([r.name for r in rules]):
        problems.append(f"rules: name {dup!r} is used twice")
    for index, rule in enumerate(rules):
        if not re.match(RULE_NAME, rule.name or ""):
            problems.append(f"rules[{index}].name: {rule.name!r} must be 4-64 lower-case letters, digits or '-', "
                            "starting with a letter")
        if _known(rule.schedule) and cron_error(str(rule.schedule)):
            problems.append(f"rules[{index}].schedule: {cron_error(str(rule.schedule))}")
        target = rule.target_replicas
        if _known(target) and not (isinstance(target, int) and 1 <= target <= MAX_REPLICAS):
            problems.append(f"rules[{index}].target_replicas: {target!r} must be an integer from 1 to {MAX_REPLICAS}")
    return problems


def _api_key_problems(component: str, key: ApiKeyArgs) -> list[str]:
    key_name = api_key_name(component, key)
    if not _LABEL.match(key.name or "") or not re.match(KEY_NAME, key_name):
        return [f"name: {key.name!r} must be lower-case letters, digits or '-', and the key's full name "
                f"{key_name!r} at most 64 characters"]
    return []


def _connection_problems(c: PrivateConnectionArgs) -> list[str]:
    problems = []
    if not _LABEL.match(c.name or ""):
        problems.append(f"name: {c.name!r} must be 1-32 lower-case letters, digits or '-'")
    for field_name in ("vpc_id", "subnet_id"):
        if not getattr(c, field_name):
            problems.append(f"{field_name}: required")
    urls = list(c.custom_urls or [])
    if len(urls) > MAX_CUSTOM_URLS:
        problems.append(f"custom_urls: at most {MAX_CUSTOM_URLS}, got {len(urls)}")
    for index, url in enumerate(urls):
        if _known(url) and custom_url_problem(str(url)):
            problems.append(f"custom_urls[{index}]: {custom_url_problem(str(url))}")
    return problems


def _collect(outputs: Mapping[str, pulumi.Output]) -> pulumi.Output[dict]:
    """One Output of a dict, {} when there is nothing to collect."""
    return pulumi.Output.all(**outputs) if outputs else pulumi.Output.from_input({})


def api_key_name(component: str, key: ApiKeyArgs) -> str:
    # Keys are project-wide, so their names carry the component's.
    return f"{component}-key-{key.name}"


def service_inputs(name: str, args: InferenceServiceArgs) -> dict[str, Any]:
    invoke: dict[str, Any] = {"port": args.port, "protocol": args.protocol, "auth_type": args.auth_type}
    if args.intranet_approval is not None:
        invoke["intranet_approval_enable"] = args.intranet_approval
    inputs: dict[str, Any] = {
        "name": args.service_name or name,
        "runtime_config": {"service_invoke": invoke},
        "allow_replace": args.allow_replace,
    }
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
    else:
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


def deployment_inputs(d: DeploymentArgs, service_id: pulumi.Input[str]) -> dict[str, Any]:
    advanced: dict[str, Any] = {"upgrade_config": {"type": "ROLLING", "rolling_update": {
        "max_surge": d.max_surge, "max_unavailable": d.max_unavailable}}}
    inputs: dict[str, Any] = {"name": d.name, "service_id": service_id, "count": d.replicas,
                              "unit_configs": [_unit(d)], "advanced_config": advanced}
    for key in ("weight", "pool_id", "description"):
        if getattr(d, key) is not None:
            inputs[key] = getattr(d, key)
    return inputs


class InferenceService(pulumi.ComponentResource):
    service: Service
    deployments: dict[str, Deployment]
    api_keys: dict[str, ApiKey]
    scaling_rules: dict[str, ScalingRule]
    connections: dict[str, IntranetConnection]
    service_id: pulumi.Output[str]
    predict_url: pulumi.Output[str]
    deployment_ids: pulumi.Output[dict]
    api_key_values: pulumi.Output[dict]
    connection_ids: pulumi.Output[dict]
    connection_statuses: pulumi.Output[dict]
    private_urls: pulumi.Output[dict]

    def __init__(self, name: str, args: InferenceServiceArgs, opts: Optional[pulumi.ResourceOptions] = None):
        validate(name, args)  # before registering anything: a bad object leaves no half-built component
        super().__init__(TYPE, name, None, opts)
        self._timeout = {} if args.timeout_seconds is None else {"timeout_seconds": args.timeout_seconds}
        child = pulumi.ResourceOptions(parent=self)

        self.service = Service(f"{name}-svc", {**service_inputs(name, args), **self._timeout}, opts=child)
        self.deployments = {
            d.name: Deployment(f"{name}-{d.name}", {**deployment_inputs(d, self.service.service_id), **self._timeout},
                               opts=child)
            for d in args.deployments
        }
        running = pulumi.ResourceOptions(parent=self, depends_on=list(self.deployments.values()))
        self.scaling_rules = self._scaling_rules(name, args, child)
        self.api_keys = self._api_keys(name, args, running)
        self.connections = self._connections(name, args, running)
        self._expose()

    def _scaling_rules(self, name: str, args: InferenceServiceArgs, opts: pulumi.ResourceOptions) -> dict[str, ScalingRule]:
        made = {}
        for d in args.deployments:
            if d.scaling is None:
                continue
            rules = [{"name": r.name, "type": "CRON_HPA", "schedule": r.schedule, "target_replicas": r.target_replicas}
                     for r in d.scaling.rules]
            made[d.name] = ScalingRule(f"{name}-{d.name}-scaling", {
                "service_id": self.service.service_id, "deployment_id": self.deployments[d.name].deployment_id,
                "rules": rules, "enabled": d.scaling.enabled, **self._timeout}, opts=opts)
        return made

    def _api_keys(self, name: str, args: InferenceServiceArgs, opts: pulumi.ResourceOptions) -> dict[str, ApiKey]:
        # Bound keys wait for a service that can take a binding, i.e. a running one.
        made = {}
        for key in args.api_keys:
            inputs: dict[str, Any] = {"scope": "SERVICE", "service_ids": [self.service.service_id], **self._timeout}
            if key.description is not None:
                inputs["description"] = key.description
            made[key.name] = ApiKey(api_key_name(name, key), inputs, opts=opts)
        return made

    def _connections(self, name: str, args: InferenceServiceArgs,
                     opts: pulumi.ResourceOptions) -> dict[str, IntranetConnection]:
        made = {}
        for c in args.private_connections:
            inputs: dict[str, Any] = {"service_id": self.service.service_id, "scene": "VPC",
                                      "vpc_id": c.vpc_id, "subnet_id": c.subnet_id, **self._timeout}
            if c.custom_urls is not None:
                inputs["custom_urls"] = list(c.custom_urls)
            if c.approval_wait_seconds is not None:
                inputs["approval_wait_seconds"] = c.approval_wait_seconds
            made[c.name] = IntranetConnection(f"{name}-conn-{c.name}", inputs, opts=opts)
        return made

    def _expose(self) -> None:
        self.service_id = self.service.service_id
        self.predict_url = self.service.predict_url
        self.deployment_ids = _collect({n: d.deployment_id for n, d in self.deployments.items()})
        self.api_key_values = pulumi.Output.secret(_collect({n: k.api_key for n, k in self.api_keys.items()}))
        self.connection_ids = _collect({n: c.connection_id for n, c in self.connections.items()})
        self.connection_statuses = _collect({n: c.status for n, c in self.connections.items()})
        self.private_urls = _collect({n: c.url_list for n, c in self.connections.items()})
        self.register_outputs({
            "service_id": self.service_id,
            "predict_url": self.predict_url,
            "deployment_ids": self.deployment_ids,
            "api_keys": self.api_key_values,
            "connection_ids": self.connection_ids,
            "connection_statuses": self.connection_statuses,
            "private_urls": self.private_urls,
        })
