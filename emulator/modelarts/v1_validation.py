"""Field rules of the v1 API bodies (seed 000 create, seed 001 update, the v1 models reference).

Every check raises a 400 naming the field by its JSON path and the rule. Pure
functions: what needs the store (models, quotas, names) is checked by the
handlers. Where the documents leave a choice open, the decision is written at
the rule (and in the v1 section of the README).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from ..core.errors import bad_request, invalid_field
from .state import flavors, pools
from .state.v1_service import BATCH, EDGE, INFER_TYPES, REAL_TIME, UNIT_MINUTES
from .validation import (
    as_bool,
    as_enum,
    as_list,
    as_number,
    as_object,
    as_str,
    optional,
    required,
)

NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
NAME_RULE = "must be 1 to 64 characters: letters, digits, hyphens (-) and underscores (_)"
# Digit.Digit.Digit, each a 1-2 digit number without a leading 0 ("01.01.01" is invalid).
MODEL_VERSION_RE = re.compile(r"(0|[1-9]\d?)\.(0|[1-9]\d?)\.(0|[1-9]\d?)")
SERVICE_DESCRIPTION_FORBIDDEN = "!<>+&\"'"
MODEL_DESCRIPTION_FORBIDDEN = "&!'\"<>="
# A flavor id or "custom". Offered: the region's catalogue (GET /v2/{project_id}/services/flavors,
# as for v2 units) and the flavors the v1 documents name (seed 000/001, the show doc), some of
# them "must be requested"; the update doc's "modelsarts.vm.ai1.a310" is taken for a typo.
SPECIFICATION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
V1_FLAVORS = ("modelarts.vm.cpu.2u", "modelarts.vm.gpu.pnt004", "modelarts.vm.ai1.snt3",
              "modelarts.vm.gpu.p4", "modelarts.vm.ai1.a310")
CUSTOM = "custom"
MAX_INSTANCES = 128  # create doc: 128; the update doc's 5 is stale (domain-spec A14)
# The console's deployment timeout, 3 to 120 minutes (seed 003 2.4.2, 2.5), in seconds.
MIN_DEPLOY_TIMEOUT, MAX_DEPLOY_TIMEOUT = 3 * 60, 120 * 60
MAX_AUTO_STOP_MINUTES = 24 * 60  # console: custom auto stop 1 to 24 hours (seed 003 2.4.2)
SCHEDULE_TYPES = ("stop",)
TIME_UNITS = ("DAYS", "HOURS", "MINUTES")  # in the documented order
LB_POLICIES = ("ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP")
SMN_EVENTS = (1, 3, 7, 11)  # failed, running, concerning, pending
LOG_CHANNEL_TYPES = ("LTS",)
MAPPING_TYPES = ("file", "csv")
SRC_TYPES = ("ManifestFile",)
AFFINITY_MODES = ("required", "preferred")
STORAGE_TYPES = ("sfs_turbo",)
SYSTEM_DIRS = {"/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/run",
               "/sbin", "/sys", "/usr", "/var", "/var/run"}
MODEL_TYPES = ("TensorFlow", "MXNet", "Caffe", "Spark_MLlib", "Scikit_Learn", "XGBoost", "Image",
               "PyTorch", "Template", "MindSpore", "Custom")
INSTALL_TYPES = INFER_TYPES
DEFAULT_INSTALL_TYPE = ["real-time", "batch"]

SERVICE_CREATE_FIELDS = ("workspace_id", "schedule", "cluster_id", "pool_name", "infer_type",
                         "vpc_id", "service_name", "description", "security_group_id",
                         "subnet_network_id", "config", "additional_properties",
                         "load_balancer_policy", "service_secrets", "priority")
SERVICE_UPDATE_FIELDS = ("schedule", "description", "config", "status", "additional_properties")
# Create-only settings: an update may repeat their current value, never change them.
CREATE_ONLY_FIELDS = tuple(f for f in SERVICE_CREATE_FIELDS if f not in SERVICE_UPDATE_FIELDS)
CONFIG_FIELDS = ("custom_spec", "envs", "specification", "weight", "deploy_timeout_in_seconds",
                 "model_id", "src_path", "req_uri", "mapping_type", "cluster_id", "pool_name",
                 "nodes", "mapping_rule", "src_type", "dest_path", "instance_count",
                 "additional_properties", "affinity")
BATCH_FIELDS = ("src_path", "dest_path", "req_uri", "mapping_type", "mapping_rule", "src_type")
BATCH_REQUIRED = ("src_path", "dest_path", "req_uri", "mapping_type")
UPDATE_STATUSES = ("running", "stopped")
SERVICE_PROPERTY_FIELDS = ("smn_notification", "log_report_channels", "websocket_upgrade")
MODEL_PROPERTY_FIELDS = ("log_volume", "max_surge", "max_unavailable",
                         "termination_grace_period_seconds", "persistent_volumes")
MODEL_CREATE_FIELDS = ("model_name", "model_version", "source_location", "source_job_id",
                       "source_job_version", "source_type", "model_type", "runtime",
                       "description", "model_metrics", "execution_code", "model_algorithm",
                       "dependencies", "apis", "input_params", "output_params", "model_docs",
                       "template", "initial_config", "workspace_id", "source_copy",
                       "install_type")


# ----- small helpers -------------------------------------------------------------------------

def check_fields(body: dict, allowed: tuple[str, ...], path: str = "") -> None:
    """Unknown fields are refused (a typo would otherwise be silently ignored)."""
    for key in body:
        if key not in allowed:
            where = f"{path}.{key}" if path else key
            raise invalid_field(where, "is not a field of this request; accepted: "
                                + ", ".join(allowed))


def as_count(value: Any, path: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_field(path, "must be an integer", value)
    if value < low or (high is not None and value > high):
        rule = f"must be between {low} and {high}" if high is not None else f"must be at least {low}"
        raise invalid_field(path, rule, value)
    return value


def as_weight(value: Any, path: str) -> int:
    """An integer 0-100; the documented examples send it as a string ("70"), accepted too."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}", value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_field(path, "must be an integer from 0 to 100 (or such an integer as a "
                                  "string, e.g. \"70\")", value)
    return as_count(value, path, 0, 100)


