"""Typed arguments of the inference_iac.modelarts.v1 resources: IDE help for every input (generated; do not edit).

Each resource also takes a plain dict with the same keys.
Regenerate with `python -m inference_iac.core.docgen` after changing a model.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping, Sequence

import pulumi
from typing_extensions import Required, TypedDict


class AffinityNodeArgs(TypedDict, total=False):
    """The `AffinityNode` object."""

    name: Required[pulumi.Input[str]]
    """Node name: the node's private IP address. string; at least 1 long, at most 128 long. A change means: in-place update."""


class AffinityPoolArgs(TypedDict, total=False):
    """The `AffinityPool` object."""

    pool_name: Required[pulumi.Input[str]]
    """The pool the nodes are in: the pool the service is deployed in (config or service pool_name). string; at least 1 long, at most 64 long. A change means: in-place update."""
    nodes: Required[pulumi.Input[Sequence[pulumi.Input[AffinityNodeArgs]]]]
    """The nodes of the pool the instances are scheduled to. list of object. A change means: in-place update."""


class CustomFlavorArgs(TypedDict, total=False):
    """The `CustomFlavor` object."""

    cpu: Required[pulumi.Input[float]]
    """CPU cores, at least 0.01; the platform keeps two decimals. number; >= 0.01. A change means: in-place update."""
    memory: Required[pulumi.Input[int]]
    """Memory in MB. integer; >= 1. A change means: in-place update."""
    gpu_p4: pulumi.Input[float]
    """GPUs (may be a fraction, two decimals kept); not together with ascend_a310. number; >= 0. A change means: in-place update."""
    ascend_a310: pulumi.Input[int]
    """Ascend chips; not together with gpu_p4. integer; >= 0. A change means: in-place update."""


class LogReportChannelArgs(TypedDict, total=False):
    """The `LogReportChannel` object."""

    type: pulumi.Input[Literal['LTS']]
    """Where logs are reported: LTS, the only channel. one of 'LTS'; default 'LTS'. A change means: in-place update."""
    configuration: pulumi.Input[LtsConfigurationArgs]
    """The LTS log group and stream. object. A change means: in-place update."""


class LogVolumeArgs(TypedDict, total=False):
    """The `LogVolume` object."""

    host_path: Required[pulumi.Input[str]]
    """Directory on the host the logs are written to. string; at least 1 long, at most 1024 long. A change means: in-place update."""
    mount_path: Required[pulumi.Input[str]]
    """Directory in the container where the logs are; absolute, not a system directory. string; at least 1 long, at most 1024 long. A change means: in-place update."""


class LtsConfigurationArgs(TypedDict, total=False):
    """The `LtsConfiguration` object."""

    log_group_id: Required[pulumi.Input[str]]
    """LTS log group the logs go to. string; at least 1 long, at most 64 long. A change means: in-place update."""
    log_stream_id: Required[pulumi.Input[str]]
    """LTS log stream the logs go to. string; at least 1 long, at most 64 long. A change means: in-place update."""


class ModelAdditionalPropertiesArgs(TypedDict, total=False):
    """The `ModelAdditionalProperties` object."""

    log_volume: pulumi.Input[Sequence[pulumi.Input[LogVolumeArgs]]]
    """Host directories mounted for logs; only on a dedicated resource pool. list of object. A change means: in-place update."""
    max_surge: pulumi.Input[float]
    """Instances a rolling upgrade may add: below 1 a share of the instances, from 1 a number (platform default 1). number; > 0. A change means: in-place update."""
    max_unavailable: pulumi.Input[float]
    """Instances a rolling upgrade may take away: below 1 a share of the instances, from 1 a number (platform default 0). number; >= 0. A change means: in-place update."""
    termination_grace_period_seconds: pulumi.Input[int]
    """How long a container may take to stop gracefully, in seconds. integer; >= 0. A change means: in-place update."""
    persistent_volumes: pulumi.Input[Sequence[pulumi.Input[PersistentVolumeArgs]]]
    """Persistent storage mounted into the containers. list of object. A change means: in-place update."""


