"""What EAS accepts: the service JSON and the bodies of the other operations.

Every refusal is a 400 naming the field by its JSON path (e.g.
`metadata.rolling_strategy.max_surge`, `containers[0].port`) and the rule.
The rules restate eas-api.md: section 2 (the service JSON: seed tables 1 and
2, the DOCS/3P keys marked as such there), 4.3/4.4 (scalers), 4.5 (gateways),
4.7 (labels, lock) and the SDK docstrings of section 7. Where the reference
leaves a rule open the emulator picks a plausible one and says so here:

- service and group names: a lower-case letter, then lower-case letters,
  digits and underscores, 3-63 characters in all ([3P]);
- a service runs containers (`containers`) or a processor (`processor`, or
  `processor_path` with `processor_type`); without a dedicated resource group
  (`metadata.resource`) nor an instance type (`cloud.computing`), it needs
  `metadata.cpu` and `metadata.memory` to be scheduled on public resources;
- `token`, when given, is 1-256 characters (an empty token cannot disable
  authentication).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from ..core.rollout import NoProgressPossible
from ..core.validation import as_bool, as_enum, as_int, as_list, as_number, as_object, as_str
from .errors import bad_request, invalid_field, missing_field
from .state import rollout
from .state.common import REGIONS

NAME_RE = re.compile(r"[a-z][a-z0-9_]{2,62}")
NAME_RULE = ("must start with a lower-case letter and hold only lower-case letters, digits and "
             "underscores, 3 to 63 characters")
RESOURCE_RE = re.compile(r"eas-r-[a-z0-9]{1,40}")
GATEWAY_RE = re.compile(r"gw-[a-z0-9]{1,40}")
VPC_RE = re.compile(r"vpc-[a-z0-9]{1,40}")
VSWITCH_RE = re.compile(r"vsw-[a-z0-9]{1,40}")
PROCESSOR_TYPES = {"c": "C", "c++": "C++", "cpp": "C++", "java": "Java", "python": "Python"}
METRICS = ("qps", "cpu", "gpu[util]")
LOCKS = ("all", "dangerous", "none")
TRAFFIC_STATES = ("standalone", "grouping")
GATEWAY_TYPES = ("2c4g", "4c8g", "8c16g", "16c32g")
CHARGE_TYPES = ("PrePaid", "PostPaid")
DOMAIN_TYPES = ("intranet", "internet")
MAX_LABEL_CHARS = 128
DOMAIN_RE = re.compile(r"(?=.{1,253}$)([a-z0-9*]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def name(value: Any, path: str) -> str:
    return as_str(value, path, pattern=NAME_RE, rule=NAME_RULE)


def region(value: str, path: str = "ClusterId") -> str:
    if value not in REGIONS:
        raise invalid_field(path, f"must be a region EAS serves ({', '.join(sorted(REGIONS))})",
                            value)
    return value


def flag(raw: str | None, path: str, default: bool = False) -> bool:
    """A boolean query parameter: true/false in any case (the SDK sends True/False)."""
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered not in ("true", "false"):
        raise invalid_field(path, "must be true or false", raw)
    return lowered == "true"


# ----- the service JSON -----------------------------------------------------------------------

def service_config(body: Any) -> dict:
    """Check a complete service JSON (create, or the result of an update); returns it."""
    config = as_object(body, "body")
    top = config.get("name")
    meta_name = (config.get("metadata") or {}).get("name") if isinstance(
        config.get("metadata"), dict) else None
    if top is None and meta_name is None:
        raise missing_field("name")
    if top is not None:
        name(top, "name")
    if meta_name is not None:
        name(meta_name, "metadata.name")
        if top is not None and top != meta_name:
            raise invalid_field("metadata.name", f"must equal name ({top!r}) when both are given",
                                meta_name)
    if "token" in config:
        as_str(config["token"], "token", min_len=1, max_len=256)
    for key in ("generate_token",):
        if key in config:
            as_bool(config[key], key)
    for key in ("model_path", "model_entry", "role_arn", "oss_endpoint", "processor",
                "processor_path", "processor_entry", "processor_mainclass", "dockerAuth"):
        if key in config:
            as_str(config[key], key, max_len=4096)
    metadata = _metadata(config.get("metadata"))
    has_containers = _containers(config.get("containers"))
    has_processor = _processor(config)
    if not has_containers and not has_processor:
        raise missing_field("containers (or processor, or processor_path with processor_type): "
                            "a service runs a custom image or a processor")
    computing = _cloud(config.get("cloud"))
    if not metadata.get("resource") and not computing:
        for key in ("cpu", "memory"):
            if key not in metadata:
                raise missing_field(f"metadata.{key} (public resources need cpu and memory, "
                                    "or cloud.computing.instance_type)")
    _storage(config.get("storage"))
    _networking(config.get("networking"))
    return config


def _metadata(value: Any) -> dict:
    if value is None:
        return {}
    metadata = as_object(value, "metadata")
    if "instance" in metadata:
        as_int(metadata["instance"], "metadata.instance", 0, 10_000)
    if "cpu" in metadata:
        as_int(metadata["cpu"], "metadata.cpu", 1, 1024)
    if "memory" in metadata:
        as_int(metadata["memory"], "metadata.memory", 1, 4 * 1024 * 1024)
    if "gpu" in metadata:
        as_int(metadata["gpu"], "metadata.gpu", 0, 128)
    if "resource" in metadata:
        as_str(metadata["resource"], "metadata.resource", pattern=RESOURCE_RE,
               rule="must be a resource group id eas-r-<lower-case letters and digits>")
    if "group" in metadata:
        as_str(metadata["group"], "metadata.group", pattern=NAME_RE, rule=NAME_RULE)
    if "workspace_id" in metadata:
        as_str(metadata["workspace_id"], "metadata.workspace_id", max_len=64)
    for key in ("rpc.worker_threads", "rpc.max_queue_size", "rpc.keepalive", "rpc.rate_limit"):
        if key in metadata:
            low = 1 if key in ("rpc.worker_threads", "rpc.keepalive") else 0
            as_int(metadata[key], f"metadata.{key}", low, 10_000_000)
    for key in ("release", "enable_webservice", "enable_grpc"):
        if key in metadata:
            as_bool(metadata[key], f"metadata.{key}")
    if "rolling_strategy" in metadata:
        _rolling_strategy(metadata["rolling_strategy"], metadata.get("instance", 1))
    return metadata


def _rolling_strategy(value: Any, instances: Any) -> None:
    strategy = as_object(value, "metadata.rolling_strategy")
    for key in ("max_surge", "max_unavailable"):
        if key in strategy and rollout.parse_amount(strategy[key]) is None:
            raise invalid_field(f"metadata.rolling_strategy.{key}", "must be a whole number of "
                                "instances (>= 0) or a percentage from 0% to 100%", strategy[key])
    count = instances if isinstance(instances, int) and not isinstance(instances, bool) else 1
    try:
        rollout.check_progress(count, strategy)
    except NoProgressPossible as refused:
        raise invalid_field("metadata.rolling_strategy", str(refused)) from None


def _containers(value: Any) -> bool:
    if value is None:
        return False
    listed = as_list(value, "containers", max_items=16)
    if not listed:
        raise invalid_field("containers", "must hold at least one container", value)
    for index, item in enumerate(listed):
        path = f"containers[{index}]"
        container = as_object(item, path)
        image = container.get("image")
        if image is None:
            raise missing_field(f"{path}.image")
        as_str(image, f"{path}.image", min_len=1, max_len=1024)
        if "port" in container:
            as_int(container["port"], f"{path}.port", 1, 65535)
        for key in ("script", "command"):
            if key in container:
                as_str(container[key], f"{path}.{key}", max_len=65536)
        if "env" in container:
            for env_index, env in enumerate(as_list(container["env"], f"{path}.env")):
                env_path = f"{path}.env[{env_index}]"
                entry = as_object(env, env_path)
                if "name" not in entry:
                    raise missing_field(f"{env_path}.name")
                as_str(entry["name"], f"{env_path}.name", min_len=1, max_len=256)
                if "value" in entry:
                    as_str(entry["value"], f"{env_path}.value", max_len=65536)
    return True


def _processor(config: dict) -> bool:
    if config.get("processor") is not None:
        as_str(config["processor"], "processor", min_len=1)
        return True
    path, kind = config.get("processor_path"), config.get("processor_type")
    if path is None and kind is None:
        return False
    if path is None:
        raise missing_field("processor_path (processor_type is given)")
    if kind is None:
        raise missing_field("processor_type (processor_path is given)")
    as_str(path, "processor_path", min_len=1)
    as_str(kind, "processor_type")
    language = PROCESSOR_TYPES.get(kind.lower())
    if language is None:
        raise invalid_field("processor_type", "must be one of C, C++, Java, Python", kind)
    if language == "Java" and not config.get("processor_mainclass"):
        raise missing_field("processor_mainclass (processor_type Java)")
    if language != "Java" and not config.get("processor_entry"):
        raise missing_field(f"processor_entry (processor_type {language})")
    return True


def _cloud(value: Any) -> bool:
    """Whether `cloud.computing` names an instance type (public resources by type)."""
    if value is None:
        return False
    cloud = as_object(value, "cloud")
    computing = cloud.get("computing")
    named = False
    if computing is not None:
        computing = as_object(computing, "cloud.computing")
        if "instance_type" in computing:
            as_str(computing["instance_type"], "cloud.computing.instance_type", min_len=1,
                   max_len=128)
            named = True
        if "instances" in computing:
            listed = as_list(computing["instances"], "cloud.computing.instances", max_items=32)
            for index, item in enumerate(listed):
                entry = as_object(item, f"cloud.computing.instances[{index}]")
                if "type" not in entry:
                    raise missing_field(f"cloud.computing.instances[{index}].type")
                as_str(entry["type"], f"cloud.computing.instances[{index}].type", min_len=1,
                       max_len=128)
            named = named or bool(listed)
    networking = cloud.get("networking")
    if networking is not None:
        networking = as_object(networking, "cloud.networking")
        for key in ("vpc_id", "vswitch_id", "security_group_id"):
            if key in networking:
                as_str(networking[key], f"cloud.networking.{key}", min_len=1, max_len=128)
    return named


def _storage(value: Any) -> None:
    if value is None:
        return
    for index, item in enumerate(as_list(value, "storage", max_items=64)):
        path = f"storage[{index}]"
        mount = as_object(item, path)
        if "mount_path" not in mount:
            raise missing_field(f"{path}.mount_path")
        as_str(mount["mount_path"], f"{path}.mount_path", pattern=re.compile(r"/.{0,1023}", re.S),
               rule="must be an absolute path")
        if "oss" in mount:
            oss = as_object(mount["oss"], f"{path}.oss")
            if "path" not in oss:
                raise missing_field(f"{path}.oss.path")
            as_str(oss["path"], f"{path}.oss.path", pattern=re.compile(r"oss://.+", re.S),
                   rule="must be an oss:// path")
            if "readOnly" in oss:
                as_bool(oss["readOnly"], f"{path}.oss.readOnly")


def _networking(value: Any) -> None:
    if value is None:
        return
    networking = as_object(value, "networking")
    if "gateway" in networking:
        as_str(networking["gateway"], "networking.gateway", pattern=GATEWAY_RE,
               rule="must be a private gateway id gw-<lower-case letters and digits>")


# ----- labels, lock, release, versions ---------------------------------------------------------

def labels(value: Any, path: str) -> dict[str, str]:
    found = as_object(value, path)
    for key, item in found.items():
        if not 1 <= len(key) <= MAX_LABEL_CHARS:
            raise invalid_field(f"{path}.{key[:40]}", f"label keys must be 1 to "
                                f"{MAX_LABEL_CHARS} characters", key)
        if key.lower().startswith(("aliyun", "acs:")):
            raise invalid_field(f"{path}.{key}", "label keys must not start with aliyun or "
                                "acs: (reserved)", key)
        as_str(item, f"{path}.{key}", max_len=MAX_LABEL_CHARS)
    return dict(found)


def json_query_labels(raw: str | None, path: str) -> dict[str, str]:
    if raw is None or raw == "":
        return {}
    return labels(json_query(raw, path), path)


def required_query(raw: str | None, path: str) -> str:
    """A query parameter that must be sent (an empty value counts as not sent)."""
    if raw is None or raw == "":
        raise missing_field(path)
    return raw


def required_json_query(raw: str | None, path: str):
    return json_query(required_query(raw, path), path)


def json_query(raw: str, path: str):
    """A JSON value sent in one query parameter (Labels, PeerVpcs, AclPolicyList, ...)."""
    import json

    try:
        return json.loads(raw)
    except ValueError:
        raise invalid_field(path, "must be JSON (the SDK encodes it into one query value)",
                            raw) from None


def body_object(body: Any) -> dict:
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body


def lock(body: Any) -> str:
    obj = body_object(body)
    if obj.get("Lock") is None:
        raise missing_field("Lock")
    return as_enum(obj["Lock"], "Lock", LOCKS)


def release(body: Any) -> tuple[int | None, str | None]:
    obj = body_object(body)
    weight = obj.get("Weight")
    state = obj.get("TrafficState")
    if weight is None and state is None:
        raise missing_field("Weight or TrafficState")
    if weight is not None:
        as_int(weight, "Weight", -1, 1000)
    if state is not None:
        as_enum(state, "TrafficState", TRAFFIC_STATES)
    return weight, state


def version(body: Any) -> int:
    obj = body_object(body)
    if obj.get("Version") is None:
        raise missing_field("Version")
    return as_int(obj["Version"], "Version", 1, 2**31 - 1)


# ----- autoscaler and cron scaler --------------------------------------------------------------

BEHAVIOR_DEFAULTS = {"onZero": {"scaleDownGracePeriodSeconds": 600, "scaleUpActivationReplicas": 1},
                     "scaleDown": {"stabilizationWindowSeconds": 300},
                     "scaleUp": {"stabilizationWindowSeconds": 0}}


def autoscaler(body: Any, service_name: str) -> dict:
    obj = body_object(body)
    for key in ("min", "max", "scaleStrategies"):
        if obj.get(key) is None:
            raise missing_field(key)
    low = as_int(obj["min"], "min", 0, 1000)
    high = as_int(obj["max"], "max", 1, 1000)
    if high <= low:
        raise invalid_field("max", f"must be greater than min ({low})", high)
    strategies = []
    listed = as_list(obj["scaleStrategies"], "scaleStrategies", max_items=16)
    if not listed:
        raise invalid_field("scaleStrategies", "must hold at least one scaling policy", listed)
    seen = set()
    for index, item in enumerate(listed):
        path = f"scaleStrategies[{index}]"
        entry = as_object(item, path)
        if entry.get("metricName") is None:
            raise missing_field(f"{path}.metricName")
        metric = as_str(entry["metricName"], f"{path}.metricName").lower()
        if metric not in METRICS:
            raise invalid_field(f"{path}.metricName", f"must be one of {', '.join(METRICS)}",
                                entry["metricName"])
        if entry.get("threshold") is None:
            raise missing_field(f"{path}.threshold")
        threshold = as_number(entry["threshold"], f"{path}.threshold")
        if threshold <= 0:
            raise invalid_field(f"{path}.threshold", "must be greater than 0", entry["threshold"])
        if metric in ("cpu", "gpu[util]") and threshold > 100:
            raise invalid_field(f"{path}.threshold", "a utilisation is a percentage, at most 100",
                                entry["threshold"])
        target = entry.get("service")
        target = service_name if target is None else name(target, f"{path}.service")
        if (metric, target) in seen:
            raise invalid_field(path, f"repeats metric {metric} for service {target}")
        seen.add((metric, target))
        strategies.append({"metricName": metric, "threshold": entry["threshold"],
                           "service": target})
    behavior = _behavior(obj.get("behavior"))
    return {"min": low, "max": high, "scaleStrategies": strategies, "behavior": behavior}


def _behavior(value: Any) -> dict:
    behavior = {key: dict(inner) for key, inner in BEHAVIOR_DEFAULTS.items()}
    if value is None:
        return behavior
    given = as_object(value, "behavior")
    for part, fields in BEHAVIOR_DEFAULTS.items():
        if given.get(part) is None:
            continue
        section = as_object(given[part], f"behavior.{part}")
        for key in fields:
            if section.get(key) is not None:
                low = 1 if key == "scaleUpActivationReplicas" else 0
                behavior[part][key] = as_int(section[key], f"behavior.{part}.{key}", low, 86_400)
    return behavior


def cronscaler(body: Any) -> dict:
    obj = body_object(body)
    if obj.get("ScaleJobs") is None:
        raise missing_field("ScaleJobs")
    listed = as_list(obj["ScaleJobs"], "ScaleJobs", max_items=64)
    if not listed:
        raise invalid_field("ScaleJobs", "must hold at least one job", listed)
    jobs, names = [], set()
    for index, item in enumerate(listed):
        path = f"ScaleJobs[{index}]"
        job = as_object(item, path)
        for key in ("Schedule", "TargetSize"):
            if job.get(key) is None:
                raise missing_field(f"{path}.{key}")
        schedule = cron(job["Schedule"], f"{path}.Schedule")
        size = as_int(job["TargetSize"], f"{path}.TargetSize", 0, 1000)
        job_name = job.get("Name")
        if job_name is not None:
            as_str(job_name, f"{path}.Name", min_len=1, max_len=128)
            if job_name in names:
                raise invalid_field(f"{path}.Name", "job names must be unique", job_name)
            names.add(job_name)
        jobs.append({"Name": job_name or f"job-{index}", "Schedule": schedule,
                     "TargetSize": size})
    excluded = []
    if obj.get("ExcludeDates") is not None:
        for index, item in enumerate(as_list(obj["ExcludeDates"], "ExcludeDates", max_items=64)):
            excluded.append(cron(item, f"ExcludeDates[{index}]"))
    return {"ScaleJobs": jobs, "ExcludeDates": excluded}


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}
_DAYS = {d: i for i, d in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])}
# second, minute, hour, day of month, month, day of week: (low, high, names, '?' allowed)
_CRON_FIELDS = [("second", 0, 59, {}, False), ("minute", 0, 59, {}, False),
                ("hour", 0, 23, {}, False), ("day of month", 1, 31, {}, True),
                ("month", 1, 12, _MONTHS, False), ("day of week", 0, 6, _DAYS, True)]


def cron(value: Any, path: str) -> str:
    """A 6-field cron expression, seconds first (Second Minute Hour Day Month Weekday)."""
    text = as_str(value, path, min_len=1, max_len=256)
    fields = text.split()
    if len(fields) != 6:
        raise invalid_field(path, "must be a cron expression of 6 fields, seconds first "
                            "(second minute hour day-of-month month day-of-week), e.g. "
                            "'0 0 8 * * *'", text)
    for field_text, (label, low, high, names, question) in zip(fields, _CRON_FIELDS):
        problem = _cron_field(field_text, low, high, names, question)
        if problem:
            raise invalid_field(path, f"its {label} field {field_text!r} {problem}", text)
    return text


def _cron_field(text: str, low: int, high: int, names: dict, question: bool) -> str | None:
    if text == "?":
        return None if question else "may not be '?'"
    for part in text.split(","):
        base, _, step = part.partition("/")
        if step and (not step.isdigit() or int(step) == 0):
            return "has an invalid step (a whole number > 0 after '/')"
        if base == "*":
            continue
        start, _, end = base.partition("-")
        for bound in (start, end) if end else (start,):
            number = names.get(bound.upper()) if not bound.isdigit() else int(bound)
            if number is None:
                return f"must use numbers {low}-{high}" + (" or names" if names else "") + \
                    ", '*', ',', '-' and '/'"
            if not low <= number <= high:
                return f"must stay within {low}-{high}"
    return None


# ----- mirror -----------------------------------------------------------------------------------

def mirror(body: Any, service_name: str) -> dict:
    obj = body_object(body)
    if obj.get("Ratio") is None:
        raise missing_field("Ratio")
    ratio = as_int(obj["Ratio"], "Ratio", 0, 100)
    if obj.get("Target") is None:
        raise missing_field("Target")
    targets = as_list(obj["Target"], "Target", max_items=16)
    if not targets:
        raise invalid_field("Target", "must name at least one destination service", targets)
    found = []
    for index, item in enumerate(targets):
        target = name(item, f"Target[{index}]")
        if target == service_name:
            raise invalid_field(f"Target[{index}]", "a service cannot mirror to itself", target)
        if target not in found:
            found.append(target)
    return {"Ratio": ratio, "Target": found}


# ----- gateways ---------------------------------------------------------------------------------

def gateway_create(body: Any) -> dict:
    obj = body_object(body)
    if obj.get("InstanceType") is None:
        raise missing_field("InstanceType")
    spec = {"InstanceType": as_enum(obj["InstanceType"], "InstanceType", GATEWAY_TYPES)}
    spec.update(_gateway_common(obj))
    if obj.get("ChargeType") is not None:
        spec["ChargeType"] = as_enum(obj["ChargeType"], "ChargeType", CHARGE_TYPES)
    if obj.get("AutoRenewal") is not None:
        spec["AutoRenewal"] = as_bool(obj["AutoRenewal"], "AutoRenewal")
    return spec


def gateway_update(body: Any) -> dict:
    obj = body_object(body)
    spec = _gateway_common(obj)
    if obj.get("InstanceType") is not None:
        spec["InstanceType"] = as_enum(obj["InstanceType"], "InstanceType", GATEWAY_TYPES)
    for key in ("EnableSSLRedirection", "IsDefault"):
        if obj.get(key) is not None:
            spec[key] = as_bool(obj[key], key)
    if not spec:
        raise missing_field("at least one of EnableInternet, EnableIntranet, EnableSSLRedirection, "
                            "InstanceType, IsDefault, Name, Replicas")
    return spec


def _gateway_common(obj: dict) -> dict:
    spec = {}
    if obj.get("Name") is not None:
        spec["Name"] = as_str(obj["Name"], "Name", min_len=1, max_len=64)
    if obj.get("Replicas") is not None:
        spec["Replicas"] = as_int(obj["Replicas"], "Replicas", 1, 100)
    for key in ("EnableInternet", "EnableIntranet"):
        if obj.get(key) is not None:
            spec[key] = as_bool(obj[key], key)
    return spec


def vpc_id(value: str | None, path: str = "VpcId") -> str:
    return as_str(required_query(value, path), path, pattern=VPC_RE,
                  rule="must be a VPC id vpc-<lower-case letters and digits>")


def vswitch_id(value: str | None, path: str = "VSwitchId") -> str:
    return as_str(required_query(value, path), path, pattern=VSWITCH_RE,
                  rule="must be a vSwitch id vsw-<lower-case letters and digits>")


def peer_vpcs(raw: str | None) -> list[dict]:
    listed = as_list(required_json_query(raw, "PeerVpcs"), "PeerVpcs", max_items=64)
    if not listed:
        raise invalid_field("PeerVpcs", "must name at least one VPC peer", raw)
    found = []
    for index, item in enumerate(listed):
        path = f"PeerVpcs[{index}]"
        entry = as_object(item, path)
        if entry.get("Region") is None:
            raise missing_field(f"{path}.Region")
        as_str(entry["Region"], f"{path}.Region")
        region(entry["Region"], f"{path}.Region")
        peer = {"Region": entry["Region"], "VpcId": vpc_id(entry.get("VpcId"), f"{path}.VpcId")}
        if peer not in found:
            found.append(peer)
    return found


def acl_entries(raw: str | None) -> list[dict]:
    listed = as_list(required_json_query(raw, "AclPolicyList"), "AclPolicyList", max_items=200)
    if not listed:
        raise invalid_field("AclPolicyList", "must hold at least one entry", raw)
    found: dict[str, dict] = {}
    for index, item in enumerate(listed):
        path = f"AclPolicyList[{index}]"
        entry = as_object(item, path)
        if entry.get("Entry") is None:
            raise missing_field(f"{path}.Entry")
        text = as_str(entry["Entry"], f"{path}.Entry", min_len=1, max_len=64)
        try:
            ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise invalid_field(f"{path}.Entry", "must be an IP address or CIDR block, e.g. "
                                "10.0.0.0/8", text) from None
        comment = entry.get("Comment")
        if comment is not None:
            as_str(comment, f"{path}.Comment", max_len=256)
        found[text] = {"Entry": text, "Comment": comment or ""}  # the set is keyed by Entry
    return list(found.values())


def custom_domain(raw: str | None) -> dict:
    obj = as_object(required_json_query(raw, "CustomDomain"), "CustomDomain")
    for key in ("Domain", "Type"):
        if obj.get(key) is None:
            raise missing_field(f"CustomDomain.{key}")
    domain = as_str(obj["Domain"], "CustomDomain.Domain", pattern=DOMAIN_RE,
                    rule="must be a lower-case domain name, e.g. api.example.com")
    kind = as_enum(obj["Type"], "CustomDomain.Type", DOMAIN_TYPES)
    certificate = obj.get("CertificateId")
    if certificate is not None:
        as_str(certificate, "CustomDomain.CertificateId", min_len=1, max_len=128)
    return {"Domain": domain, "Type": kind, "CertificateId": certificate or ""}