def as_text(value: Any, path: str, max_len: int, forbidden: str = "",
            min_len: int = 0) -> str:
    text = as_str(value, path, min_len=min_len, max_len=max_len)
    bad = sorted({c for c in text if c in forbidden})
    if bad:
        raise invalid_field(path, f"must not contain any of {forbidden}", value)
    return text


def as_name(value: Any, path: str) -> str:
    return as_str(value, path, pattern=NAME_RE, rule=NAME_RULE)


def as_id(value: Any, path: str, max_len: int = 128) -> str:
    return as_str(value, path, min_len=1, max_len=max_len)


def as_string_map(value: Any, path: str) -> dict:
    mapping = as_object(value, path)
    for key, item in mapping.items():
        if not isinstance(item, str):
            raise invalid_field(f"{path}.{key}", "must be a string", item)
    return dict(mapping)


def _pool_name(value: Any, path: str, dedicated_pools: int) -> str:
    name = as_id(value, path, 64)
    problem = pools.pool_problem(name, dedicated_pools)
    if problem:
        raise invalid_field(path, problem.replace("pool_id", "pool_name"), name)
    return name


# ----- services: shared parts ----------------------------------------------------------------

def validate_schedule(value: Any, path: str, infer_type: str) -> list[dict]:
    entries = as_list(value, path, max_items=1)
    if entries and infer_type != REAL_TIME:
        raise invalid_field(path, "can be configured only for real-time services", value)
    found = []
    for index, entry in enumerate(entries):
        where = f"{path}[{index}]"
        item = as_object(entry, where)
        check_fields(item, ("type", "time_unit", "duration"), where)
        kind = as_enum(required(item, "type", f"{where}.type"), f"{where}.type", SCHEDULE_TYPES)
        unit = as_enum(required(item, "time_unit", f"{where}.time_unit"), f"{where}.time_unit",
                       TIME_UNITS)
        duration = as_count(required(item, "duration", f"{where}.duration"),
                            f"{where}.duration", 1)
        if duration * UNIT_MINUTES[unit] > MAX_AUTO_STOP_MINUTES:
            raise invalid_field(f"{where}.duration", "an auto stop may be at most 24 hours away "
                                "(1 DAYS, 24 HOURS or 1440 MINUTES)", duration)
        found.append({"type": kind, "time_unit": unit, "duration": duration})
    return found