class NodeAffinityArgs(TypedDict, total=False):
    """The `NodeAffinity` object."""

    mode: Required[pulumi.Input[Literal['required', 'preferred']]]
    """'required': instances run only on the named nodes (scheduling fails without them); 'preferred': on them when they can. one of 'required', 'preferred'. A change means: in-place update."""
    pool_infos: pulumi.Input[Sequence[pulumi.Input[AffinityPoolArgs]]]
    """The pools and nodes the affinity names. list of object. A change means: in-place update."""


class PersistentVolumeArgs(TypedDict, total=False):
    """The `PersistentVolume` object."""

    name: pulumi.Input[str]
    """Name of the volume. string; at least 1 long, at most 1024 long. A change means: in-place update."""
    mount_path: Required[pulumi.Input[str]]
    """Where the volume is mounted in the container (e.g. /tmp); absolute, not a system directory such as / or /var/run, best an empty one. string; at least 1 long, at most 1024 long. A change means: in-place update."""
    storage_type: pulumi.Input[Literal['sfs_turbo']]
    """Kind of storage: sfs_turbo. one of 'sfs_turbo'. A change means: in-place update."""
    source_address: pulumi.Input[str]
    """What is mounted: the SFS Turbo ID. string; at least 1 long, at most 1024 long. A change means: in-place update."""


class ScheduleArgs(TypedDict, total=False):
    """The `Schedule` object."""

    type: pulumi.Input[Literal['stop']]
    """What happens when the timer expires: 'stop' the service, the only action. one of 'stop'; default 'stop'. A change means: in-place update."""
    time_unit: Required[pulumi.Input[Literal['DAYS', 'HOURS', 'MINUTES']]]
    """Unit of `duration`. one of 'DAYS', 'HOURS', 'MINUTES'. A change means: in-place update."""
    duration: Required[pulumi.Input[int]]
    """How long the service runs before the platform stops it, in time_unit: at most 24 hours in all. integer; >= 1. A change means: in-place update."""


class ServiceAdditionalPropertiesArgs(TypedDict, total=False):
    """The `ServiceAdditionalProperties` object."""

    smn_notification: pulumi.Input[SmnNotificationArgs]
    """Notifications of status changes through Simple Message Notification (SMN). object. A change means: in-place update."""
    log_report_channels: pulumi.Input[Sequence[pulumi.Input[LogReportChannelArgs]]]
    """Log reporting to LTS; once enabled it cannot be changed (a new service can). list of object. A change means: in-place update."""
    websocket_upgrade: pulumi.Input[bool]
    """Whether calls are upgraded to WebSocket; once enabled it cannot be turned off (a new service can). boolean. A change means: in-place update."""


class ServiceAffinityArgs(TypedDict, total=False):
    """The `ServiceAffinity` object."""

    node_affinity: pulumi.Input[NodeAffinityArgs]
    """Which nodes the instances are scheduled to. object. A change means: replace."""


