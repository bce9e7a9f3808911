"""How the components become PAI-EAS resources: their inputs, validation through the EAS models, the children.

EAS has no service object of its own: a service group appears with its first
member and goes with its last (eas-api.md 4.2, 6.2). So the component's
service is an `eas.Service` (the group, by name) and each deployment an
`eas.Deployment`, a member EAS service named `<service_name>_<name>` (EAS
names are unique in a region, not in a group). The Service is registered
after its deployments, so that it records the group's endpoints and token
on the first `up` rather than on the next one.

The group's token is the only credential of the group's endpoint, and EAS
has no API to create, change or revoke it: the component's one API key is
that token. Arguments EAS cannot carry (a second key, probes, descriptions,
private connections, ModelArts' protocol and approval settings, Ascend
NPUs, switched-off scaling) are refused at preview with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pulumi

from inference_iac.core.unknowns import is_unknown
from inference_iac.eas import Deployment, ScalingRule, Service, TrafficShift
from inference_iac.eas.ids import DEPLOYMENT_ID, SERVICE_ID
from inference_iac.eas.models.common import check_labels, check_name
from inference_iac.eas.models.deployment import DeploymentSpec
from inference_iac.eas.models.scaling_rule import ScalingRuleSpec
from inference_iac.eas.models.service import ServiceSpec
from inference_iac.eas.models.traffic_shift import TrafficShiftSpec

from .args import DeploymentArgs, InferenceServiceArgs, component_rules, compute_problem, label_problem
from .backend import Built, problems_of, timeout_input, walk_inputs

if TYPE_CHECKING:
    from .canary import CanaryReleaseArgs

__all__ = ["build", "canary_problems", "deployment_inputs", "group_name", "member_name", "problems",
           "scaling_inputs", "service_inputs", "traffic_shift"]

# The key of `private_urls` under which the group's VPC endpoint is published.
INTRANET = "intranet"

# Model path -> the component argument it comes from (longest prefix wins).
DEPLOYMENT_PATHS = {
    "metadata.instance": "replicas",
    "metadata.cpu": "custom_spec.cpu",
    "metadata.memory": "custom_spec.memory",
    "metadata.gpu": "custom_spec.gpu",
    "metadata.resource": "pool_id",
    "metadata.rolling_strategy.max_surge": "max_surge",
    "metadata.rolling_strategy.max_unavailable": "max_unavailable",
    "metadata.rolling_strategy": "max_surge",
    "containers[0].image": "image",
    "containers[0].port": "port",
    "containers[0].command": "cmd",
    "containers[0].env": "envs",
    "cloud.computing.instance_type": "flavor",
    "weight": "weight",
}
SHIFT_PATHS = {
    "service_name": "service_id",
    "stable_deployment_name": "stable",
    "canary_deployment_name": "canary",
    "steps": "steps",
    "bake_seconds": "bake_seconds",
    "max_unhealthy_instances": "gate.max_unhealthy_instances",
    "require_running": "gate.require_running",
    "fail_on_events": "gate.fail_on_events",
}

# Why an argument cannot be carried on EAS.
NO_DESCRIPTION = "EAS keeps no description of a service or a service group (ModelArts only)"
NO_PROBES = "the EAS service JSON has no health probe to carry it (ModelArts only)"
NO_ASCEND = "EAS instances have no Ascend NPUs (ModelArts only)"
NO_APPROVAL = "EAS has no owner approval of private access (ModelArts only)"
NO_PROTOCOL = ("EAS endpoints have no protocol setting: leave the default, HTTPS (other protocols are "
               "ModelArts only)")
NO_CONNECTIONS = ("EAS links a VPC to a dedicated gateway, not to a service: declare inference_iac.eas.Gateway "
                  "and IntranetConnection for that; the group's own VPC endpoint is in private_urls['intranet']")
ONE_TOKEN = ("EAS gives a service group exactly one token, created with the group, and has no API to create "
             "another, so a service takes at most one API key")
NO_KEY_DESCRIPTION = "the group's token has no description on EAS"
ALWAYS_ON_SCALER = ("EAS cannot keep a cron scaler switched off: remove `scaling` to stop the scheduled counts "
                    "(the instance count then goes back to `replicas`)")


def group_name(name: str, args: InferenceServiceArgs) -> str:
    return args.service_name or name


def member_name(group: str, d: DeploymentArgs) -> str:
    # EAS service names are unique in a region: the group's name keeps two components' members apart.
    return f"{group}_{d.name}"


# ----- inputs --------------------------------------------------------------------------------------


def service_inputs(name: str, args: InferenceServiceArgs) -> dict[str, Any]:
    return {"name": group_name(name, args)}


def _container(d: DeploymentArgs, args: InferenceServiceArgs) -> dict[str, Any]:
    container: dict[str, Any] = {"image": d.image, "port": d.port if d.port is not None else args.port}
    if d.envs:
        # Sorted: the order of a dict in the program must not make a new version.
        container["env"] = [{"name": key, "value": value} for key, value in sorted(d.envs.items())]
    if d.cmd is not None:
        container["command"] = d.cmd
    return container


def _metadata(group: str, d: DeploymentArgs) -> dict[str, Any]:
    metadata: dict[str, Any] = {"group": group, "instance": d.replicas,
                                "rolling_strategy": {"max_surge": d.max_surge, "max_unavailable": d.max_unavailable}}
    if d.custom_spec is not None:
        resources = {"cpu": d.custom_spec.cpu, "memory": d.custom_spec.memory, "gpu": d.custom_spec.gpu}
        metadata.update({key: value for key, value in resources.items() if value is not None})
    if d.pool_id is not None:
        metadata["resource"] = d.pool_id
    return metadata


def deployment_inputs(group: str, d: DeploymentArgs, args: InferenceServiceArgs) -> dict[str, Any]:
    inputs: dict[str, Any] = {"name": member_name(group, d), "metadata": _metadata(group, d),
                              "containers": [_container(d, args)]}
    if d.flavor is not None:
        inputs["cloud"] = {"computing": {"instance_type": d.flavor}}
    if args.tags:
        inputs["labels"] = dict(args.tags)
    if d.weight is not None:
        inputs["weight"] = d.weight
    return inputs


def scaling_inputs(group: str, d: DeploymentArgs) -> dict[str, Any]:
    jobs = [{"name": r.name, "schedule": r.schedule, "target_size": r.target_replicas} for r in d.scaling.rules]
    return {"deployment_name": member_name(group, d), "cron": {"scale_jobs": jobs}}


# ----- validation -------------------------------------------------------------------------------


def problems(name: str, args: InferenceServiceArgs) -> list[str]:
    """Every problem of the argument object on EAS, each under its argument path."""
    group_problems = _group_problems(name, args)
    found = group_problems + component_rules(args) + _service_refusals(args)
    for index, d in enumerate(args.deployments):
        found += _deployment_problems(group_name(name, args), d, args, f"deployments[{index}]",
                                      judge_name=not group_problems)
    found += _key_problems(args)
    return list(dict.fromkeys(found))


def _group_problems(name: str, args: InferenceServiceArgs) -> list[str]:
    found = problems_of(ServiceSpec, service_inputs(name, args), {"name": "service_name"}, "")
    if found and args.service_name is None:
        found = [f"{problem} (the component name {name!r} is used when service_name is None; set service_name)"
                 for problem in found]
    return found


def _known(value: Any) -> bool:
    return value is not None and not is_unknown(value)


def _service_refusals(args: InferenceServiceArgs) -> list[str]:
    found = []
    if args.description is not None:
        found.append(f"description: {NO_DESCRIPTION}")
    if _known(args.auth_type) and args.auth_type != "API_KEY":
        found.append(f"auth_type: {args.auth_type} cannot be carried on EAS: every EAS service takes its token "
                     "(API_KEY, the default)")
    if _known(args.protocol) and args.protocol != "HTTPS":
        found.append(f"protocol: {NO_PROTOCOL}")
    if args.intranet_approval is not None:
        found.append(f"intranet_approval: {NO_APPROVAL}")
    if args.private_connections:
        found.append(f"private_connections: {NO_CONNECTIONS}")
    if args.tags:
        # Unknown values are judged by the provider; the keys are always known.
        known = {key: value if isinstance(value, str) else "" for key, value in args.tags.items()}
        try:
            check_labels(known)
        except ValueError as error:
            found.append(f"tags: {error}")
    return found


def _key_problems(args: InferenceServiceArgs) -> list[str]:
    found = []
    if len(args.api_keys) > 1:
        found.append(f"api_keys: {ONE_TOKEN} (got {len(args.api_keys)})")
    for index, key in enumerate(args.api_keys):
        where = f"api_keys[{index}]"
        found += [p for p in (label_problem(key.name, where),) if p]
        if key.description is not None:
            found.append(f"{where}.description: {NO_KEY_DESCRIPTION}")
    return found


def _deployment_problems(group: str, d: DeploymentArgs, args: InferenceServiceArgs, where: str,
                         judge_name: bool) -> list[str]:
    found = [p for p in (compute_problem(d, where),) if p]
    for field, why in (("description", NO_DESCRIPTION), ("health_path", NO_PROBES),
                       ("health_initial_delay_seconds", NO_PROBES)):
        if getattr(d, field) is not None:
            found.append(f"{where}.{field}: {why}")
    if d.custom_spec is not None and d.custom_spec.ascend is not None:
        found.append(f"{where}.custom_spec.ascend: {NO_ASCEND}")
    if judge_name:
        found += _member_name_problem(group, d, where)
    # The group and the labels are the service's arguments, judged once above.
    found += problems_of(DeploymentSpec, deployment_inputs(group, d, args), DEPLOYMENT_PATHS, where,
                         skip=lambda path: path.split(".")[0] in ("name", "labels") or path == "metadata.group")
    if d.scaling is not None:
        found += _scaling_problems(group, d, f"{where}.scaling")
    return found


def _member_name_problem(group: str, d: DeploymentArgs, where: str) -> list[str]:
    member = member_name(group, d)
    try:
        check_name(member)
    except ValueError as error:
        return [f"{where}.name: the EAS service name {member!r} (<service_name>_<name>) {error}"]
    return []


def _scaling_problems(group: str, d: DeploymentArgs, where: str) -> list[str]:
    found = []
    if d.scaling.enabled is False:
        found.append(f"{where}.enabled: {ALWAYS_ON_SCALER}")
    paths = {"cron.scale_jobs": "rules", "cron": "rules",
             **{f"cron.scale_jobs[{i}].target_size": f"rules[{i}].target_replicas" for i in range(len(d.scaling.rules))}}
    return found + problems_of(ScalingRuleSpec, scaling_inputs(group, d), paths, where,
                               skip=lambda path: path == "deployment_name")


# ----- the children -----------------------------------------------------------------------------


def build(parent: pulumi.ComponentResource, name: str, args: InferenceServiceArgs) -> Built:
    """The members, their cron scalers and the group, parented to `parent`."""
    group = group_name(name, args)
    timeout = timeout_input(args.timeout_seconds)
    # On EAS a member's replacement takes its endpoint and token with it, like the service's on ModelArts.
    guarded = {"allow_replace": args.allow_replace, **timeout}
    child = pulumi.ResourceOptions(parent=parent)
    deployments = {d.name: Deployment(f"{name}-{d.name}", {**deployment_inputs(group, d, args), **guarded},
                                      opts=child)
                   for d in args.deployments}
    scaling_rules = {
        d.name: ScalingRule(f"{name}-{d.name}-scaling", {**scaling_inputs(group, d), **timeout},
                            opts=pulumi.ResourceOptions(parent=parent, depends_on=[deployments[d.name]]))
        for d in args.deployments if d.scaling is not None
    }
    # After the members: the group exists when the Service is created, so its endpoints and token are
    # recorded by this run.
    service = Service(f"{name}-svc", {**service_inputs(name, args), **guarded},
                      opts=pulumi.ResourceOptions(parent=parent, depends_on=list(deployments.values())))
    return Built(
        service=service, deployments=deployments, scaling_rules=scaling_rules,
        service_id=service.id, predict_url=service.internet_endpoint,
        deployment_ids={n: d.id for n, d in deployments.items()},
        api_key_values={key.name: service.access_token for key in args.api_keys},
        private_urls={INTRANET: service.intranet_endpoint.apply(lambda url: [url] if url else [])},
    )


# ----- CanaryRelease ----------------------------------------------------------------------------


def _name_of(ref: Any, id_format) -> Any:
    """The EAS name behind a resource, an id `<region>/<name>` or an Output of an id."""
    if isinstance(ref, (Service, Deployment)):
        return ref.name  # every input is also an output of a dynamic resource
    if isinstance(ref, pulumi.Output):
        return ref.apply(lambda value: id_format.split(value)[-1])
    return id_format.split(ref)[-1]


def shift_inputs(args: CanaryReleaseArgs) -> dict[str, Any]:
    return {
        "service_name": _name_of(args.service_id, SERVICE_ID),
        "stable_deployment_name": _name_of(args.stable, DEPLOYMENT_ID),
        "canary_deployment_name": _name_of(args.canary, DEPLOYMENT_ID),
        **walk_inputs(args),
    }


def canary_problems(args: CanaryReleaseArgs) -> list[str]:
    found = []
    for field, id_format in (("service_id", SERVICE_ID), ("stable", DEPLOYMENT_ID), ("canary", DEPLOYMENT_ID)):
        ref = getattr(args, field)
        if isinstance(ref, str):
            try:
                id_format.split(ref)
            except ValueError as error:
                found.append(f"{field}: {error}")
        elif not isinstance(ref, (pulumi.Output, Service if field == "service_id" else Deployment)):
            kind = "an inference_iac.eas.Service" if field == "service_id" else "an inference_iac.eas.Deployment"
            found.append(f"{field}: must be {kind} or its id '<region>/<name>' on EAS (got {type(ref).__name__})")
    if found:
        return found
    return problems_of(TrafficShiftSpec, shift_inputs(args), SHIFT_PATHS, "")


def traffic_shift(name: str, args: CanaryReleaseArgs, opts: pulumi.ResourceOptions) -> TrafficShift:
    return TrafficShift(name, {**shift_inputs(args), **timeout_input(args.timeout_seconds)}, opts=opts)
