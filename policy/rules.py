"""The platform rules as plain functions over plain data.

Each rule takes a resource's inputs (a dict with the API's field names, as
the dynamic provider's `check` returns them) and returns the violation
messages, so it can be tested without the policy engine. `pack.py` wraps them
as CrossGuard policies.

Values the engine does not know yet (outputs of resources still to be
created, during a preview) arrive as Pulumi's unknown sentinels. A rule that
needs such a value does not decide: it reports nothing, and the engine runs
the same policy again at `pulumi up` time, when the value is known.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from pulumi_policy.proxy import (
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
)

from inference_iac.core.registry import type_in_urn

from .clouds import MODELARTS, MODELARTS_V1, CloudFacts, RetiringApi, facts_for

# Stack names (shell-style patterns) that count as production by default.
DEFAULT_PRODUCTION_STACKS = ["prod", "prod-*", "production", "production-*"]
DEFAULT_MIN_REPLICAS = 2

_UNKNOWNS = frozenset({UNKNOWN_ARRAY_VALUE, UNKNOWN_BOOLEAN_VALUE, UNKNOWN_NUMBER_VALUE,
                       UNKNOWN_OBJECT_VALUE, UNKNOWN_STRING_VALUE})
_PERCENT = re.compile(r"^(\d{1,3})%$")


class Unknown(Exception):
    """A value a rule needs is not known yet."""


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value in _UNKNOWNS


def contains_unknown(value: Any) -> bool:
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return is_unknown(value)


def lookup(props: Mapping[str, Any], path: str, default: Any = None) -> Any:
    """The value at a dotted path, `default` when any part is missing or null; Unknown when unknown."""
    node: Any = props
    for key in path.split("."):
        if is_unknown(node):
            raise Unknown(path)
        if not isinstance(node, Mapping) or node.get(key) is None:
            return default
        node = node[key]
    if is_unknown(node):
        raise Unknown(path)
    return node


def whole(value: Any) -> Any:
    """Numbers come through the engine as floats (2.0); show and compare whole ones as ints."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# ----- stacks -----------------------------------------------------------------------------

def stack_of(urn: str) -> str:
    """The stack a URN belongs to: `urn:pulumi:<stack>::<project>::<type>::<name>`."""
    head = urn.split("::", 1)[0]
    return head.split(":", 2)[2] if head.count(":") >= 2 else ""


def is_production(stack: str, patterns: Iterable[str] | None = None) -> bool:
    return any(fnmatch.fnmatchcase(stack, p) for p in (DEFAULT_PRODUCTION_STACKS if patterns is None else patterns))


def label(name: str, props: Mapping[str, Any], name_key: str = "name") -> str:
    """How a message names the resource: its Pulumi name, and its API name (input `name_key`) when known and other."""
    api_name = props.get(name_key)
    return f"{name!r}" if not isinstance(api_name, str) or is_unknown(api_name) or api_name == name \
        else f"{name!r} ({name_key} {api_name!r})"


# ----- 1. authentication ------------------------------------------------------------------

def unauthenticated_service(name: str, props: Mapping[str, Any], facts: CloudFacts = MODELARTS) -> list[str]:
    if facts.auth_path is None:
        return []  # the cloud always authenticates calls
    auth = lookup(props, facts.auth_path, facts.default_auth)
    if auth == facts.no_auth:
        return [f"Service {label(name, props)} accepts unauthenticated calls "
                f"({facts.auth_path}: {facts.no_auth}); require authentication in production."]
    return []


# ----- 2. rolling upgrades ------------------------------------------------------------------

def percent(value: Any) -> int | None:
    match = _PERCENT.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match and int(match.group(1)) <= 100 else None


def unavailable_during_upgrade(count: int, max_unavailable: str) -> int:
    """Replicas a rolling upgrade may take down: the platform rounds count x percentage down."""
    share = percent(max_unavailable)
    if share is None:
        raise ValueError(f"not a percentage: {max_unavailable!r}")
    return count * share // 100


def rolling_upgrade_takes_replicas_down(name: str, props: Mapping[str, Any], facts: CloudFacts = MODELARTS) -> list[str]:
    count = whole(lookup(props, facts.count_path, facts.default_count))
    setting = lookup(props, facts.max_unavailable_path, facts.default_max_unavailable)
    path = facts.max_unavailable_path
    if isinstance(whole(setting), int) and not isinstance(setting, bool) and whole(setting) >= 0:
        setting = whole(setting)  # a whole number of replicas (EAS), not a share
        if setting:
            return [f"Deployment {label(name, props)} may take {setting} of its {count} replicas out of service "
                    f"during a rolling upgrade ({path}: {setting}); set it to 0 so that capacity never drops."]
        return []
    if percent(setting) is None:
        return [f"Deployment {label(name, props)}: {path} is {setting!r}, not a percentage from '0%' to '100%'."]
    down = unavailable_during_upgrade(int(count), setting)
    if down:
        return [f"Deployment {label(name, props)} may take {down} of its {count} replicas out of service during a "
                f"rolling upgrade ({path}: {setting!r} of count {count} rounds down to {down}); "
                "set it to '0%' (or a share that rounds down to 0) so that capacity never drops."]
    return []


# ----- 3. API keys --------------------------------------------------------------------------

def api_key_not_scoped(name: str, props: Mapping[str, Any], facts: CloudFacts = MODELARTS) -> list[str]:
    if facts.scope_path is None:
        return []  # the cloud's keys are scoped to one service by construction
    scope = lookup(props, facts.scope_path, facts.default_scope)
    if scope == "USER":
        return [f"ApiKey {label(name, props)} has scope USER, which is valid for every service of the project; "
                "use scope SERVICE and list the services in service_ids."]
    if scope != "SERVICE":
        return [f"ApiKey {label(name, props)} has scope {scope!r}; only SERVICE keys bound to named services are allowed."]
    service_ids = props.get("service_ids")
    if is_unknown(service_ids):
        raise Unknown("service_ids")
    if not service_ids:
        return [f"ApiKey {label(name, props)} is bound to no service (service_ids is empty); "
                "name the services it may call."]
    return []