class ServiceConfigArgs(TypedDict, total=False):
    """The `ServiceConfig` object."""

    model_id: Required[pulumi.Input[str]]
    """ID of the model version to deploy (a `Model`'s model_id); it must be published, and each model version appears at most once in `config`. string; at least 1 long, at most 64 long. A change means: in-place update."""
    specification: Required[pulumi.Input[str]]
    """Flavor of each instance, e.g. modelarts.vm.cpu.2u (the v1 documents also name modelarts.vm.gpu.pnt004 and modelarts.vm.ai1.snt3, which must be requested) or any flavor the region offers; 'custom' (with custom_spec) only on a dedicated pool. string. A change means: in-place update."""
    instance_count: Required[pulumi.Input[int]]
    """Instances of this model, 1 to 128. integer; >= 1, <= 128. A change means: in-place update."""
    weight: pulumi.Input[int]
    """Share of the traffic this model gets, 0 to 100 (a numeric string such as "70" is taken too); required for real-time services, whose weights sum to 100. integer; >= 0, <= 100. A change means: in-place update."""
    envs: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Environment variables of the model's containers. map of string to string. A change means: in-place update."""
    custom_spec: pulumi.Input[CustomFlavorArgs]
    """The resources of one instance, required when specification is custom (and only then). object. A change means: in-place update."""
    deploy_timeout_in_seconds: pulumi.Input[int]
    """How long one instance may take to deploy, 180 to 7200 seconds (platform default 20 minutes). integer; >= 180, <= 7200. A change means: replace: the v1 update API's config has no deploy timeout (seed 001)."""
    cluster_id: pulumi.Input[str]
    """Dedicated pool (old-style cluster, or the edge pool) of this model, overriding the service's; needs a service-level cluster_id or pool_name. string; at least 1 long, at most 64 long. A change means: in-place update."""
    pool_name: pulumi.Input[str]
    """Dedicated pool of this model, overriding the service's; needs a service-level cluster_id or pool_name; not for edge services. string; at least 1 long, at most 64 long. A change means: in-place update."""
    nodes: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Edge services: IDs of the IEF edge nodes to deploy to, each once (optional at creation, required by the update API). list of string. A change means: in-place update."""
    src_path: pulumi.Input[str]
    """Batch services (required): OBS path of the input data; a .manifest file with src_type ManifestFile. string; at least 1 long, at most 1024 long. A change means: in-place update."""
    dest_path: pulumi.Input[str]
    """Batch services (required): OBS path the results are written to. string; at least 1 long, at most 1024 long. A change means: in-place update."""
    req_uri: pulumi.Input[str]
    """Batch services (required): the model's inference API path that each input is sent to, e.g. /. string; matches `^/\\S*$`. A change means: in-place update."""
    mapping_type: pulumi.Input[Literal['file', 'csv']]
    """Batch services (required): one request per input file ('file') or per CSV row ('csv'). one of 'file', 'csv'. A change means: in-place update."""
    mapping_rule: pulumi.Input[Mapping[str, pulumi.Input[Any]]]
    """Batch services with mapping_type csv (required then): which CSV column feeds each input parameter. map of string to typing.Any. A change means: in-place update."""
    src_type: pulumi.Input[Literal['ManifestFile']]
    """Batch services: 'ManifestFile' when src_path is a manifest file listing the inputs. one of 'ManifestFile'. A change means: in-place update."""
    additional_properties: pulumi.Input[ModelAdditionalPropertiesArgs]
    """Rolling-upgrade pace, graceful stop and volumes of the model's instances. object. A change means: in-place update."""
    affinity: pulumi.Input[ServiceAffinityArgs]
    """Which nodes of the dedicated pool the instances are scheduled to. object. A change means: replace: the v1 update API's config has no affinity (seed 001)."""


class ServiceSecretArgs(TypedDict, total=False):
    """The `ServiceSecret` object."""

    secretId: Required[pulumi.Input[str]]
    """ID of the secret to mount. string; at least 1 long, at most 128 long. A change means: replace."""
    mouthPath: Required[pulumi.Input[str]]
    """Absolute path the secret is mounted at (the API spells it mouthPath). string; at least 1 long, at most 1024 long, matches `^/`. A change means: replace."""


class SmnNotificationArgs(TypedDict, total=False):
    """The `SmnNotification` object."""

    topic_urn: Required[pulumi.Input[str]]
    """URN of the SMN topic that is notified. string; at least 1 long, at most 256 long. A change means: in-place update."""
    events: Required[pulumi.Input[Sequence[pulumi.Input[int]]]]
    """The status changes to notify: 1 failed, 3 running, 7 concerning, 11 pending. list of integer; at least 1 long. A change means: in-place update."""


class TemplateArgs(TypedDict, total=False):
    """The `Template` object."""

    template_id: Required[pulumi.Input[str]]
    """ID of the template the model is built from. string; at least 1 long. A change means: replace."""
    infer_format: pulumi.Input[str]
    """Input and output mode of the template. string. A change means: replace."""
    template_inputs: pulumi.Input[Sequence[pulumi.Input[TemplateInputArgs]]]
    """The template's inputs. list of object. A change means: replace."""


class TemplateInputArgs(TypedDict, total=False):
    """The `TemplateInput` object."""

    input_id: Required[pulumi.Input[str]]
    """ID of the template's input. string; at least 1 long. A change means: replace."""
    input: Required[pulumi.Input[str]]
    """Where the input comes from (an OBS path). string; at least 1 long. A change means: replace."""