def validate_service_properties(value: Any, path: str, current: dict | None = None) -> dict:
    """ServiceAdditionalProperties: {smn_notification, log_report_channels, websocket_upgrade}.

    The documents type it a map of these objects; real clients (Terraform) send the object
    itself, so that is what is accepted. LTS channels and WebSocket cannot be changed once
    enabled (seed 000 Table 14); `current` is what the service holds (on update)."""
    props = as_object(value, path)
    check_fields(props, SERVICE_PROPERTY_FIELDS, path)
    found: dict = {}
    smn = optional(props, "smn_notification", as_object, f"{path}.smn_notification")
    if smn is not None:
        where = f"{path}.smn_notification"
        check_fields(smn, ("topic_urn", "events"), where)
        urn = as_id(required(smn, "topic_urn", f"{where}.topic_urn"), f"{where}.topic_urn", 256)
        events = as_list(required(smn, "events", f"{where}.events"), f"{where}.events")
        if not events:
            raise invalid_field(f"{where}.events", "must name at least one event "
                                "(1 failed, 3 running, 7 concerning, 11 pending)")
        for index, event in enumerate(events):
            if isinstance(event, bool) or event not in SMN_EVENTS:
                raise invalid_field(f"{where}.events[{index}]", "must be one of 1 (failed), "
                                    "3 (running), 7 (concerning), 11 (pending)", event)
        found["smn_notification"] = {"topic_urn": urn, "events": list(events)}
    channels = optional(props, "log_report_channels", as_list, f"{path}.log_report_channels")
    if channels is not None:
        found["log_report_channels"] = _log_channels(channels, f"{path}.log_report_channels")
    websocket = optional(props, "websocket_upgrade", as_bool, f"{path}.websocket_upgrade")
    if websocket is not None:
        found["websocket_upgrade"] = websocket
    if current is not None:
        found = _merge_properties(current, found, path)
    return found


def _log_channels(channels: list, path: str) -> list[dict]:
    found = []
    for index, channel in enumerate(channels):
        where = f"{path}[{index}]"
        item = as_object(channel, where)
        check_fields(item, ("type", "configuration"), where)
        entry = {"type": as_enum(required(item, "type", f"{where}.type"), f"{where}.type",
                                 LOG_CHANNEL_TYPES)}
        conf = optional(item, "configuration", as_object, f"{where}.configuration")
        if conf is not None:
            check_fields(conf, ("log_group_id", "log_stream_id"), f"{where}.configuration")
            entry["configuration"] = {
                key: as_id(required(conf, key, f"{where}.configuration.{key}"),
                           f"{where}.configuration.{key}", 64)
                for key in ("log_group_id", "log_stream_id")}
        found.append(entry)
    return found


def _merge_properties(current: dict, wanted: dict, path: str) -> dict:
    """An update keeps what it does not name ("the default value is the value set last time")."""
    merged = {**current, **wanted}
    if current.get("websocket_upgrade") and merged.get("websocket_upgrade") is False:
        raise invalid_field(f"{path}.websocket_upgrade", "cannot be changed once WebSocket is "
                            "enabled", False)
    if current.get("log_report_channels") and \
            merged.get("log_report_channels") != current["log_report_channels"]:
        raise invalid_field(f"{path}.log_report_channels", "cannot be changed once LTS log "
                            "reporting is enabled", wanted.get("log_report_channels"))
    return merged


def validate_status(value: Any) -> str:
    return as_enum(value, "status", UPDATE_STATUSES)


# ----- services: config entries --------------------------------------------------------------

