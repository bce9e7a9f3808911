"""Typed arguments of the inference_iac.eas resources: IDE help for every input (generated; do not edit).

Each resource also takes a plain dict with the same keys.
Regenerate with `python -m inference_iac.core.docgen` after changing a model.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping, Sequence

import pulumi
from typing_extensions import Required, TypedDict


class AutoScalerArgs(TypedDict, total=False):
    """The `AutoScaler` object."""

    min: Required[pulumi.Input[int]]
    """Fewest instances; at least 1 (UpdateServiceAutoScaler: 'must be greater than 0'). integer; >= 1. A change means: in-place update."""
    max: Required[pulumi.Input[int]]
    """Most instances; greater than min. integer; >= 1. A change means: in-place update."""
    scale_strategies: Required[pulumi.Input[Sequence[pulumi.Input[ScaleStrategyArgs]]]]
    """The metrics the count follows, each metric at most once per service. list of object; at least 1 long. A change means: in-place update."""
    behavior: pulumi.Input[BehaviorArgs]
    """How fast the count follows the metrics. object. A change means: in-place update."""


class BehaviorArgs(TypedDict, total=False):
    """The `Behavior` object."""

    on_zero: pulumi.Input[OnZeroArgs]
    """Scaling to and from zero instances. object. A change means: in-place update."""
    scale_down: pulumi.Input[StabilizationWindowArgs]
    """Scaling in. object. A change means: in-place update."""
    scale_up: pulumi.Input[StabilizationWindowArgs]
    """Scaling out. object. A change means: in-place update."""


class CloudArgs(TypedDict, total=False):
    """The `Cloud` object."""

    computing: pulumi.Input[ComputingArgs]
    """Instance types to run on (public resources by type). object. A change means: rolling upgrade (a new version)."""
    networking: pulumi.Input[CloudNetworkingArgs]
    """A VPC the instances can reach (not how callers reach the service: see `networking`). object. A change means: rolling upgrade (a new version)."""


class CloudNetworkingArgs(TypedDict, total=False):
    """The `CloudNetworking` object."""

    vpc_id: pulumi.Input[str]
    """VPC the instances get a network interface in, to reach your resources (outbound access). string; at least 1 long. A change means: rolling upgrade (a new version)."""
    vswitch_id: pulumi.Input[str]
    """vSwitch of that VPC. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    security_group_id: pulumi.Input[str]
    """Security group of the instances' network interfaces. string; at least 1 long. A change means: rolling upgrade (a new version)."""


class ComputingArgs(TypedDict, total=False):
    """The `Computing` object."""

    instance_type: pulumi.Input[str]
    """ECS instance type each instance runs on (e.g. ecs.gn6i-c4g1.xlarge), instead of cpu and memory. string; at least 1 long, at most 128 long. A change means: rolling upgrade (a new version)."""
    instances: pulumi.Input[Sequence[pulumi.Input[InstanceTypeArgs]]]
    """Instance types to choose from, in order of preference (the newer form of instance_type). list of object; at most 32 long. A change means: rolling upgrade (a new version)."""


class ContainerArgs(TypedDict, total=False):
    """The `Container` object."""

    image: Required[pulumi.Input[str]]
    """Image the container runs (a registry address with its tag). string; at least 1 long, at most 1024 long. A change means: rolling upgrade (a new version)."""
    port: pulumi.Input[int]
    """Port the container serves requests on. integer; >= 1, <= 65535. A change means: rolling upgrade (a new version)."""
    script: pulumi.Input[str]
    """Command line that starts the service in the container. string; at most 65536 long. A change means: rolling upgrade (a new version)."""
    command: pulumi.Input[str]
    """Entry command of the container, when `script` is not used. string; at most 65536 long. A change means: rolling upgrade (a new version)."""
    env: pulumi.Input[Sequence[pulumi.Input[EnvVarArgs]]]
    """Environment variables of the container. list of object. A change means: rolling upgrade (a new version)."""