# ----- 4. replicas and weights --------------------------------------------------------------

def too_few_replicas(name: str, props: Mapping[str, Any], facts: CloudFacts = MODELARTS,
                     minimum: int = DEFAULT_MIN_REPLICAS) -> list[str]:
    count = whole(lookup(props, facts.count_path, facts.default_count))
    if int(count) < minimum:
        return [f"Deployment {label(name, props)} runs {count} replica(s) (count); production needs at least "
                f"{minimum} so that one failing instance does not take the service down."]
    return []


def weight_out_of_range(name: str, props: Mapping[str, Any], facts: CloudFacts = MODELARTS) -> list[str]:
    problems = []
    for path in facts.weight_paths:
        value = whole(lookup(props, path))
        if value is not None and not (isinstance(value, int) and not isinstance(value, bool)
                                      and 0 <= value <= facts.max_weight):
            problems.append(f"Deployment {label(name, props)}: {path} is {value!r}; weights are whole numbers "
                            f"0-{facts.max_weight}.")
    return problems


# ----- 5. services on a retiring API ----------------------------------------------------------

def new_retiring_service(name: str, props: Mapping[str, Any], api: RetiringApi = MODELARTS_V1) -> list[str]:
    """A service the engine does not know yet (neither in the stack's state nor being imported) is new.

    The provider's `check` marks the others; a replacement of an existing service keeps the mark, as it
    adds no service to the retiring API.
    """
    if props.get(api.existing_key) is True:
        return []
    return [f"{api.cloud} Service {label(name, props, api.name_key)} would be a new service on an API that is being "
            f"retired; create {api.successor} instead. Existing {api.cloud} services (in the stack, or imported) are not flagged: "
            "`inference-migrate` writes the v2 program of one."]


def _kind(resource_type: str) -> str | None:
    facts = facts_for(resource_type)
    return facts.kind_of(resource_type) if facts else None


@dataclass
class StackResource:
    """What the stack rule needs of one resource."""

    urn: str
    type: str
    props: Mapping[str, Any]
    # URNs of the resources the input naming the service came from (`service_id`; on EAS `metadata`, which
    # holds the group): empty when it is a literal.
    service_id_from: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.urn.rsplit("::", 1)[-1]


def service_reference(resource: StackResource) -> tuple[str, str] | None:
    """(cloud, the value by which the resource names its service), None when it is not known yet.

    A ModelArts resource names its service by id; on EAS a service group is
    its name, which its members hold in `metadata.group`.
    """
    facts = facts_for(resource.type)
    path = facts.service_ref_path(facts.kind_of(resource.type)) if facts else None
    if path is None:
        return None
    try:
        value = lookup(resource.props, path)
    except Unknown:
        return None
    return (facts.cloud, value) if isinstance(value, str) and value else None


ServiceKey = tuple[str, str]  # ("", the Service's URN) or (cloud, the reference) when the Service is elsewhere


def _service_key(resource: StackResource, urn_of_ref: Mapping[tuple[str, str], str]) -> ServiceKey | None:
    """One key per service: the Service resource's URN when it is in the stack, else the service reference.

    On a first preview the deployments' `service_id` is unknown, but it comes
    from the Service resource, which the property dependencies name.
    """
    reference = service_reference(resource)
    if reference is not None:
        return ("", urn_of_ref[reference]) if reference in urn_of_ref else reference
    facts = facts_for(resource.type)
    services = [u for u in resource.service_id_from if facts and type_in_urn(u) == facts.service]
    return ("", services[0]) if len(services) == 1 else None


def traffic_weight(props: Mapping[str, Any]) -> Any:
    """The weight a deployment's inputs give it: `weight`, or while that is unset the one it is created
    with (`initial_weight`; None, the full weight, when both are unset)."""
    weight = props.get("weight")
    return props.get("initial_weight") if weight is None else weight


def services_without_traffic(resources: Iterable[StackResource]) -> list[tuple[str, str]]:
    """(message, urn of one deployment) for each service whose deployments all have weight 0.

    A deployment without a weight is created with its initial_weight, or the
    full weight when that is unset too (and then keeps what its traffic owner,
    e.g. a TrafficShift, gives it); a service passes when some deployment's
    weight is positive, unset or not known yet, or when its service is not known.
    """
    resources = list(resources)
    urn_of_id = {reference: r.urn for r in resources
                 if _kind(r.type) == "service" and (reference := service_reference(r)) is not None}
    groups: dict[ServiceKey, list[StackResource]] = {}
    for resource in resources:
        if _kind(resource.type) != "deployment":
            continue
        key = _service_key(resource, urn_of_id)
        if key is not None:
            groups.setdefault(key, []).append(resource)
    owned = {_service_key(r, urn_of_id) for r in resources if _kind(r.type) == "traffic_shift"}
    violations = []
    for key, deployments in sorted(groups.items()):
        if key in owned:
            continue  # the traffic shift sets these weights
        weights = [traffic_weight(d.props) for d in deployments]
        if all(w == 0 and not isinstance(w, bool) for w in weights):
            names = ", ".join(sorted(d.name for d in deployments))
            cloud, reference = key
            service = reference if cloud else reference.rsplit("::", 1)[-1]
            violations.append((f"Every deployment of service {service!r} has weight 0 ({names}), so it would receive "
                               "no traffic; give at least one deployment a positive weight.", deployments[0].urn))
    return violations