def validate_config(value: Any, path: str, infer_type: str, service: dict,
                    dedicated_pools: int, updating: bool) -> list[dict]:
    """The `config` array: normalized entries (weights as integers), in the order given.

    `service` holds the service-level cluster_id/pool_name the entries may fall back to."""
    entries = as_list(value, path)
    if not entries:
        raise invalid_field(path, "must hold at least one model configuration", value)
    if infer_type in (BATCH, EDGE) and len(entries) != 1:
        raise invalid_field(path, f"a {infer_type} service deploys exactly one model "
                                  "(one config entry)", f"{len(entries)} entries")
    found = [validate_config_entry(entry, f"{path}[{index}]", infer_type, service,
                                   dedicated_pools, updating)
             for index, entry in enumerate(entries)]
    if infer_type == REAL_TIME:
        total = sum(entry["weight"] for entry in found)
        if total != 100:
            raise invalid_field(f"{path}[].weight", "the weights of a real-time service must "
                                "sum to 100", f"{total} ({' + '.join(str(e['weight']) for e in found)})")
    return found


def validate_config_entry(value: Any, path: str, infer_type: str, service: dict,
                          dedicated_pools: int, updating: bool) -> dict:
    entry = as_object(value, path)
    check_fields(entry, CONFIG_FIELDS, path)
    found: dict = {"model_id": as_id(required(entry, "model_id", f"{path}.model_id"),
                                     f"{path}.model_id", 64)}
    spec = as_str(required(entry, "specification", f"{path}.specification"),
                  f"{path}.specification", pattern=SPECIFICATION_RE,
                  rule="must be a flavor id (e.g. modelarts.vm.cpu.2u) or custom")
    if spec != CUSTOM and spec not in V1_FLAVORS and not flavors.offered(spec):
        raise invalid_field(f"{path}.specification", "is not a flavor this region offers ("
                            + ", ".join(V1_FLAVORS) + ", custom, or one GET /v2/{project_id}/"
                            "services/flavors lists)", spec)
    found["specification"] = spec
    found["instance_count"] = as_count(required(entry, "instance_count",
                                                f"{path}.instance_count"),
                                       f"{path}.instance_count", 1, MAX_INSTANCES)
    if infer_type == REAL_TIME:
        found["weight"] = as_weight(required(entry, "weight", f"{path}.weight"),
                                    f"{path}.weight")
    elif entry.get("weight") is not None:
        found["weight"] = as_weight(entry["weight"], f"{path}.weight")
    found["envs"] = optional(entry, "envs", as_string_map, f"{path}.envs") or {}
    timeout = optional(entry, "deploy_timeout_in_seconds", as_count,
                       f"{path}.deploy_timeout_in_seconds", MIN_DEPLOY_TIMEOUT,
                       MAX_DEPLOY_TIMEOUT)
    if timeout is not None:
        found["deploy_timeout_in_seconds"] = timeout
    _pools(entry, path, infer_type, service, dedicated_pools, found)
    dedicated = bool(found.get("pool_name") or found.get("cluster_id")
                     or service.get("pool_name") or service.get("cluster_id"))
    _custom_spec(entry, path, spec, infer_type, dedicated, found)
    _batch_fields(entry, path, infer_type, found)
    _nodes(entry, path, infer_type, updating, found)
    props = optional(entry, "additional_properties", validate_model_properties,
                     f"{path}.additional_properties", dedicated)
    if props is not None:
        found["additional_properties"] = props
    affinity = optional(entry, "affinity", _affinity, f"{path}.affinity",
                        found.get("pool_name") or service.get("pool_name"))
    if affinity is not None:
        found["affinity"] = affinity
    return found


def _pools(entry: dict, path: str, infer_type: str, service: dict, dedicated_pools: int,
           found: dict) -> None:
    """Config-level pools override the service-level ones, which they need (seed 000 Table 5)."""
    cluster = optional(entry, "cluster_id", as_id, f"{path}.cluster_id", 64)
    pool = optional(entry, "pool_name", _pool_name, f"{path}.pool_name", dedicated_pools)
    if cluster is not None:
        if not (service.get("cluster_id") or service.get("pool_name")):
            raise invalid_field(f"{path}.cluster_id", "needs the service-level cluster_id (or "
                                "pool_name) to be set too", cluster)
        found["cluster_id"] = cluster
    if pool is not None:
        if infer_type == EDGE:
            raise invalid_field(f"{path}.pool_name", "does not apply to edge services (they use "
                                "cluster_id, the edge pool)", pool)
        if not (service.get("cluster_id") or service.get("pool_name")):
            raise invalid_field(f"{path}.pool_name", "needs the service-level cluster_id or "
                                "pool_name to be set too", pool)
        found["pool_name"] = pool


