"""Typed arguments of the inference_iac.modelarts resources: IDE help for every input (generated; do not edit).

Each resource also takes a plain dict with the same keys.
Regenerate with `python -m inference_iac.core.docgen` after changing a model.
"""

from __future__ import annotations

from typing import Literal, Mapping, Sequence

import pulumi
from typing_extensions import Required, TypedDict


class AdvancedConfigArgs(TypedDict, total=False):
    """The `AdvancedConfig` object."""

    port: pulumi.Input[int]
    """Port the image listens on for inference requests. integer; >= 1, <= 65535; default 8080. A change means: rolling upgrade (a new version)."""
    protocol: pulumi.Input[Literal['HTTP', 'HTTPS', 'WS', 'WSS', 'TCP', 'NA']]
    """Protocol the containers serve: HTTP or HTTPS behind an HTTP(S) service, the service's own protocol behind a WebSocket one; TCP, or NA for none. one of 'HTTP', 'HTTPS', 'WS', 'WSS', 'TCP', 'NA'; default 'HTTP'. A change means: rolling upgrade (a new version)."""
    upgrade_config: pulumi.Input[UpgradeConfigArgs]
    """Pace of the deployment's rolling upgrades. object; default see its fields. A change means: rolling upgrade (a new version)."""
    deploy_timeout_minutes: pulumi.Input[int]
    """Time a replica may take to be deployed and start, in minutes, before the deployment fails. integer; >= 1, <= 300. A change means: rolling upgrade (a new version)."""
    dynamic_routing_enable: pulumi.Input[bool]
    """Whether intelligent routing picks the replica for each request, following `strategy`. boolean. A change means: rolling upgrade (a new version)."""
    strategy: pulumi.Input[Literal['ROUND_ROBIN', 'ORIGIN_IP_HASH', 'MIN_CONN', 'MIN_FIRST_TOKEN_TIME', 'COMPOSITE', 'SLO_BASED']]
    """Intelligent routing policy: ROUND_ROBIN, ORIGIN_IP_HASH, MIN_CONN, MIN_FIRST_TOKEN_TIME, COMPOSITE (overall load, which reads the metric_api_* endpoint) or SLO_BASED. one of 'ROUND_ROBIN', 'ORIGIN_IP_HASH', 'MIN_CONN', 'MIN_FIRST_TOKEN_TIME', 'COMPOSITE', 'SLO_BASED'. A change means: rolling upgrade (a new version)."""
    ems_enable: pulumi.Input[bool]
    """Whether EMS acceleration is on for the deployment. boolean. A change means: rolling upgrade (a new version)."""
    metric_api_scheme: pulumi.Input[Literal['HTTP', 'HTTPS']]
    """Protocol of the containers' metrics endpoint that intelligent routing reads. one of 'HTTP', 'HTTPS'. A change means: rolling upgrade (a new version)."""
    metric_api_port: pulumi.Input[str]
    """Port of the containers' metrics endpoint that intelligent routing reads, '1' to '65535'. string; matches `^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$`. A change means: rolling upgrade (a new version)."""
    metric_api_path: pulumi.Input[str]
    """Path of the containers' metrics endpoint that intelligent routing reads. string. A change means: rolling upgrade (a new version)."""
    custom_metrics_path: pulumi.Input[str]
    """Where the platform collects custom metrics from the containers, as 'protocol,port,path' (e.g. 'http,8080,metrics'). string; at most 255 long, matches `^(http|https),([1-9][0-9]{0,4}),[A-Za-z0-9._-][A-Za-z0-9._/-]*$`. A change means: rolling upgrade (a new version)."""
    mooncake_enable: pulumi.Input[bool]
    """Whether the Mooncake cache is on for the deployment. boolean. A change means: rolling upgrade (a new version)."""