class ModelArgs(TypedDict, total=False):
    """Inputs of a Model: see docs/reference/modelarts-v1/model.md."""

    model_name: Required[pulumi.Input[str]]
    """Model name: 1 to 64 letters, digits, hyphens (-) and underscores (_). The versions of a model share it. string. A change means: replace: the model registry has no update: a changed model is a new model version."""
    model_version: Required[pulumi.Input[str]]
    """Version, as Digit.Digit.Digit with each part a number from 0 to 99 without a leading zero (e.g. 1.0.0); a model name holds each version once. string. A change means: replace: the model registry has no update: a changed model is a new model version."""
    model_type: pulumi.Input[Literal['TensorFlow', 'MXNet', 'Caffe', 'Spark_MLlib', 'Scikit_Learn', 'XGBoost', 'Image', 'PyTorch', 'Template', 'MindSpore', 'Custom']]
    """What the model is: Image (a container image in SWR, the usual choice) or a framework's model files (TensorFlow, PyTorch, MindSpore, ...), or Template. one of 'TensorFlow', 'MXNet', 'Caffe', 'Spark_MLlib', 'Scikit_Learn', 'XGBoost', 'Image', 'PyTorch', 'Template', 'MindSpore', 'Custom'; default 'Image'. A change means: replace: the model registry has no update: a changed model is a new model version."""
    source_location: pulumi.Input[str]
    """Where the model is: the SWR image address for an Image model, else the OBS path of its files; required unless model_type is Template. string; at least 1 long, at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    source_copy: pulumi.Input[Literal['true', 'false']]
    """Whether the registry keeps its own copy of the image ('true', the platform's default) or uses it where it is; only for Image models. one of 'true', 'false'. A change means: replace: the model registry has no update: a changed model is a new model version."""
    install_type: pulumi.Input[Sequence[pulumi.Input[Literal['real-time', 'batch', 'edge']]]]
    """The kinds of service the model may be deployed as (real-time, batch, edge), each once; the platform takes real-time and batch when it is not set. list of one of 'real-time', 'batch', 'edge'; at least 1 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    description: pulumi.Input[str]
    """Free text about the model: 1 to 100 characters, none of &!'"<>=. string; at least 1 long, at most 100 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    initial_config: pulumi.Input[Mapping[str, pulumi.Input[Any]]]
    """The model's configuration file (config.json) as an object: protocol, port, health check, apis, ... A JSON string of an object is taken too. The registry shows it back as `config`. map of string to typing.Any. A change means: replace: the model registry has no update: a changed model is a new model version."""
    workspace_id: pulumi.Input[str]
    """ModelArts workspace of the model: '0' for the default workspace. string; at least 1 long, at most 64 long; default '0'. A change means: replace: the model registry has no update: a changed model is a new model version."""
    runtime: pulumi.Input[str]
    """Runtime environment of a framework model (e.g. python3.6); not for Image models. string; at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    execution_code: pulumi.Input[str]
    """OBS path of the model's inference code. string; at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    model_algorithm: pulumi.Input[str]
    """Algorithm of the model (e.g. image_classification). string; at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    model_metrics: pulumi.Input[str]
    """The model's precision figures, as a JSON string. string; at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version."""
    dependencies: pulumi.Input[Sequence[pulumi.Input[Mapping[str, pulumi.Input[Any]]]]]
    """Packages the inference code needs ({installer, packages: [...]}), for framework models. list of map of string to typing.Any. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    apis: pulumi.Input[Sequence[pulumi.Input[Mapping[str, pulumi.Input[Any]]]]]
    """The inference APIs the model serves ({protocol, url, method, request, response}). list of map of string to typing.Any. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    input_params: pulumi.Input[Sequence[pulumi.Input[Mapping[str, pulumi.Input[Any]]]]]
    """Parameters the model takes. list of map of string to typing.Any. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    output_params: pulumi.Input[Sequence[pulumi.Input[Mapping[str, pulumi.Input[Any]]]]]
    """Parameters the model returns. list of map of string to typing.Any. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    model_docs: pulumi.Input[Sequence[pulumi.Input[Mapping[str, pulumi.Input[Any]]]]]
    """Links to the model's documentation ({doc_name, doc_url}); at most 3. list of map of string to typing.Any; at most 3 long. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    source_job_id: pulumi.Input[str]
    """ID of the training job that produced the model. string; at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    source_job_version: pulumi.Input[str]
    """Version of the training job that produced the model. string; at most 1024 long. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    source_type: pulumi.Input[Literal['auto']]
    """'auto' for a model made by ExeML; leave unset otherwise. one of 'auto'. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    template: pulumi.Input[TemplateArgs]
    """The template a Template model is built from; required for model_type Template. object. A change means: replace: the model registry has no update: a changed model is a new model version (the API never returns it: compared with the last applied value)."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class ServiceArgs(TypedDict, total=False):
    """Inputs of a Service: see docs/reference/modelarts-v1/service.md."""

    service_name: Required[pulumi.Input[str]]
    """Service name: 1 to 64 letters, digits, hyphens (-) and underscores (_), unique in the project. string. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    infer_type: pulumi.Input[Literal['real-time', 'batch', 'edge']]
    """What the service is: real-time (a web service that keeps running, several models by weight), batch (one model run over a data set, stopping when done) or edge (one model on IEF edge nodes). one of 'real-time', 'batch', 'edge'; default 'real-time'. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    workspace_id: pulumi.Input[str]
    """ModelArts workspace of the service: '0' for the default workspace. string; at least 1 long, at most 64 long; default '0'. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    description: pulumi.Input[str]
    """Free text about the service: at most 100 characters, none of !<>+&"'. string; at most 100 long; default ''. A change means: in-place update."""
    schedule: pulumi.Input[Sequence[pulumi.Input[ScheduleArgs]]]
    """Auto stop of a real-time service: at most one entry, at most 24 hours; an empty list removes it. list of object; at most 1 long. A change means: in-place update."""
    cluster_id: pulumi.Input[str]
    """Dedicated pool of the service: an old-style cluster ID, or the edge pool of an edge service; pool_name wins when both are set. string; at least 1 long, at most 64 long. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    pool_name: pulumi.Input[str]
    """Dedicated pool of the service (a pool of the project, e.g. pool-dedicated-0001); the shared pool is used when neither it nor cluster_id is set. string; at least 1 long, at most 64 long. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    vpc_id: pulumi.Input[str]
    """VPC the instances of a real-time service join (needs subnet_network_id and security_group_id); ignored on a dedicated pool, which brings its own network. string; at least 1 long, at most 64 long. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    subnet_network_id: pulumi.Input[str]
    """Network ID of the subnet in vpc_id. string; at least 1 long, at most 64 long. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    security_group_id: pulumi.Input[str]
    """Security group of the instances in vpc_id; it must let TCP port 8080 in. string; at least 1 long, at most 64 long. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it."""
    config: Required[pulumi.Input[Sequence[pulumi.Input[ServiceConfigArgs]]]]
    """The models the service deploys, each version once. Real-time: one or more, with weights summing to 100; batch and edge: exactly one. A change is sent as the whole list, and the service redeploys on it. list of object; at least 1 long. A change means: in-place update."""
    additional_properties: pulumi.Input[ServiceAdditionalPropertiesArgs]
    """Notifications, log reporting and WebSocket of the service. object. A change means: in-place update."""
    load_balancer_policy: pulumi.Input[Literal['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP']]
    """How a real-time service's load balancer spreads requests: weighted round robin, weighted least connections or source IP. one of 'ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP'. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it (the API never returns it: compared with the last applied value)."""
    service_secrets: pulumi.Input[Sequence[pulumi.Input[ServiceSecretArgs]]]
    """Secrets mounted into the service's containers. list of object. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it (the API never returns it: compared with the last applied value)."""
    priority: pulumi.Input[int]
    """Preemption priority, 1 to 3, of a real-time or batch service: higher-priority services are scheduled first. integer; >= 1, <= 3. A change means: replace: the v1 update API does not take it (seed 001): only a new service can change it (the API never returns it: compared with the last applied value)."""
    state: pulumi.Input[Literal['running', 'stopped']]
    """Run state the provider keeps a real-time or batch service in (a finished batch job counts as stopped); unset leaves it alone. one of 'running', 'stopped'. A change means: start or stop."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


__all__ = ["AffinityNodeArgs", "AffinityPoolArgs", "CustomFlavorArgs", "LogReportChannelArgs", "LogVolumeArgs", "LtsConfigurationArgs", "ModelAdditionalPropertiesArgs", "ModelArgs", "NodeAffinityArgs", "PersistentVolumeArgs", "ScheduleArgs", "ServiceAdditionalPropertiesArgs", "ServiceAffinityArgs", "ServiceArgs", "ServiceConfigArgs", "ServiceSecretArgs", "SmnNotificationArgs", "TemplateArgs", "TemplateInputArgs"]