def _custom_spec(entry: dict, path: str, spec: str, infer_type: str, dedicated: bool,
                 found: dict) -> None:
    custom = entry.get("custom_spec")
    if spec != CUSTOM:
        if custom is not None:
            raise invalid_field(f"{path}.custom_spec", "applies only when specification is "
                                "custom", custom)
        return
    if custom is None:
        raise invalid_field(f"{path}.custom_spec", "is required when specification is custom")
    if infer_type != EDGE and not dedicated:
        raise invalid_field(f"{path}.specification", "custom is available only in a dedicated "
                            "resource pool: set cluster_id or pool_name (service or config)",
                            spec)
    where = f"{path}.custom_spec"
    item = as_object(custom, where)
    check_fields(item, ("cpu", "memory", "gpu_p4", "ascend_a310"), where)
    cpu = as_number(required(item, "cpu", f"{where}.cpu"), f"{where}.cpu")
    if cpu < 0.01:
        raise invalid_field(f"{where}.cpu", "must be at least 0.01 CPU cores", item["cpu"])
    result = {"cpu": round(cpu, 2),
              "memory": as_count(required(item, "memory", f"{where}.memory"), f"{where}.memory",
                                 1)}
    gpu = optional(item, "gpu_p4", as_number, f"{where}.gpu_p4")
    ascend = optional(item, "ascend_a310", as_count, f"{where}.ascend_a310", 0)
    if gpu is not None and gpu < 0:
        raise invalid_field(f"{where}.gpu_p4", "must not be smaller than 0", item["gpu_p4"])
    if gpu is not None and ascend is not None:
        raise invalid_field(f"{where}.ascend_a310", "either gpu_p4 or ascend_a310 may be set, "
                            "not both", ascend)
    if gpu is not None:
        result["gpu_p4"] = round(gpu, 2)
    if ascend is not None:
        result["ascend_a310"] = ascend
    found["custom_spec"] = result


def _batch_fields(entry: dict, path: str, infer_type: str, found: dict) -> None:
    given = [key for key in BATCH_FIELDS if entry.get(key) is not None]
    if infer_type != BATCH:
        if given:
            raise invalid_field(f"{path}.{given[0]}", "applies only to batch services",
                                entry[given[0]])
        return
    for key in BATCH_REQUIRED:
        required(entry, key, f"{path}.{key}")
    for key in ("src_path", "dest_path"):
        found[key] = as_str(entry[key], f"{path}.{key}", min_len=1, max_len=1024)
    found["req_uri"] = as_str(entry["req_uri"], f"{path}.req_uri", pattern=re.compile(r"/\S*"),
                              rule="must be the model's inference API path, starting with /")
    found["mapping_type"] = as_enum(entry["mapping_type"], f"{path}.mapping_type",
                                    MAPPING_TYPES)
    src_type = optional(entry, "src_type", as_enum, f"{path}.src_type", SRC_TYPES)
    if src_type is not None:
        if not found["src_path"].endswith(".manifest"):
            raise invalid_field(f"{path}.src_path", "must be the path of a .manifest file when "
                                "src_type is ManifestFile", found["src_path"])
        found["src_type"] = src_type
    rule = optional(entry, "mapping_rule", as_object, f"{path}.mapping_rule")
    if found["mapping_type"] == "csv" and rule is None:
        raise invalid_field(f"{path}.mapping_rule", "is required when mapping_type is csv")
    if rule is not None:
        found["mapping_rule"] = copy.deepcopy(rule)


def _nodes(entry: dict, path: str, infer_type: str, updating: bool, found: dict) -> None:
    nodes = entry.get("nodes")
    if infer_type != EDGE:
        if nodes is not None:
            raise invalid_field(f"{path}.nodes", "applies only to edge services", nodes)
        return
    if nodes is None:
        if updating:
            raise invalid_field(f"{path}.nodes", "is required for edge services when updating "
                                "(seed 001 Table 5)")
        return
    items = as_list(nodes, f"{path}.nodes")
    for index, node in enumerate(items):
        as_id(node, f"{path}.nodes[{index}]", 64)
    if len(set(items)) != len(items):
        raise invalid_field(f"{path}.nodes", "must not name a node twice", nodes)
    found["nodes"] = list(items)