class AffinityArgs(TypedDict, total=False):
    """The `Affinity` object."""

    affinity_type: Required[pulumi.Input[Literal['AFFINITY', 'ANTI_AFFINITY']]]
    """AFFINITY places the unit on the target nodes; ANTI_AFFINITY keeps it off them. one of 'AFFINITY', 'ANTI_AFFINITY'. A change means: rolling upgrade (a new version)."""
    required: Required[pulumi.Input[bool]]
    """Whether the rule is strict (the unit stays unscheduled rather than break it) or only a preference. boolean. A change means: rolling upgrade (a new version)."""
    selection_mode: pulumi.Input[Literal['IP']]
    """How targets names the nodes: IP, by their IP addresses. one of 'IP'; default 'IP'. A change means: rolling upgrade (a new version)."""
    targets: Required[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
    """The nodes the rule is about, named as selection_mode says. map of string to string; at most 20 long. A change means: rolling upgrade (a new version)."""


class AutoStopArgs(TypedDict, total=False):
    """The `AutoStop` object."""

    type: pulumi.Input[Literal['STOP']]
    """What the timer does when it expires: STOP the service, the only action. one of 'STOP'; default 'STOP'. A change means: in-place update."""
    time_unit: pulumi.Input[Literal['MINUTES', 'HOURS', 'DAYS']]
    """Unit of `duration`. one of 'MINUTES', 'HOURS', 'DAYS'; default 'HOURS'. A change means: in-place update."""
    duration: Required[pulumi.Input[int]]
    """How long the service runs before the platform stops it, in time_unit; 1 minute to 7 days in all. integer; >= 1. A change means: in-place update."""


class CustomArgs(TypedDict, total=False):
    """The `Custom` object."""

    cpu: Required[pulumi.Input[float]]
    """CPU cores of each instance, to two decimals. number; >= 0.01. A change means: rolling upgrade (a new version)."""
    memory: Required[pulumi.Input[int]]
    """Memory of each instance, in MB (at least 4). integer; >= 4. A change means: rolling upgrade (a new version)."""
    gpu: pulumi.Input[float]
    """GPUs of each instance; a fraction (two decimals) takes a share of a GPU. number; >= 0. A change means: rolling upgrade (a new version)."""
    ascend: pulumi.Input[int]
    """Ascend NPUs of each instance. integer; >= 0. A change means: rolling upgrade (a new version)."""
    arch: pulumi.Input[Literal['x86', 'arm64']]
    """CPU architecture of the nodes to run on. one of 'x86', 'arm64'. A change means: rolling upgrade (a new version)."""


class DumpArgs(TypedDict, total=False):
    """The `Dump` object."""

    source: Required[pulumi.Input[Literal['OBS', 'OBSFS']]]
    """Storage the artifacts are dumped to, in any letter case: an OBS bucket or an OBS parallel file system. one of 'OBS', 'OBSFS'. A change means: rolling upgrade (a new version)."""
    address: pulumi.Input[str]
    """OBS address (obs:// or https) the artifacts are written to; not the bucket or file system of a file or model mount. string; at most 1024 long. A change means: rolling upgrade (a new version)."""
    mount_path: Required[pulumi.Input[str]]
    """Container directory whose artifacts are dumped: it starts and ends with '/', holds only letters, digits, '-', '_', '.' and '/', and is used by no other mount of the unit. string; at most 255 long. A change means: rolling upgrade (a new version)."""


class ElbConnectionArgs(TypedDict, total=False):
    """The `ElbConnection` object."""

    elb_id: Required[pulumi.Input[str]]
    """ID of your load balancer in Elastic Load Balance (ELB) that the service is connected to; not blank. string; at least 1 long. A change means: in-place update."""
    m_tls: pulumi.Input[bool]
    """Whether the load balancer's HTTPS listener also authenticates clients (mutual TLS); only with service protocol HTTPS or WSS. boolean. A change means: in-place update."""
    ca_cert_id: pulumi.Input[str]
    """ID of the certificate the HTTPS listener checks client certificates with; only with service protocol HTTPS or WSS. string. A change means: in-place update."""
    server_cert_id: pulumi.Input[str]
    """ID of the server certificate the HTTPS listener presents; only with service protocol HTTPS or WSS. string. A change means: in-place update."""
    sni_cert_ids: pulumi.Input[Sequence[pulumi.Input[str]]]
    """IDs of the SNI certificates of the HTTPS listener, chosen by the host name a client asks for; only with service protocol HTTPS or WSS. list of string. A change means: in-place update."""


class FuseConfigArgs(TypedDict, total=False):
    """The `FuseConfig` object."""

    error_rate_fuse_enable: pulumi.Input[bool]
    """Whether a circuit breaker stops calls when the error rate of the service reaches error_rate_threshold. boolean; default False. A change means: in-place update."""
    error_rate_threshold: pulumi.Input[float]
    """Error rate (a fraction of the requests, kept to two decimals) that trips the circuit breaker. number; > 0, <= 1. A change means: in-place update."""


class HealthArgs(TypedDict, total=False):
    """The `Health` object."""

    check_method: pulumi.Input[Literal['HTTP', 'EXEC']]
    """How the probe checks the container: HTTP sends a GET to `url` (a 200-399 answer passes); EXEC runs `cmd` in the container (exit code 0 passes). one of 'HTTP', 'EXEC'; default 'HTTP'. A change means: rolling upgrade (a new version)."""
    url: pulumi.Input[str]
    """Path the probe requests: '/' followed by letters, digits, '-', '_', '/' or ':' (no query string); required when check_method is HTTP. string; at most 1024 long, matches `^/[A-Za-z0-9_/:-]{0,1023}$`. A change means: rolling upgrade (a new version)."""
    cmd: pulumi.Input[str]
    """Command the probe runs, which must exist in the image; required when check_method is EXEC. It must not contain any of # ~ ^ $ | % & * < > ( ) ' " [ ] { }. string; at most 1024 long. A change means: rolling upgrade (a new version)."""
    protocol: pulumi.Input[Literal['HTTP', 'HTTPS', 'WS', 'WSS']]
    """Protocol of the probe's request; it must match the protocol the container serves. one of 'HTTP', 'HTTPS', 'WS', 'WSS'. A change means: rolling upgrade (a new version)."""
    initial_delay_seconds: pulumi.Input[int]
    """Wait before the first probe, in seconds. integer; >= 1, <= 2147483647; default 30. A change means: rolling upgrade (a new version)."""
    timeout_seconds: pulumi.Input[int]
    """Time one probe may take before it counts as failed, in seconds. integer; >= 1, <= 2147483647; default 30. A change means: rolling upgrade (a new version)."""
    period_seconds: pulumi.Input[int]
    """Interval between two probes, in seconds. integer; >= 1, <= 2147483647; default 10. A change means: rolling upgrade (a new version)."""
    failure_threshold: pulumi.Input[int]
    """Consecutive failed probes after which the check fails. integer; >= 1, <= 2147483647; default 3. A change means: rolling upgrade (a new version)."""


class HpaRuleArgs(TypedDict, total=False):
    """The `HpaRule` object."""

    name: Required[pulumi.Input[str]]
    """Name of the rule, unique among the deployment's rules. string; at least 4 long, at most 64 long, matches `^[a-z][a-z0-9-]{2,62}[a-z0-9]$`. A change means: in-place update."""
    type: pulumi.Input[Literal['CRON_HPA', 'METRIC_HPA']]
    """CRON_HPA, a periodic rule that sets the replica count on `schedule`, or METRIC_HPA, a metric-based rule. one of 'CRON_HPA', 'METRIC_HPA'; default 'CRON_HPA'. A change means: in-place update."""
    schedule: Required[pulumi.Input[str]]
    """When the rule fires: a 5-field cron expression (minute, hour, day of month, month, day of week; no seconds field). string. A change means: in-place update."""
    target_replicas: Required[pulumi.Input[int]]
    """Replica count the deployment is set to when the rule fires. integer; >= 1, <= 128. A change means: in-place update."""


class ImageArgs(TypedDict, total=False):
    """The `Image` object."""

    source: pulumi.Input[Literal['SWR', 'IMAGE']]
    """Where the image comes from: SWR (SoftWare Repository for Container) or IMAGE (an image managed by ModelArts). one of 'SWR', 'IMAGE'; default 'SWR'. A change means: rolling upgrade (a new version)."""
    swr_path: Required[pulumi.Input[str]]
    """Address of the image, in the form its `source` uses (for SWR, the image path with its tag); not blank. string; at least 1 long, at most 1024 long. A change means: rolling upgrade (a new version)."""
    id: pulumi.Input[str]
    """ID of the image in ModelArts. string; at most 64 long. A change means: rolling upgrade (a new version)."""
    category: pulumi.Input[Literal['GPU', 'CPU', 'ASCEND']]
    """Processor the image is built for; the platform assumes CPU when it is not given. one of 'GPU', 'CPU', 'ASCEND'. A change means: rolling upgrade (a new version)."""


class LogConfigArgs(TypedDict, total=False):
    """The `LogConfig` object."""

    type: Required[pulumi.Input[Literal['STDOUT', 'EVENT', 'FILE']]]
    """Which logs go to Log Tank Service (LTS): STDOUT (container output), EVENT (Kubernetes events) or FILE (log files in the containers); one config per type. one of 'STDOUT', 'EVENT', 'FILE'. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    status: pulumi.Input[Literal['ON', 'OFF']]
    """Whether these logs are sent to LTS. one of 'ON', 'OFF'; default 'ON'. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    log_group_id: pulumi.Input[str]
    """Your LTS log group to write to; the platform creates one when it is not given. string. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    log_stream_id: pulumi.Input[str]
    """Your LTS log stream to write to; the platform creates one when it is not given. string. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    files: pulumi.Input[Sequence[pulumi.Input[LtsFileArgs]]]
    """The log files to collect, for type FILE. list of object; at most 10 long. A change means: in-place update (the API never returns it: compared with the last applied value)."""


class LtsFileArgs(TypedDict, total=False):
    """The `LtsFile` object."""

    log_path: Required[pulumi.Input[str]]
    """Path in the container where the log files are written. string; at most 512 long, matches `^/`. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    file_pattern: Required[pulumi.Input[str]]
    """Name pattern of the log files to collect, not blank; it must not match archives (.gz, .tar, .zip). string; at least 1 long, at most 255 long. A change means: in-place update (the API never returns it: compared with the last applied value)."""


class ModelMountArgs(TypedDict, total=False):
    """The `ModelMount` object."""

    source: Required[pulumi.Input[Literal['OBS', 'OBSFS', 'EFS', 'LOCAL']]]
    """Kind of storage, in any letter case: OBS (a bucket), OBSFS (an OBS parallel file system), EFS (an elastic file system such as SFS Turbo) or LOCAL (a directory of the host). one of 'OBS', 'OBSFS', 'EFS', 'LOCAL'. A change means: rolling upgrade (a new version)."""
    address: pulumi.Input[str]
    """Address of the data in the storage, in that storage's form (e.g. obs://bucket/path/). string; at most 1024 long. A change means: rolling upgrade (a new version)."""
    mount_path: Required[pulumi.Input[str]]
    """Container directory the storage is mounted at: it starts and ends with '/', holds only letters, digits, '-', '_', '.' and '/', is used by no other mount of the unit and does not lie inside another mount. string; at most 255 long. A change means: rolling upgrade (a new version)."""
    host_cache: pulumi.Input[bool]
    """Whether the data is cached on the node's local disk to load faster. boolean. A change means: rolling upgrade (a new version)."""
    efs_sub_path: pulumi.Input[str]
    """Sub-directory of the file system to mount, for source EFS. string. A change means: rolling upgrade (a new version)."""
    read_only: pulumi.Input[bool]
    """Whether the container can only read the mounted data. boolean. A change means: rolling upgrade (a new version)."""
    os_warm_up: pulumi.Input[bool]
    """Whether the data is pre-warmed on the resource pool's nodes (named by source_name); replicas are then placed on pre-warmed nodes only. boolean. A change means: rolling upgrade (a new version)."""
    source_name: pulumi.Input[str]
    """Name of the pre-warmed data (at most 64 characters); required when os_warm_up is true. string; at most 64 long. A change means: rolling upgrade (a new version)."""
    asset_id: pulumi.Input[str]
    """ID of the platform asset (a preset model) to use; required when the model comes from the asset catalogue. string. A change means: rolling upgrade (a new version)."""


class MountArgs(TypedDict, total=False):
    """The `Mount` object."""

    source: Required[pulumi.Input[Literal['OBS', 'OBSFS', 'EFS', 'LOCAL']]]
    """Kind of storage, in any letter case: OBS (a bucket), OBSFS (an OBS parallel file system), EFS (an elastic file system such as SFS Turbo) or LOCAL (a directory of the host). one of 'OBS', 'OBSFS', 'EFS', 'LOCAL'. A change means: rolling upgrade (a new version)."""
    address: pulumi.Input[str]
    """Address of the data in the storage, in that storage's form (e.g. obs://bucket/path/). string; at most 1024 long. A change means: rolling upgrade (a new version)."""
    mount_path: Required[pulumi.Input[str]]
    """Container directory the storage is mounted at: it starts and ends with '/', holds only letters, digits, '-', '_', '.' and '/', is used by no other mount of the unit and does not lie inside another mount. string; at most 255 long. A change means: rolling upgrade (a new version)."""
    host_cache: pulumi.Input[bool]
    """Whether the data is cached on the node's local disk to load faster. boolean. A change means: rolling upgrade (a new version)."""
    efs_sub_path: pulumi.Input[str]
    """Sub-directory of the file system to mount, for source EFS. string. A change means: rolling upgrade (a new version)."""
    read_only: pulumi.Input[bool]
    """Whether the container can only read the mounted data. boolean. A change means: rolling upgrade (a new version)."""
    os_warm_up: pulumi.Input[bool]
    """Whether the data is pre-warmed on the resource pool's nodes (named by source_name); replicas are then placed on pre-warmed nodes only. boolean. A change means: rolling upgrade (a new version)."""
    source_name: pulumi.Input[str]
    """Name of the pre-warmed data (at most 64 characters); required when os_warm_up is true. string; at most 64 long. A change means: rolling upgrade (a new version)."""


class RateLimitArgs(TypedDict, total=False):
    """The `RateLimit` object."""

    num: Required[pulumi.Input[int]]
    """Most requests the service accepts per `unit` of time; requests above it are refused. integer; >= 1, <= 10000. A change means: in-place update."""
    unit: pulumi.Input[Literal['SECONDS', 'MINUTES']]
    """Time window that `num` counts requests in. one of 'SECONDS', 'MINUTES'; default 'SECONDS'. A change means: in-place update."""


class RollingUpdateArgs(TypedDict, total=False):
    """The `RollingUpdate` object."""

    max_surge: pulumi.Input[str]
    """Replicas a rolling upgrade may start on top of the wanted count, as a percentage of it ('0%' to '100%'), rounded up to whole replicas. Cannot be 0% while max_unavailable is 0% too. string; default '1%'. A change means: what a change of the field holding it means."""
    max_unavailable: pulumi.Input[str]
    """Replicas a rolling upgrade may take out of service at once, as a percentage of the wanted count ('0%' to '100%') rounded down, so 1% of fewer than 100 replicas means none. A first deployment also counts as running with that many replicas missing. string; default '1%'. A change means: what a change of the field holding it means."""


class RuntimeConfigArgs(TypedDict, total=False):
    """The `RuntimeConfig` object."""

    service_invoke: pulumi.Input[ServiceInvokeArgs]
    """How the service is called: port, protocol, authentication, network access and request routing. object; default see its fields. A change means: in-place update."""
    service_limit: pulumi.Input[ServiceLimitArgs]
    """Limits on the requests the service accepts: rate, size, time and source addresses. object; default see its fields. A change means: in-place update."""
    service_secret: pulumi.Input[ServiceSecretArgs]
    """Secrets mounted into the service's containers. object. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    server_task_limit: pulumi.Input[ServerTaskLimitArgs]
    """Task quota of an asynchronous service: required when the service type is ASYNC_REAL_TIME, refused otherwise. object. A change means: in-place update."""
    smart_routing_enable: pulumi.Input[bool]
    """Whether smart traffic splitting is on for the service. boolean. A change means: in-place update."""


class SecretVolumeArgs(TypedDict, total=False):
    """The `SecretVolume` object."""

    secret_name: pulumi.Input[str]
    """Name of the secret; for a DEW secret, the secret in Data Encryption Workshop to mount. string. A change means: in-place update."""
    secret_key: Required[pulumi.Input[str]]
    """Key of the secret value; must not start with '..'. string; at least 1 long, at most 63 long, matches `^[A-Za-z0-9._-]+$`. A change means: in-place update."""
    secret_value: Required[pulumi.Input[str]]
    """The secret value, base64-encoded and not blank; pass it as a Pulumi secret so it stays encrypted in the state. string; at least 1 long, at most 32768 long. A change means: in-place update."""
    mount_path: Required[pulumi.Input[str]]
    """Container directory the secret is mounted in: a new directory, neither inside nor around the path of another secret. string; at most 255 long, matches `^/(.*/)?$`. A change means: in-place update."""


class SecurityConfigArgs(TypedDict, total=False):
    """The `SecurityConfig` object."""

    user_id: pulumi.Input[int]
    """User ID the container runs as. integer; >= 1, <= 60000. A change means: rolling upgrade (a new version)."""
    group_id: pulumi.Input[int]
    """Group ID the container runs as. integer; >= 1, <= 60000. A change means: rolling upgrade (a new version)."""


class ServerTaskLimitArgs(TypedDict, total=False):
    """The `ServerTaskLimit` object."""

    max_task: Required[pulumi.Input[int]]
    """Most tasks an asynchronous service holds at a time; finished, failed, timed-out and deleted tasks do not count. integer; >= 0, <= 10000. A change means: in-place update."""


class ServiceInvokeArgs(TypedDict, total=False):
    """The `ServiceInvoke` object."""

    port: pulumi.Input[int]
    """Port number of the service's inference endpoint. integer; >= 1, <= 65535; default 8080. A change means: in-place update."""
    protocol: pulumi.Input[Literal['HTTP', 'HTTPS', 'WS', 'WSS']]
    """Protocol the service is called with; WS and WSS make it a WebSocket service. Asynchronous services take only HTTP or HTTPS, and the TLS settings of elb_connection need HTTPS or WSS. one of 'HTTP', 'HTTPS', 'WS', 'WSS'; default 'HTTPS'. A change means: in-place update."""
    auth_type: pulumi.Input[Literal['API_KEY', 'TOKEN', 'NONE']]
    """How callers authenticate: API_KEY (a bearer API key; ApiKeys can be bound only to such services), TOKEN (a project-scoped IAM token) or NONE (anyone who reaches the URL may call). one of 'API_KEY', 'TOKEN', 'NONE'; default 'API_KEY'. A change means: in-place update."""
    internet_access_enable: pulumi.Input[bool]
    """Whether the service can be called from the internet through its public URL. boolean. A change means: in-place update."""
    intranet_approval_enable: pulumi.Input[bool]
    """Whether private network connections to the service wait for the owner's approval; when off they are approved automatically. boolean. A change means: in-place update."""
    dynamic_routing_enable: pulumi.Input[bool]
    """Whether intelligent routing picks the replica for each request, following `strategy`. boolean. A change means: in-place update."""
    strategy: pulumi.Input[Literal['ROUND_ROBIN', 'ORIGIN_IP_HASH', 'MIN_CONN', 'MIN_FIRST_TOKEN_TIME', 'COMPOSITE', 'SLO_BASED']]
    """Intelligent routing policy: round robin, source-IP hash, fewest connections, shortest time to first token, overall load (COMPOSITE, which reads the metric_api_* endpoint) or SLO priority. one of 'ROUND_ROBIN', 'ORIGIN_IP_HASH', 'MIN_CONN', 'MIN_FIRST_TOKEN_TIME', 'COMPOSITE', 'SLO_BASED'. A change means: in-place update."""
    metric_api_scheme: pulumi.Input[Literal['HTTP', 'HTTPS']]
    """Protocol of the containers' metrics endpoint that intelligent routing reads. one of 'HTTP', 'HTTPS'. A change means: in-place update."""
    metric_api_port: pulumi.Input[str]
    """Port of the containers' metrics endpoint that intelligent routing reads. string; matches `^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$`. A change means: in-place update."""
    metric_api_path: pulumi.Input[str]
    """Path of the containers' metrics endpoint that intelligent routing reads. string. A change means: in-place update."""
    ems_enable: pulumi.Input[bool]
    """Whether EMS acceleration is on for the service. boolean. A change means: in-place update."""
    request_retry_enable: pulumi.Input[bool]
    """Whether the platform's request proxy dispatches a failed request again. boolean. A change means: in-place update."""
    request_retry_cnt_max: pulumi.Input[int]
    """How many times the proxy retries a failed request, with request_retry_enable. integer; >= 1, <= 10. A change means: in-place update."""
    request_retry_interval_ms: pulumi.Input[int]
    """Wait between two retries of a request, in milliseconds. integer; >= 1, <= 10000. A change means: in-place update."""
    fuse_configs: pulumi.Input[FuseConfigArgs]
    """Circuit breaker that stops calls when too many of them fail. object. A change means: in-place update."""
    elb_connection: pulumi.Input[ElbConnectionArgs]
    """Connection of the service to a load balancer of yours, with the TLS settings of its HTTPS listener. object. A change means: in-place update."""
    custom_urls: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Custom addresses the service can also be called at. list of string; at most 10 long. A change means: in-place update (the API never returns it: compared with the last applied value)."""


class ServiceLimitArgs(TypedDict, total=False):
    """The `ServiceLimit` object."""

    rate_limit: pulumi.Input[RateLimitArgs]
    """Cap on the number of requests the service accepts per second or minute. object; default see its fields. A change means: in-place update."""
    request_size_limit: pulumi.Input[int]
    """Largest request the service accepts, in MB. integer; >= 1, <= 50; default 12. A change means: in-place update."""
    request_timeout: pulumi.Input[int]
    """How long a request may wait for the first byte of its response, in seconds; a streamed response restarts the wait with every chunk. integer; >= 1, <= 7200; default 60. A change means: in-place update."""
    ip_white_list: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Source IP addresses or CIDR blocks allowed to call the service, all others being refused; not together with ip_black_list. list of string; at most 10 long. A change means: in-place update."""
    ip_black_list: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Source IP addresses or CIDR blocks refused by the service; not together with ip_white_list. list of string; at most 10 long. A change means: in-place update."""


class ServiceSecretArgs(TypedDict, total=False):
    """The `ServiceSecret` object."""

    secret_enable: pulumi.Input[bool]
    """Whether secrets are mounted into the service's containers. boolean; default False. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    secret_type: pulumi.Input[Literal['custom', 'dew']]
    """Where the secrets come from: custom (the values given in secret_volumes) or dew (secrets kept in Data Encryption Workshop). one of 'custom', 'dew'. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    secret_volumes: pulumi.Input[Sequence[pulumi.Input[SecretVolumeArgs]]]
    """The secrets to mount, each at its own path. list of object; at most 30 long. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    group_enable: pulumi.Input[bool]
    """Whether the mounted secret files belong to a user group of the image (group_id), so that only that group can read them. boolean. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    group_id: pulumi.Input[int]
    """ID of the image's user group that owns the mounted secret files, with group_enable. integer; >= 1000, <= 4294967294. A change means: in-place update (the API never returns it: compared with the last applied value)."""


class TagArgs(TypedDict, total=False):
    """The `Tag` object."""

    key: Required[pulumi.Input[str]]
    """Tag key, unique within the service and not blank; it may not start with `_sys_` (reserved for the platform). string; at least 1 long, at most 128 long. A change means: in-place update, through the tag API."""
    value: pulumi.Input[str]
    """Tag value; may be empty. string; at most 256 long; default ''. A change means: in-place update, through the tag API."""


class TerminationGraceArgs(TypedDict, total=False):
    """The `TerminationGrace` object."""

    pre_stop_cmd: pulumi.Input[str]
    """Command run in the container when it is asked to stop (to close connections, flush files...); it must finish within termination_grace_period_seconds. string; at most 255 long. A change means: rolling upgrade (a new version)."""
    termination_grace_period_seconds: pulumi.Input[int]
    """Longest time between the stop signal and a forced kill of the container, in seconds (at most an hour). integer; >= 0, <= 3600. A change means: rolling upgrade (a new version)."""


class UnitConfigArgs(TypedDict, total=False):
    """The `UnitConfig` object."""

    image: Required[pulumi.Input[ImageArgs]]
    """Container image the unit runs. object. A change means: rolling upgrade (a new version)."""
    flavor: pulumi.Input[str]
    """Resource flavor (preset spec) of each instance of the unit, or 'custom' with custom_spec. A unit needs a flavor, a pool_resource_flavor or a custom_spec. string. A change means: rolling upgrade (a new version)."""
    custom_spec: pulumi.Input[CustomArgs]
    """Resources of each instance when no preset flavor fits; needs flavor 'custom' (or none) and a dedicated pool (pool_id). object. A change means: rolling upgrade (a new version)."""
    pool_resource_flavor: pulumi.Input[str]
    """Flavor of the dedicated pool's node pool to run on; with several units, all must use the same node pool. string; matches `^[A-Za-z0-9._-]{1,128}$`. A change means: rolling upgrade (a new version)."""
    name: pulumi.Input[str]
    """Name of the unit, such as that of a prefill or decode role; the platform's intelligent O&M of multi-role deployments relies on it. string; at most 16 long, matches `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`. A change means: rolling upgrade (a new version)."""
    role: pulumi.Input[str]
    """Role of the unit; COMMON is the documented value. string. A change means: rolling upgrade (a new version)."""
    count: pulumi.Input[int]
    """Resource instances of the flavor in each replica of the unit (e.g. 4 instances of an 8-card flavor for 32 cards). integer; >= 1, <= 128. A change means: rolling upgrade (a new version)."""
    group_count: pulumi.Input[int]
    """Replicas of the unit in each deployment replica; ignored for deploy_type SINGLE and workload_type DEPLOYMENT. integer; >= 1, <= 100. A change means: rolling upgrade (a new version)."""
    cmd: pulumi.Input[str]
    """Command that starts the container. string; at most 4096 long. A change means: rolling upgrade (a new version)."""
    port: pulumi.Input[int]
    """Port of the unit's container. integer; >= 1, <= 65535. A change means: rolling upgrade (a new version)."""
    envs: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Environment variables of the container. Names are 1-64 letters, digits, '_', '-' and '.' and do not start with a digit; values must not contain HTML ('<' or '>'). Put secrets in mounted secrets, not here. map of string to string; default {}. A change means: rolling upgrade (a new version)."""
    readiness_health: pulumi.Input[HealthArgs]
    """Readiness probe: while it fails, the instance is taken out of load balancing. object. A change means: rolling upgrade (a new version)."""
    startup_health: pulumi.Input[HealthArgs]
    """Startup probe: the other probes wait until it passes, and a failure restarts the instance. Without it, a replica counts as running as soon as it is scheduled. object. A change means: rolling upgrade (a new version)."""
    liveness_health: pulumi.Input[HealthArgs]
    """Liveness probe: a failure restarts the instance. object. A change means: rolling upgrade (a new version)."""
    recovery: pulumi.Input[Literal['Instance', 'Role', 'Pod']]
    """What the platform rebuilds when a pod restarts after a fault or change: the whole deployment replica (Instance), the unit (Role) or the pod alone (Pod); unset, it rebuilds nothing. one of 'Instance', 'Role', 'Pod'. A change means: rolling upgrade (a new version)."""
    npu_reset_enable: pulumi.Input[bool]
    """Whether the platform recovers from NPU and hardware faults on its own, moving the work off the faulty node. boolean. A change means: rolling upgrade (a new version)."""
    cpu_affinity: pulumi.Input[bool]
    """Whether the container is bound to fixed CPU cores for speed. boolean. A change means: rolling upgrade (a new version)."""
    termination_grace: pulumi.Input[TerminationGraceArgs]
    """Graceful shutdown: a stop command and the time a stopping container gets; identical for every unit of a multi-role deployment. object. A change means: rolling upgrade (a new version)."""
    security_config: pulumi.Input[SecurityConfigArgs]
    """User and group IDs the container runs as. object. A change means: rolling upgrade (a new version)."""
    affinity: pulumi.Input[AffinityArgs]
    """Node affinity or anti-affinity of the unit; it takes precedence over the deployment's schedule_strategy. object. A change means: rolling upgrade (a new version)."""
    files: pulumi.Input[Sequence[pulumi.Input[MountArgs]]]
    """Storage mounted into the container: model weights, code and other data (at most 15 mounts). list of object; at most 15 long. A change means: rolling upgrade (a new version)."""
    models: pulumi.Input[Sequence[pulumi.Input[ModelMountArgs]]]
    """Model storage to mount (at most 15); deprecated by the platform in favour of `files`. list of object; at most 15 long. A change means: rolling upgrade (a new version)."""
    dumps: pulumi.Input[Sequence[pulumi.Input[DumpArgs]]]
    """Container directories whose artifacts are dumped to OBS (at most 10). list of object; at most 10 long. A change means: rolling upgrade (a new version)."""


class UpgradeConfigArgs(TypedDict, total=False):
    """The `UpgradeConfig` object."""

    type: pulumi.Input[Literal['ROLLING']]
    """Upgrade strategy: ROLLING (replicas replaced a few at a time) is the only one. one of 'ROLLING'; default 'ROLLING'. A change means: what a change of the field holding it means."""
    rolling_update: pulumi.Input[RollingUpdateArgs]
    """Pace of a rolling upgrade: how far the replica count may go above and below the wanted count. object; default see its fields. A change means: what a change of the field holding it means."""


class ServiceArgs(TypedDict, total=False):
    """Inputs of a Service: see docs/reference/modelarts/service.md."""

    name: Required[pulumi.Input[str]]
    """Service name; no two services may share it until one of them is deleted. string; matches `^[A-Za-z0-9\\u4e00-\\u9fa5_-]{1,64}$`. A change means: in-place update."""
    type: pulumi.Input[Literal['REAL_TIME', 'ASYNC_REAL_TIME']]
    """Call mode: REAL_TIME answers each request directly; ASYNC_REAL_TIME queues requests as tasks and needs runtime_config.server_task_limit and protocol HTTP or HTTPS. one of 'REAL_TIME', 'ASYNC_REAL_TIME'; default 'REAL_TIME'. A change means: replace: the call mode (sync/async) of a service is fixed at creation."""
    deploy_type: pulumi.Input[Literal['SINGLE', 'MULTI']]
    """Whether each replica of the service's deployments runs on a single node (SINGLE) or spans several (MULTI). one of 'SINGLE', 'MULTI'; default 'SINGLE'. A change means: replace: single/multi-node deployment type is fixed at creation."""
    workload_type: pulumi.Input[Literal['DEPLOYMENT', 'LWS']]
    """Kind of workload that runs the replicas: DEPLOYMENT, or LWS (a leader-worker set, for replicas spread over several nodes). one of 'DEPLOYMENT', 'LWS'. A change means: replace: the workload type is fixed at creation (the API never returns it: compared with the last applied value)."""
    description: pulumi.Input[str]
    """Free text about the service; it must not contain '<' or '>'. string; at most 512 long; default ''. A change means: in-place update."""
    workspace_id: pulumi.Input[str]
    """ModelArts workspace the service belongs to: '0' for the default workspace, else a workspace ID (at most 64 characters). string; at least 1 long, at most 64 long; default '0'. A change means: replace: a service cannot move between workspaces."""
    task_type: pulumi.Input[Literal['TEXT_GENERATION', 'IMAGE_UNDERSTANDING', 'VIDEO_GENERATION', 'IMAGE_GENERATION', 'RERANK', 'VECTOR_MODEL', 'EMBEDDING']]
    """Kind of model the service serves (text generation, reranking, embedding...), which the console's evaluation and live comparison rely on. one of 'TEXT_GENERATION', 'IMAGE_UNDERSTANDING', 'VIDEO_GENERATION', 'IMAGE_GENERATION', 'RERANK', 'VECTOR_MODEL', 'EMBEDDING'. A change means: in-place update."""
    runtime_config: pulumi.Input[RuntimeConfigArgs]
    """How the service is called and what it accepts: invocation, request limits, secrets, task quota. object; default see its fields. A change means: in-place update."""
    upgrade_config: pulumi.Input[UpgradeConfigArgs]
    """Service-level pace of rolling upgrades; each deployment has its own in advanced_config.upgrade_config. object. A change means: in-place update."""
    lts_strategy: pulumi.Input[Literal['POOL', 'AUTO_CREATE', 'DEFAULT']]
    """Where logs go in Log Tank Service (LTS): POOL uses the log stream of the resource pool's log plug-in, AUTO_CREATE creates a stream, DEFAULT lets the platform choose. one of 'POOL', 'AUTO_CREATE', 'DEFAULT'. A change means: in-place update."""
    log_configs: pulumi.Input[Sequence[pulumi.Input[LogConfigArgs]]]
    """Which logs are sent to LTS; at most one config per log type. list of object; at most 3 long. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    tags: pulumi.Input[Sequence[pulumi.Input[TagArgs]]]
    """Key-value tags on the service; each key at most once. list of object; at most 20 long; default []. A change means: in-place update, through the tag API."""
    schedule: pulumi.Input[Sequence[pulumi.Input[AutoStopArgs]]]
    """Auto-stop timer: the platform stops the service once it has run for the given time. list of object; at most 1 long. A change means: in-place update."""
    custom_metrics_path: pulumi.Input[str]
    """Where the platform collects custom metrics from the containers, as 'protocol,port,path' (e.g. 'http,8080,metrics'); it must match what the image serves, or no metrics arrive. string; at most 255 long, matches `^(http|https),([1-9][0-9]{0,4}),[A-Za-z0-9._-][A-Za-z0-9._/-]*$`. A change means: in-place update (the API never returns it: compared with the last applied value)."""
    deploy_timeout_minutes: pulumi.Input[int]
    """Service-level deployment timeout in minutes, kept by the API for compatibility; prefer each deployment's advanced_config.deploy_timeout_minutes. integer; >= 0, <= 300. A change means: in-place update."""
    state: pulumi.Input[Literal['running', 'stopped']]
    """Run state the provider keeps the service in; unset leaves it to the deployments. one of 'running', 'stopped'. A change means: start or stop."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class DeploymentArgs(TypedDict, total=False):
    """Inputs of a Deployment: see docs/reference/modelarts/deployment.md."""

    service_id: Required[pulumi.Input[str]]
    """ID of the service the deployment serves behind. string; at least 1 long. A change means: replace: a deployment belongs to one service for life."""
    name: Required[pulumi.Input[str]]
    """Name of the deployment within its service: 1-128 letters, digits, '-' or '_'. string; at least 1 long, at most 128 long, matches `^[A-Za-z0-9_-]+$`. A change means: replace: deployments are addressed by name (scale, instances); renaming is not supported."""
    count: pulumi.Input[int]
    """Number of replicas. While an enabled ScalingRule of the deployment is active, the rule owns the count and the provider leaves the live value alone. integer; >= 1, <= 128; default 1. A change means: scale (no new version)."""
    weight: pulumi.Input[int]
    """Share of the service's live traffic, relative to the other deployments' weights (all 0: an even split). Unset leaves it to whatever owns traffic (a TrafficShift or CanaryRelease). integer; >= 0, <= 100. A change means: traffic shift (no new version)."""
    initial_weight: pulumi.Input[int]
    """Weight the deployment is created with when `weight` is unset, e.g. 0 for a canary that a CanaryRelease then moves up; unset too, a new deployment takes the full weight (100). integer; >= 0, <= 100. A change means: used only when creating; never compared."""
    pool_id: Required[pulumi.Input[str]]
    """ID of the dedicated resource pool to run on (at most 128 characters). Required: a deployment on the public pool cannot be added, started, stopped, scaled or upgraded on its own. string; at most 128 long. A change means: rolling upgrade (a new version)."""
    framework: pulumi.Input[Literal['COMMON', 'VLLM', 'MINDIE']]
    """Serving framework of the deployment: COMMON (any image), VLLM or MINDIE. one of 'COMMON', 'VLLM', 'MINDIE'; default 'COMMON'. A change means: rolling upgrade (a new version)."""
    deploy_type: pulumi.Input[Literal['SINGLE', 'MULTI']]
    """Whether each replica runs on a single node (SINGLE) or spans several (MULTI); only MULTI deployments may have more than one unit. one of 'SINGLE', 'MULTI'. A change means: rolling upgrade (a new version)."""
    workload_type: pulumi.Input[Literal['DEPLOYMENT', 'LWS']]
    """Kind of workload that runs the replicas: DEPLOYMENT, or LWS (a leader-worker set, for replicas spread over several nodes). one of 'DEPLOYMENT', 'LWS'. A change means: replace: the update API does not accept a workload type."""
    schedule_strategy: pulumi.Input[Literal['HIGH_AVAILABILITY', 'HIGH_UTILIZATION', 'HIGH_PERFORMANCE']]
    """How a dedicated pool places the replicas: spread over nodes (HIGH_AVAILABILITY, the platform's choice when unset), packed onto few nodes (HIGH_UTILIZATION) or HIGH_PERFORMANCE. one of 'HIGH_AVAILABILITY', 'HIGH_UTILIZATION', 'HIGH_PERFORMANCE'. A change means: rolling upgrade (a new version)."""
    high_avail_switch: pulumi.Input[bool]
    """Older switch that spreads replicas over nodes; the platform is retiring it in favour of schedule_strategy. boolean. A change means: rolling upgrade (a new version)."""
    priority: pulumi.Input[int]
    """Scheduling priority on a dedicated pool, 3 the highest; while the deployment runs, the API accepts only its current value. integer; >= 1, <= 3. A change means: rolling upgrade (a new version)."""
    secret_type: pulumi.Input[Literal['dew', 'agency']]
    """Credentials the deployment uses for storage and log reporting: a DEW secret (`dew`, named by secret_name) or temporary agency credentials (`agency`, which need a recent Everest add-on and cluster). one of 'dew', 'agency'. A change means: rolling upgrade (a new version)."""
    secret_name: pulumi.Input[str]
    """Name of the DEW secret holding the credentials; required when secret_type is 'dew'. string. A change means: rolling upgrade (a new version)."""
    system_log_dump_enable: pulumi.Input[bool]
    """Whether system logs are dumped for 30 days to a fixed parallel file system mount; physical NPU pools only. boolean. A change means: rolling upgrade (a new version)."""
    description: pulumi.Input[str]
    """Free text about the deployment; it must not contain '<' or '>'. string; at most 512 long; default ''. A change means: in-place update."""
    mirror_traffic_enable: pulumi.Input[bool]
    """Whether the deployment gets a copy of live traffic (its answers discarded) instead of a share of it; synchronous HTTP or HTTPS services only, and one deployment must still take live traffic. boolean. A change means: traffic shift (no new version)."""
    mirror_traffic_weight: pulumi.Input[int]
    """Percentage of the live traffic copied to the deployment while mirroring is on. integer; >= 0, <= 100. A change means: traffic shift (no new version)."""
    model: pulumi.Input[ModelMountArgs]
    """Where the model comes from: a storage mount of its weights, or a platform asset (asset_id). object. A change means: rolling upgrade (a new version)."""
    unit_configs: Required[pulumi.Input[Sequence[pulumi.Input[UnitConfigArgs]]]]
    """Inference units of each replica: one for a SINGLE deployment, several (such as prefill and decode units) for MULTI. list of object; at least 1 long. A change means: rolling upgrade (a new version)."""
    advanced_config: pulumi.Input[AdvancedConfigArgs]
    """Container port and protocol, rolling-upgrade pace, deployment timeout, routing and metrics settings. object; default see its fields. A change means: rolling upgrade (a new version)."""
    state: pulumi.Input[Literal['running', 'stopped']]
    """Run state the provider keeps the deployment in; unset leaves it alone. one of 'running', 'stopped'. A change means: start or stop."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class IntranetConnectionArgs(TypedDict, total=False):
    """Inputs of a IntranetConnection: see docs/reference/modelarts/intranet_connection.md."""

    name: pulumi.Input[str]
    """Label of the connection in the provider's messages; the API has no name for connections, so it is never sent. string. A change means: used only when creating; never compared."""
    service_id: Required[pulumi.Input[str]]
    """ID of the service the connection reaches; always required, as the provider manages service-scoped connections. Like every ID here: 1-64 letters, digits, '.', '_' or '-'. string; matches `^[A-Za-z0-9_.-]{1,64}$`. A change means: replace: a connection links one service for life."""
    scene: pulumi.Input[Literal['VPC', 'POOL']]
    """Network the service is reached from: VPC (your VPC: vpc_id and subnet_id, no pool_id) or POOL (the network of your dedicated resource pool: pool_id, no vpc_id or subnet_id). one of 'VPC', 'POOL'; default 'VPC'. A change means: replace: the network type (VPC or resource pool) is fixed at creation."""
    type: pulumi.Input[Literal['SERVICE', 'GLOBAL']]
    """Access granularity of the connection: SERVICE (this one service) or GLOBAL. one of 'SERVICE', 'GLOBAL'; default 'SERVICE'. A change means: replace: the access granularity (SERVICE or GLOBAL) is fixed at creation."""
    vpc_id: pulumi.Input[str]
    """ID of your VPC that reaches the service, with at most one connection per service and VPC; required for scene VPC, refused for POOL. string; matches `^[A-Za-z0-9_.-]{1,64}$`. A change means: replace: the VPC endpoint lives in the VPC chosen at creation."""
    subnet_id: pulumi.Input[str]
    """ID of the subnet of vpc_id that the connection's VPC endpoint is created in; required for scene VPC, refused for POOL. string; matches `^[A-Za-z0-9_.-]{1,64}$`. A change means: replace: the VPC endpoint lives in the subnet chosen at creation."""
    pool_id: pulumi.Input[str]
    """ID of the dedicated resource pool whose network reaches the service; required for scene POOL, refused for VPC. string; matches `^[A-Za-z0-9_.-]{1,64}$`. A change means: replace: the resource pool is fixed at creation."""
    dispatcher_group_id: pulumi.Input[str]
    """ID of the dispatcher group the service is bound to. string; matches `^[A-Za-z0-9_.-]{1,64}$`. A change means: replace: the dispatcher group is fixed at creation."""
    custom_urls: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Own addresses the service is called at through this connection, each given once, as {http|https|ws|wss}://{domain or IP:port}{/path}. Unset leaves the connection's as they are; [] clears them. list of string; at most 10 long. A change means: in-place update."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""
    approval_wait_seconds: pulumi.Input[float]
    """How long, in seconds, a create waits for the service owner's approval before it records APPROVING."""


class ScalingRuleArgs(TypedDict, total=False):
    """Inputs of a ScalingRule: see docs/reference/modelarts/scaling_rule.md."""

    service_id: Required[pulumi.Input[str]]
    """ID of the service of the deployment. string; at least 1 long. A change means: replace: a policy belongs to one deployment (of one service) for life."""
    deployment_id: Required[pulumi.Input[str]]
    """ID of the deployment whose replica count the policy sets; a deployment has one policy, and only deployments on dedicated resource pools can scale automatically. string; at least 1 long. A change means: replace: a policy belongs to one deployment for life; the policy of another deployment is a different policy."""
    rules: Required[pulumi.Input[Sequence[pulumi.Input[HpaRuleArgs]]]]
    """The scaling rules, each name once: at most 10 periodic (CRON_HPA) rules, no two of them with the same schedule and target_replicas, and at most one METRIC_HPA rule. list of object; at least 1 long. A change means: in-place update."""
    enabled: pulumi.Input[bool]
    """Whether the rules fire: one switch for every rule of the policy. While enabled, the policy owns the deployment's replica count. boolean; default True. A change means: in-place update."""
    workspace_id: pulumi.Input[str]
    """ModelArts workspace of the policy: '0' for the default workspace, else a workspace ID. string; at least 1 long, at most 64 long. A change means: replace: the update API does not move a policy between workspaces."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class ApiKeyArgs(TypedDict, total=False):
    """Inputs of a ApiKey: see docs/reference/modelarts/api_key.md."""

    name: Required[pulumi.Input[str]]
    """Name of the key; no two keys may share it until one of them is deleted. string; matches `^[A-Za-z0-9\\u4e00-\\u9fa5_-]{1,64}$`. A change means: replace: API keys have no update API; a new name means a new key (and a new secret value)."""
    description: pulumi.Input[str]
    """Free text about the key; it must not contain ! < > = & or quotes. string; at most 256 long; default ''. A change means: replace: API keys have no update API; a new description means a new key (and a new secret value)."""
    scope: pulumi.Input[Literal['USER', 'SERVICE']]
    """Where the key is valid: USER for every real-time service of the project, with no bindings; SERVICE only for the services it is bound to (service_ids). one of 'USER', 'SERVICE'; default 'SERVICE'. A change means: replace: API keys have no update API; a new scope means a new key (and a new secret value)."""
    service_ids: pulumi.Input[Sequence[pulumi.Input[str]]]
    """IDs of the services the provider binds the key to, and unbinds it from when removed; a set, so order does not matter and an ID may appear once. Only for scope SERVICE; the services must use auth_type API_KEY. list of string; default []. A change means: in-place update."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


class TrafficShiftArgs(TypedDict, total=False):
    """Inputs of a TrafficShift: see docs/reference/modelarts/traffic_shift.md."""

    service_id: Required[pulumi.Input[str]]
    """ID of the service whose traffic is shifted. string; at least 1 long. A change means: replace: a traffic shift moves traffic inside one service."""
    stable_deployment_id: Required[pulumi.Input[str]]
    """ID of the deployment traffic moves away from; at each step it gets 100 minus the step. string; at least 1 long. A change means: replace: shifting between other deployments is a different shift."""
    canary_deployment_id: Required[pulumi.Input[str]]
    """ID of the deployment traffic moves to; it must differ from stable_deployment_id. string; at least 1 long. A change means: replace: a new canary is a new release: its shift starts over."""
    steps: Required[pulumi.Input[Sequence[pulumi.Input[int]]]]
    """Canary weights in percent, strictly increasing, in the order they are applied; the last one is where the shift ends. list of integer; at least 1 long, at most 20 long, each item >= 0, <= 100. A change means: in-place update."""
    bake_seconds: pulumi.Input[float]
    """Wait after each step before its health gate is checked, in seconds. number; >= 0, <= 86400; default 0. A change means: in-place update."""
    max_unhealthy_instances: pulumi.Input[int]
    """Gate: how many unhealthy instances (both deployments together) a step tolerates. integer; >= 0; default 0. A change means: in-place update."""
    require_running: pulumi.Input[bool]
    """Gate: whether both deployments must be RUNNING; when off, only a FAILED or ERROR deployment fails the step. boolean; default True. A change means: in-place update."""
    fail_on_events: pulumi.Input[bool]
    """Gate: whether a new ABNORMAL or WARNING service event fails the step. The platform reports every unhealthy instance as an event, so max_unhealthy_instances only helps with this off. boolean; default True. A change means: in-place update."""
    timeout_seconds: pulumi.Input[float]
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: pulumi.Input[bool]
    """False turns a change that needs a replacement into an error at preview."""


__all__ = ["AdvancedConfigArgs", "AffinityArgs", "ApiKeyArgs", "AutoStopArgs", "CustomArgs", "DeploymentArgs", "DumpArgs", "ElbConnectionArgs", "FuseConfigArgs", "HealthArgs", "HpaRuleArgs", "ImageArgs", "IntranetConnectionArgs", "LogConfigArgs", "LtsFileArgs", "ModelMountArgs", "MountArgs", "RateLimitArgs", "RollingUpdateArgs", "RuntimeConfigArgs", "ScalingRuleArgs", "SecretVolumeArgs", "SecurityConfigArgs", "ServerTaskLimitArgs", "ServiceArgs", "ServiceInvokeArgs", "ServiceLimitArgs", "ServiceSecretArgs", "TagArgs", "TerminationGraceArgs", "TrafficShiftArgs", "UnitConfigArgs", "UpgradeConfigArgs"]