class CronScalerArgs(TypedDict, total=False):
    """The `CronScaler` object."""

    scale_jobs: Required[pulumi.Input[Sequence[pulumi.Input[ScaleJobArgs]]]]
    """The jobs, each setting the instance count on its schedule. list of object; at least 1 long. A change means: in-place update."""
    exclude_dates: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Times at which no job runs, as 5-field cron expressions (e.g. '* * * * 0,6' for weekends). list of string. A change means: in-place update."""


class EnvVarArgs(TypedDict, total=False):
    """The `EnvVar` object."""

    name: Required[pulumi.Input[str]]
    """Name of the environment variable. string; at least 1 long, at most 256 long. A change means: rolling upgrade (a new version)."""
    value: pulumi.Input[str]
    """Its value. Put secrets in a mounted store, not here: the value is part of the service JSON. string; at most 65536 long; default ''. A change means: rolling upgrade (a new version)."""


class InstanceTypeArgs(TypedDict, total=False):
    """The `InstanceType` object."""

    type: Required[pulumi.Input[str]]
    """ECS instance type. string; at least 1 long, at most 128 long. A change means: rolling upgrade (a new version)."""


class MetadataArgs(TypedDict, total=False):
    """The `Metadata` object."""

    group: Required[pulumi.Input[str]]
    """Name of the service group the deployment belongs to: the Service's `name`. The group appears with its first member; a member that joins later takes no group traffic until its weight is released. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: rolling upgrade (a new version)."""
    instance: pulumi.Input[int]
    """Number of instances (workers). A change of the count alone scales, with no new version. While a ScalingRule of the deployment exists it owns the count, and the provider leaves the live value alone. integer; >= 1; default 1. A change means: scale (no new version)."""
    cpu: pulumi.Input[int]
    """CPU cores of each instance. On public resources cpu and memory are required unless cloud.computing gives an instance type. integer; >= 1. A change means: rolling upgrade (a new version)."""
    memory: pulumi.Input[int]
    """Memory of each instance, in MB (with cpu: see there). integer; >= 1. A change means: rolling upgrade (a new version)."""
    gpu: pulumi.Input[int]
    """GPUs of each instance. integer; >= 0. A change means: rolling upgrade (a new version)."""
    resource: pulumi.Input[str]
    """ID of the dedicated resource group to run on (eas-r-...); unset runs on public resources. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    rpc_worker_threads: pulumi.Input[int]
    """Threads that handle requests concurrently in each instance (`rpc.worker_threads`). integer; >= 1. A change means: rolling upgrade (a new version)."""
    rpc_max_queue_size: pulumi.Input[int]
    """Longest request queue of an instance (`rpc.max_queue_size`); when it is full, new requests are refused with HTTP 450. integer; >= 1. A change means: rolling upgrade (a new version)."""
    rpc_keepalive: pulumi.Input[int]
    """Timeout of one request, in milliseconds (`rpc.keepalive`). integer; >= 1. A change means: rolling upgrade (a new version)."""
    rpc_rate_limit: pulumi.Input[int]
    """Queries per second an instance accepts before it refuses requests with HTTP 429 (`rpc.rate_limit`); 0 for no limit. integer; >= 0. A change means: rolling upgrade (a new version)."""
    enable_webservice: pulumi.Input[bool]
    """Whether the service is an AI-Web application (a web UI served by the containers). boolean. A change means: rolling upgrade (a new version)."""
    rolling_strategy: pulumi.Input[RollingStrategyArgs]
    """Pace of rolling updates: how far the instance count may go above and below `instance`. object. A change means: rolling upgrade (a new version)."""


class MirrorArgs(TypedDict, total=False):
    """The `Mirror` object."""

    ratio: Required[pulumi.Input[int]]
    """Percentage of this deployment's requests copied to the targets (their answers are discarded). integer; >= 0, <= 100. A change means: traffic shift (no new version), through the mirror API."""
    targets: Required[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Names of the deployments (EAS services) that receive the copies. list of string; at least 1 long, at most 16 long. A change means: traffic shift (no new version), through the mirror API."""


class NetworkingArgs(TypedDict, total=False):
    """The `Networking` object."""

    gateway: pulumi.Input[str]
    """ID of the dedicated Gateway the service is reached through (its `gateway_id`); unset, the shared gateway. string; at least 1 long. A change means: rolling upgrade (a new version)."""


class OnZeroArgs(TypedDict, total=False):
    """The `OnZero` object."""

    scale_down_grace_period_seconds: pulumi.Input[int]
    """Time without traffic before the count may drop to 0, in seconds (the platform's default: 600). integer; >= 0. A change means: in-place update."""
    scale_up_activation_replicas: pulumi.Input[int]
    """Instances started at once when traffic arrives at 0 instances (the platform's default: 1). integer; >= 1. A change means: in-place update."""


class OssArgs(TypedDict, total=False):
    """The `Oss` object."""

    path: Required[pulumi.Input[str]]
    """OSS path to mount: oss://bucket/dir/. string; matches `^oss://.+`. A change means: rolling upgrade (a new version)."""
    read_only: pulumi.Input[bool]
    """Whether the container can only read the mounted data (`readOnly`). boolean. A change means: rolling upgrade (a new version)."""


class RollingStrategyArgs(TypedDict, total=False):
    """The `RollingStrategy` object."""

    max_surge: pulumi.Input[Any]
    """Instances a rolling update may start on top of `instance`: a whole number, or a percentage of the instances rounded up. EAS's default is 2% of the instances, at least one. integer or string. A change means: rolling upgrade (a new version)."""
    max_unavailable: pulumi.Input[Any]
    """Instances a rolling update may take out of service at once: a whole number, or a percentage of the instances rounded down. Unset, the provider's checks assume 0. integer or string. A change means: rolling upgrade (a new version)."""


class ScaleJobArgs(TypedDict, total=False):
    """The `ScaleJob` object."""

    name: Required[pulumi.Input[str]]
    """Name of the job, unique among the rule's jobs. string; at least 1 long, at most 128 long. A change means: in-place update."""
    schedule: Required[pulumi.Input[str]]
    """When the job runs: a 5-field cron expression (minute hour day-of-month month day-of-week; days of week 0-6 or SUN-SAT, '?' allowed in the day fields), in UTC. string. A change means: in-place update."""
    target_size: Required[pulumi.Input[int]]
    """Instance count the job sets. integer; >= 0. A change means: in-place update."""


class ScaleStrategyArgs(TypedDict, total=False):
    """The `ScaleStrategy` object."""

    metric_name: Required[pulumi.Input[Literal['qps', 'cpu', 'gpu']]]
    """Metric that drives the count: qps (average queries per second of an instance), cpu or gpu (average utilisation of an instance, in percent). one of 'qps', 'cpu', 'gpu'. A change means: in-place update."""
    threshold: Required[pulumi.Input[float]]
    """Value of the metric above which instances are added (below it, removed); a utilisation is at most 100. number; > 0. A change means: in-place update."""
    service: pulumi.Input[str]
    """Service whose metric is read; unset, the deployment's own. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: in-place update."""


class StabilizationWindowArgs(TypedDict, total=False):
    """The `StabilizationWindow` object."""

    stabilization_window_seconds: pulumi.Input[int]
    """How long the metric must stay past its threshold before the count changes, in seconds (the platform's defaults: 300 to scale in, 0 to scale out). integer; >= 0. A change means: in-place update."""


class StorageArgs(TypedDict, total=False):
    """The `Storage` object."""

    mount_path: Required[pulumi.Input[str]]
    """Absolute directory in the container the storage is mounted at. string; at most 1024 long, matches `^/`. A change means: rolling upgrade (a new version)."""
    oss: pulumi.Input[OssArgs]
    """An OSS path mounted at mount_path. object. A change means: rolling upgrade (a new version)."""
    properties: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """What the mount holds for the platform, e.g. {"resource_type": "model"}. map of string to string. A change means: rolling upgrade (a new version)."""


class ServiceArgs(TypedDict, total=False):
    """Inputs of a Service: see docs/reference/eas/service.md."""

    name: Required[pulumi.Input[str]]
    """Name of the service group, unique in the region; Deployments join it with `metadata.group`. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: a group is its name: its members name it in metadata.group."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class DeploymentArgs(TypedDict, total=False):
    """Inputs of a Deployment: see docs/reference/eas/deployment.md."""

    name: Required[pulumi.Input[str]]
    """Name of the EAS service, unique in the region. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: EAS addresses a service by its name, which cannot change."""
    metadata: Required[pulumi.Input[MetadataArgs]]
    """Group, instance count and resources of each instance, request handling and the rolling-update pace. object. A change means: rolling upgrade (a new version)."""
    containers: pulumi.Input[Sequence[pulumi.Input[ContainerArgs]]]
    """Containers of each instance, for a service that runs custom images; or use a processor. list of object; at least 1 long, at most 16 long. A change means: rolling upgrade (a new version)."""
    processor: pulumi.Input[str]
    """Built-in processor to serve the model with (e.g. tensorflow_cpu_1.12), instead of containers. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    processor_path: pulumi.Input[str]
    """Address (OSS or HTTP) of a custom processor package; .tar.gz, .tar.bz2 and .zip are unpacked. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    processor_entry: pulumi.Input[str]
    """Main file of a C, C++ or Python processor (implements Load() and Process()); required for them. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    processor_mainclass: pulumi.Input[str]
    """Main class of a Java processor's JAR; required for Java. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    processor_type: pulumi.Input[Literal['C', 'C++', 'Java', 'Python']]
    """Language of the custom processor: C, C++, Java or Python (any letter case; cpp for C++). one of 'C', 'C++', 'Java', 'Python'. A change means: rolling upgrade (a new version)."""
    model_path: pulumi.Input[str]
    """Address (OSS or public HTTP) of the model file or directory; archives are unpacked. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    model_entry: pulumi.Input[str]
    """Main file of the model, passed to the processor's Load(); unset, model_path itself. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    model_settings: pulumi.Input[Any]
    """Configuration passed to the processor's initialize() (`model_config` in the service JSON). map of string to typing.Any or string. A change means: rolling upgrade (a new version)."""
    oss_endpoint: pulumi.Input[str]
    """Endpoint of the OSS bucket; required when model_path or processor_path is an oss:// path. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    role_arn: pulumi.Input[str]
    """RAM role the service reads OSS paths with. string; at least 1 long. A change means: rolling upgrade (a new version)."""
    storage: pulumi.Input[Sequence[pulumi.Input[StorageArgs]]]
    """Storage mounted into the containers: model weights, code and other data. list of object; at most 64 long. A change means: rolling upgrade (a new version)."""
    cloud: pulumi.Input[CloudArgs]
    """Instance types and the VPC the instances reach. object. A change means: rolling upgrade (a new version)."""
    networking: pulumi.Input[NetworkingArgs]
    """How callers reach the service: through a dedicated Gateway. object. A change means: rolling upgrade (a new version)."""
    features: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Platform features switched on for the service, e.g. {"eas.aliyun.com/enable-rollout": "true"}. map of string to string. A change means: replace: EAS reads features only when it creates a service."""
    workspace_id: pulumi.Input[str]
    """PAI workspace the service is created in. string; at least 1 long, at most 64 long. A change means: replace: a service cannot move between workspaces."""
    weight: pulumi.Input[int]
    """Share of the group's traffic, relative to the other members' weights (0 takes none). Unset leaves it to whatever owns traffic (a TrafficShift or CanaryRelease). integer; >= 0, <= 1000. A change means: traffic shift (no new version), through the ReleaseService."""
    initial_weight: pulumi.Input[int]
    """Weight the deployment is created with when `weight` is unset, e.g. 0 for a canary that a TrafficShift then moves up; unset too, a new deployment takes weight 100. integer; >= 0, <= 1000. A change means: used only when creating; never compared."""
    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Labels of the service (keys 1-128 characters, not starting with 'aliyun', 'acs:' or 'inference-iac.'); a change adds, overwrites and removes labels without a new version. map of string to string. A change means: in-place update, through the label API."""
    safety_lock: pulumi.Input[Literal['all', 'dangerous', 'none']]
    """Operations the platform refuses: all (every change), dangerous (delete and stop) or none. Deleting the Deployment releases the lock first. one of 'all', 'dangerous', 'none'. A change means: in-place update, through the safety lock API."""
    mirror: pulumi.Input[MirrorArgs]
    """Copies of this deployment's live traffic sent to other deployments (e.g. a shadow canary); set it on the stable deployment. Unset leaves the live mirror alone; ratio 0 stops the copies. object. A change means: traffic shift (no new version), through the mirror API."""
    state: pulumi.Input[Literal['running', 'stopped']]
    """Run state the provider keeps the deployment in; unset leaves it alone. one of 'running', 'stopped'. A change means: start or stop."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class GatewayArgs(TypedDict, total=False):
    """Inputs of a Gateway: see docs/reference/eas/gateway.md."""

    name: Required[pulumi.Input[str]]
    """Alias of the gateway; an interrupted create is adopted by it, so keep it unique in the region. string; at least 1 long, at most 64 long. A change means: in-place update."""
    instance_type: Required[pulumi.Input[Literal['2c4g', '4c8g', '8c16g', '16c32g']]]
    """Size of each gateway node: 2c4g, 4c8g, 8c16g or 16c32g (cores and GB of memory); a change replaces the nodes one by one. one of '2c4g', '4c8g', '8c16g', '16c32g'. A change means: in-place update."""
    replicas: pulumi.Input[int]
    """Number of gateway nodes. integer; >= 1. A change means: in-place update."""
    enable_internet: pulumi.Input[bool]
    """Whether the gateway is reachable from the internet (the platform's default: no). boolean. A change means: in-place update."""
    enable_intranet: pulumi.Input[bool]
    """Whether the gateway is reachable from VPCs (the platform's default: yes). boolean. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    enable_ssl_redirection: pulumi.Input[bool]
    """Whether HTTP requests are redirected to HTTPS; set by an update right after the create. boolean. A change means: in-place update."""
    is_default: pulumi.Input[bool]
    """Whether this is the region's default dedicated gateway; set by an update right after the create. boolean. A change means: in-place update."""
    charge_type: pulumi.Input[Literal['PrePaid', 'PostPaid']]
    """Billing method: PrePaid (subscription) or PostPaid (pay-as-you-go). one of 'PrePaid', 'PostPaid'. A change means: replace: the billing method is chosen when the gateway is bought (the API never returns it: compared with the last applied value)."""
    auto_renewal: pulumi.Input[bool]
    """Whether a subscription renews itself (the platform's default: no). boolean. A change means: used only when creating; never compared."""
    resource_name: pulumi.Input[str]
    """ID of the resource group the gateway is created for (ListResources' ResourceId). string; at least 1 long. A change means: used only when creating; never compared."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class IntranetConnectionArgs(TypedDict, total=False):
    """Inputs of a IntranetConnection: see docs/reference/eas/intranet_connection.md."""

    gateway_id: Required[pulumi.Input[str]]
    """ID of the dedicated Gateway (its `gateway_id` output) the endpoint belongs to. string; matches `^gw-[A-Za-z0-9]+$`. A change means: replace: EAS has no update for a linked VPC: a new gateway is another intranet endpoint."""
    vpc_id: Required[pulumi.Input[str]]
    """ID of your VPC the endpoint is placed in. string; matches `^vpc-[A-Za-z0-9]+$`. A change means: replace: EAS has no update for a linked VPC: a new VPC is another intranet endpoint."""
    vswitch_id: Required[pulumi.Input[str]]
    """ID of the vSwitch (in a zone the gateway supports) the endpoint takes its IP address from. string; matches `^vsw-[A-Za-z0-9]+$`. A change means: replace: EAS has no update for a linked VPC: a new vSwitch is another intranet endpoint."""
    enable_authoritative_dns: pulumi.Input[bool]
    """Whether the gateway's intranet domain resolves authoritatively in the VPC. boolean. A change means: replace: EAS has no update for a linked VPC: a new DNS setting is another intranet endpoint."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class ScalingRuleArgs(TypedDict, total=False):
    """Inputs of a ScalingRule: see docs/reference/eas/scaling_rule.md."""

    deployment_name: Required[pulumi.Input[str]]
    """Name of the Deployment (EAS service) whose instance count the rule sets. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: a scaler belongs to one service; another service's is another rule."""
    cron: pulumi.Input[CronScalerArgs]
    """Scheduled counts (the cron scaler); removing it deletes the cron scaler. object. A change means: in-place update."""
    autoscaler: pulumi.Input[AutoScalerArgs]
    """Metric-driven counts between min and max (the autoscaler); removing it deletes the autoscaler. object. A change means: in-place update."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class ApiKeyArgs(TypedDict, total=False):
    """Inputs of a ApiKey: see docs/reference/eas/api_key.md."""

    name: Required[pulumi.Input[str]]
    """Name of the key, recorded on the service as the label `inference-iac.api-key`; a service whose label names another key refuses this one. string; at least 1 long, at most 128 long, matches `^[A-Za-z0-9._-]+$`. A change means: replace: EAS has no API for keys: a new name means a new key (and a new token value)."""
    deployment_name: Required[pulumi.Input[str]]
    """Name of the Deployment (EAS service) whose token this key is; one key per service. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: a token belongs to one service; another service's token is another key."""
    rotation: pulumi.Input[str]
    """Any text; changing it rotates the token: the key is replaced, with a new value. string; at most 256 long. A change means: replace: rotating a token replaces the key."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class TrafficShiftArgs(TypedDict, total=False):
    """Inputs of a TrafficShift: see docs/reference/eas/traffic_shift.md."""

    service_name: Required[pulumi.Input[str]]
    """Name of the Service (group) whose traffic is shifted; both deployments must be its members. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: a traffic shift moves traffic inside one service group."""
    stable_deployment_name: Required[pulumi.Input[str]]
    """Name of the deployment traffic moves away from; at each step it gets 100 minus the step. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: shifting between other deployments is a different shift."""
    canary_deployment_name: Required[pulumi.Input[str]]
    """Name of the deployment traffic moves to; it must differ from stable_deployment_name. string; matches `^[a-z][a-z0-9_]{2,62}$`. A change means: replace: a new canary is a new release: its shift starts over."""
    steps: Required[pulumi.Input[Sequence[pulumi.Input[int]]]]
    """Canary weights in percent, strictly increasing, in the order they are applied; the last one is where the shift ends. list of integer; at least 1 long, at most 20 long, each item >= 0, <= 100. A change means: in-place update."""
    bake_seconds: pulumi.Input[float]
    """Wait after each step before its health gate is checked, in seconds. number; >= 0, <= 86400; default 0. A change means: in-place update."""
    max_unhealthy_instances: pulumi.Input[int]
    """Gate: how many unhealthy instances (both deployments together) a step tolerates. integer; >= 0; default 0. A change means: in-place update."""
    require_running: pulumi.Input[bool]
    """Gate: whether both deployments must be Running; when off, only a Failed one fails the step. boolean; default True. A change means: in-place update."""
    fail_on_events: pulumi.Input[bool]
    """Gate: whether a new Warning event of either deployment fails the step. boolean; default True. A change means: in-place update."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


__all__ = ["ApiKeyArgs", "AutoScalerArgs", "BehaviorArgs", "CloudArgs", "CloudNetworkingArgs", "ComputingArgs", "ContainerArgs", "CronScalerArgs", "DeploymentArgs", "EnvVarArgs", "GatewayArgs", "InstanceTypeArgs", "IntranetConnectionArgs", "MetadataArgs", "MirrorArgs", "NetworkingArgs", "OnZeroArgs", "OssArgs", "RollingStrategyArgs", "ScaleJobArgs", "ScaleStrategyArgs", "ScalingRuleArgs", "ServiceArgs", "StabilizationWindowArgs", "StorageArgs", "TrafficShiftArgs"]