def validate_model_properties(value: Any, path: str, dedicated: bool) -> dict:
    """ModelAdditionalProperties (rolling-upgrade knobs, mounts); accepted as the object itself."""
    props = as_object(value, path)
    check_fields(props, MODEL_PROPERTY_FIELDS, path)
    found: dict = {}
    volumes = optional(props, "log_volume", as_list, f"{path}.log_volume")
    if volumes is not None:
        if volumes and not dedicated:
            raise invalid_field(f"{path}.log_volume", "takes effect only in a dedicated resource "
                                "pool; it cannot be configured on a public pool", value["log_volume"])
        found["log_volume"] = [_mount(item, f"{path}.log_volume[{i}]", ("host_path", "mount_path"),
                                      ("host_path", "mount_path"))
                               for i, item in enumerate(volumes)]
    surge = optional(props, "max_surge", as_number, f"{path}.max_surge")
    if surge is not None:
        if surge <= 0:
            raise invalid_field(f"{path}.max_surge", "must be greater than 0 (below 1: a "
                                "fraction of the instances; from 1: a number of instances)",
                                props["max_surge"])
        found["max_surge"] = props["max_surge"]
    unavailable = optional(props, "max_unavailable", as_number, f"{path}.max_unavailable")
    if unavailable is not None:
        # Documented "must be greater than 0" with a default of 0: 0 is accepted (A13).
        if unavailable < 0:
            raise invalid_field(f"{path}.max_unavailable", "must not be negative",
                                props["max_unavailable"])
        found["max_unavailable"] = props["max_unavailable"]
    grace = optional(props, "termination_grace_period_seconds", as_count,
                     f"{path}.termination_grace_period_seconds", 0)
    if grace is not None:
        found["termination_grace_period_seconds"] = grace
    persistent = optional(props, "persistent_volumes", as_list, f"{path}.persistent_volumes")
    if persistent is not None:
        found["persistent_volumes"] = [
            _mount(item, f"{path}.persistent_volumes[{i}]",
                   ("name", "mount_path", "storage_type", "source_address"), ("mount_path",))
            for i, item in enumerate(persistent)]
    return found


def _mount(value: Any, path: str, fields: tuple[str, ...], mandatory: tuple[str, ...]) -> dict:
    item = as_object(value, path)
    check_fields(item, fields, path)
    found = {}
    for key in fields:
        if key in mandatory:
            required(item, key, f"{path}.{key}")
        text = optional(item, key, as_str, f"{path}.{key}", min_len=1, max_len=1024)
        if text is not None:
            found[key] = text
    mount = found.get("mount_path")
    if mount is not None:
        if not mount.startswith("/"):
            raise invalid_field(f"{path}.mount_path", "must be an absolute path", mount)
        if mount.rstrip("/") in SYSTEM_DIRS or mount == "/":
            raise invalid_field(f"{path}.mount_path", "must not be a system directory such as / "
                                "or /var/run", mount)
    if "storage_type" in found:
        as_enum(found["storage_type"], f"{path}.storage_type", STORAGE_TYPES)
    return found


def _affinity(value: Any, path: str, pool_name: str | None) -> dict:
    item = as_object(value, path)
    check_fields(item, ("node_affinity",), path)
    node = optional(item, "node_affinity", as_object, f"{path}.node_affinity")
    if node is None:
        return {}
    where = f"{path}.node_affinity"
    check_fields(node, ("mode", "pool_infos"), where)
    found = {"mode": as_enum(required(node, "mode", f"{where}.mode"), f"{where}.mode",
                             AFFINITY_MODES)}
    infos = optional(node, "pool_infos", as_list, f"{where}.pool_infos")
    if infos is not None:
        found["pool_infos"] = []
        for index, info in enumerate(infos):
            at = f"{where}.pool_infos[{index}]"
            entry = as_object(info, at)
            check_fields(entry, ("pool_name", "nodes"), at)
            name = as_id(required(entry, "pool_name", f"{at}.pool_name"), f"{at}.pool_name", 64)
            if name != pool_name:
                raise invalid_field(f"{at}.pool_name", "must be the pool_name the service is "
                                    f"deployed in ({pool_name or 'none set'})", name)
            nodes = as_list(required(entry, "nodes", f"{at}.nodes"), f"{at}.nodes")
            found["pool_infos"].append({"pool_name": name, "nodes": [
                {"name": as_id(required(as_object(n, f"{at}.nodes[{i}]"), "name",
                                        f"{at}.nodes[{i}].name"), f"{at}.nodes[{i}].name")}
                for i, n in enumerate(nodes)]})
    return {"node_affinity": found}


# ----- services: create ----------------------------------------------------------------------

def validate_service_create(body: dict, dedicated_pools: int) -> dict:
    """The create body, normalized: every documented rule that needs no store."""
    check_fields(body, SERVICE_CREATE_FIELDS)
    name = as_name(required(body, "service_name", "service_name"), "service_name")
    infer_type = as_enum(required(body, "infer_type", "infer_type"), "infer_type", INFER_TYPES)
    found: dict = {"service_name": name, "infer_type": infer_type,
                   "workspace_id": optional(body, "workspace_id", as_id, "workspace_id", 64) or "0",
                   "description": optional(body, "description", as_text, "description", 100,
                                           SERVICE_DESCRIPTION_FORBIDDEN) or ""}
    settings: dict = {}
    settings["cluster_id"] = optional(body, "cluster_id", as_id, "cluster_id", 64)
    settings["pool_name"] = optional(body, "pool_name", _pool_name, "pool_name", dedicated_pools)
    for key in ("vpc_id", "security_group_id", "subnet_network_id"):
        settings[key] = optional(body, key, as_id, key, 64)
    if settings["vpc_id"] is not None:
        for key in ("security_group_id", "subnet_network_id"):
            if settings[key] is None:
                raise invalid_field(key, "is required when vpc_id is configured")
    policy = optional(body, "load_balancer_policy", as_enum, "load_balancer_policy", LB_POLICIES)
    if policy is not None and infer_type != REAL_TIME:
        raise invalid_field("load_balancer_policy", "can be set only for real-time services",
                            policy)
    settings["load_balancer_policy"] = policy
    priority = optional(body, "priority", as_count, "priority", 1, 3)
    if priority is not None and infer_type == EDGE:
        raise invalid_field("priority", "can be set only for real-time and batch services",
                            priority)
    settings["priority"] = priority
    settings["service_secrets"] = optional(body, "service_secrets", _secrets, "service_secrets")
    found["settings"] = {k: v for k, v in settings.items() if v is not None}
    found["schedule"] = optional(body, "schedule", validate_schedule, "schedule",
                                 infer_type) or []
    found["additional_properties"] = optional(body, "additional_properties",
                                              validate_service_properties,
                                              "additional_properties") or {}
    found["config"] = validate_config(required(body, "config", "config"), "config", infer_type,
                                      found["settings"], dedicated_pools, updating=False)
    return found


def _secrets(value: Any, path: str) -> list[dict]:
    found = []
    for index, item in enumerate(as_list(value, path)):
        where = f"{path}[{index}]"
        secret = as_object(item, where)
        check_fields(secret, ("secretId", "mouthPath"), where)
        mount = as_str(required(secret, "mouthPath", f"{where}.mouthPath"), f"{where}.mouthPath",
                       min_len=1, max_len=1024)
        if not mount.startswith("/"):
            raise invalid_field(f"{where}.mouthPath", "must be an absolute path", mount)
        found.append({"secretId": as_id(required(secret, "secretId", f"{where}.secretId"),
                                        f"{where}.secretId"), "mouthPath": mount})
    return found


def create_only_changes(body: dict, current: dict) -> None:
    """Refuse create-only settings in an update body unless they repeat the current value."""
    for key in CREATE_ONLY_FIELDS:
        if key in body and body[key] is not None and body[key] != current.get(key):
            raise invalid_field(key, "cannot be changed by an update (the update API takes only "
                                "schedule, description, config, status and "
                                "additional_properties); create a new service instead",
                                body[key])
    unknown = [k for k in body if k not in SERVICE_UPDATE_FIELDS + CREATE_ONLY_FIELDS]
    if unknown:
        raise invalid_field(unknown[0], "is not a field of this request; accepted: "
                            + ", ".join(SERVICE_UPDATE_FIELDS))


# ----- models --------------------------------------------------------------------------------

def validate_model_create(body: dict) -> dict:
    check_fields(body, MODEL_CREATE_FIELDS)
    found: dict = {
        "model_name": as_name(required(body, "model_name", "model_name"), "model_name"),
        "model_version": as_str(required(body, "model_version", "model_version"),
                                "model_version", pattern=MODEL_VERSION_RE,
                                rule="must be Digit.Digit.Digit, each a number from 0 to 99 "
                                     "without a leading 0 (e.g. 1.0.0; 01.01.01 is invalid)"),
        "model_type": as_enum(required(body, "model_type", "model_type"), "model_type",
                              MODEL_TYPES),
    }
    spec: dict = {}
    if found["model_type"] != "Template":
        spec["source_location"] = as_str(required(body, "source_location", "source_location"),
                                         "source_location", min_len=1, max_len=1024)
    elif body.get("source_location") is not None:
        spec["source_location"] = as_str(body["source_location"], "source_location", max_len=1024)
    if body.get("description") is not None:
        spec["description"] = as_text(body["description"], "description", 100,
                                      MODEL_DESCRIPTION_FORBIDDEN, min_len=1)
    copy_flag = optional(body, "source_copy", as_enum, "source_copy", ("true", "false"))
    if copy_flag is not None:
        if found["model_type"] != "Image":
            raise invalid_field("source_copy", "applies only to models of model_type Image",
                                copy_flag)
        spec["source_copy"] = copy_flag
    elif found["model_type"] == "Image":
        spec["source_copy"] = "true"
    install = optional(body, "install_type", as_list, "install_type")
    if install is not None:
        if not install:
            raise invalid_field("install_type", "must name at least one deployment type "
                                "(real-time, batch, edge)", install)
        for index, kind in enumerate(install):
            as_enum(kind, f"install_type[{index}]", INSTALL_TYPES)
        if len(set(install)) != len(install):
            raise invalid_field("install_type", "must not name a deployment type twice", install)
    spec["install_type"] = list(install) if install is not None else list(DEFAULT_INSTALL_TYPE)
    spec["workspace_id"] = optional(body, "workspace_id", as_id, "workspace_id", 64) or "0"
    for key in ("runtime", "execution_code", "model_algorithm", "model_metrics",
                "source_job_id", "source_job_version"):
        value = optional(body, key, as_str, key, max_len=1024)
        if value is not None:
            spec[key] = value
    source_type = optional(body, "source_type", as_enum, "source_type", ("auto",))
    if source_type is not None:
        spec["source_type"] = source_type
    if body.get("initial_config") is not None:
        spec["initial_config"] = _initial_config(body["initial_config"])
    docs = optional(body, "model_docs", as_list, "model_docs", max_items=3)
    for key in ("dependencies", "apis", "input_params", "output_params"):
        value = optional(body, key, as_list, key)
        if value is not None:
            spec[key] = copy.deepcopy(value)
    if docs is not None:
        spec["model_docs"] = copy.deepcopy(docs)
    template = optional(body, "template", as_object, "template")
    if template is not None:
        spec["template"] = copy.deepcopy(template)
    elif found["model_type"] == "Template":
        raise invalid_field("template", "is required when model_type is Template")
    found["spec"] = spec
    return found


def _initial_config(value: Any) -> str:
    """The model configuration file (config.json) as a JSON string."""
    text = as_str(value, "initial_config", max_len=512 * 1024)
    try:
        parsed = json.loads(text)
    except ValueError:
        raise invalid_field("initial_config", "must be the model configuration (config.json) "
                            "as a JSON string", text) from None
    if not isinstance(parsed, dict):
        raise invalid_field("initial_config", "must encode a JSON object", text)
    return text


def bool_query(value: str | None, name: str, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise invalid_field(name, "must be true or false", value)
    return lowered == "true"


def json_object(body: Any) -> dict:
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body
