"""Validation of one `unit_configs[]` entry (SDK `UnitConfig`, modelarts-api.md 4.3).

Every failure is a 400 naming the field path (`unit_configs[0].readiness_health
.period_seconds`) and the rule. Ranges the sources leave open are chosen here:
probe numbers 1..2^31-1 (domain-spec 22), `termination_grace_period_seconds`
0..3600, custom memory an integer >= 4 (domain-spec 2.5; MB per the SDK).
"""

from __future__ import annotations

import re

from .. import errors
from ..state import flavors as flavor_state
from ..validation import (
    as_bool,
    as_enum,
    as_int,
    as_list,
    as_object,
    as_str,
    optional,
    required,
)

UNIT_NAME_RE = re.compile(r"[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?")
IMAGE_SOURCES = ("SWR", "IMAGE")
IMAGE_CATEGORIES = ("GPU", "CPU", "ASCEND")
CHECK_METHODS = ("HTTP", "EXEC")
PROBE_PROTOCOLS = ("HTTP", "HTTPS", "WS", "WSS")
PROBES = ("readiness_health", "startup_health", "liveness_health")
MOUNT_SOURCES = ("OBS", "OBSFS", "EFS", "LOCAL")
DUMP_SOURCES = ("OBS", "OBSFS")
RECOVERY = ("Instance", "Role", "Pod")
ARCHES = ("x86", "arm64")
MAX_INT32 = 2**31 - 1
MAX_FILE_MOUNTS = 15
MAX_DUMPS = 10
PROBE_URL_RE = re.compile(r"/[A-Za-z0-9_/:-]{0,1023}")
PROBE_CMD_FORBIDDEN = set("#~^$|%&*<>()'\"[]{}")
MOUNT_PATH_RE = re.compile(r"/([A-Za-z0-9._/-]*/)?")
ENV_KEY_RE = re.compile(r"[A-Za-z_.-][A-Za-z0-9_.-]{0,63}")


def validate_unit(unit, path: str, *, public_pool: bool) -> None:
    as_object(unit, path)
    optional(unit, "id", as_str, f"{path}.id", max_len=64)
    _validate_image(required(unit, "image", f"{path}.image"), f"{path}.image")
    optional(unit, "name", as_str, f"{path}.name", pattern=UNIT_NAME_RE,
             rule="must be 1-16 lower-case letters, digits or '-', "
                  "starting and ending alphanumeric")
    optional(unit, "count", as_int, f"{path}.count", 1, 128)
    optional(unit, "group_count", as_int, f"{path}.group_count", 1, 100)
    optional(unit, "port", as_int, f"{path}.port", 1, 65535)
    optional(unit, "recovery", as_enum, f"{path}.recovery", RECOVERY)
    for flag in ("cpu_affinity", "npu_reset_enable"):
        optional(unit, flag, as_bool, f"{path}.{flag}")
    optional(unit, "cmd", as_str, f"{path}.cmd", max_len=4096)
    _validate_flavor(unit, path, public_pool)
    _validate_envs(unit.get("envs"), f"{path}.envs")
    for probe in PROBES:
        optional(unit, probe, _validate_probe, f"{path}.{probe}")
    optional(unit, "termination_grace", _validate_grace, f"{path}.termination_grace")
    _validate_mounts(unit, path)


def _validate_image(value, path: str) -> None:
    image = as_object(value, path)
    as_enum(required(image, "source", f"{path}.source"), f"{path}.source", IMAGE_SOURCES)
    as_str(required(image, "swr_path", f"{path}.swr_path"), f"{path}.swr_path",
           min_len=1, max_len=1024)
    optional(image, "category", as_enum, f"{path}.category", IMAGE_CATEGORIES)
    optional(image, "id", as_str, f"{path}.id", max_len=64)


def _validate_flavor(unit: dict, path: str, public_pool: bool) -> None:
    spec = optional(unit, "custom_spec", as_object, f"{path}.custom_spec")
    flavor = unit.get("flavor")
    if flavor == "custom" and spec is None:
        raise errors.missing_field(f"{path}.custom_spec")
    if isinstance(flavor, str) and flavor != "custom" and not flavor_state.offered(flavor):
        raise errors.invalid_field(f"{path}.flavor", "is not a flavor this region offers "
                                   "(GET /v2/{project_id}/services/flavors lists them)", flavor)
    if spec is None:
        return
    if public_pool:
        raise errors.invalid_field(f"{path}.custom_spec",
                                   "custom specifications need a dedicated pool (set pool_id)")
    cpu = _number(required(spec, "cpu", f"{path}.custom_spec.cpu"), f"{path}.custom_spec.cpu")
    if cpu < 0.01:
        raise errors.invalid_field(f"{path}.custom_spec.cpu", "must be at least 0.01", cpu)
    memory = required(spec, "memory", f"{path}.custom_spec.memory")
    as_int(memory, f"{path}.custom_spec.memory", 4, None)
    gpu = spec.get("gpu")
    if gpu is not None and _number(gpu, f"{path}.custom_spec.gpu") < 0:
        raise errors.invalid_field(f"{path}.custom_spec.gpu", "must not be negative", gpu)
    optional(spec, "ascend", as_int, f"{path}.custom_spec.ascend", 0, None)
    optional(spec, "arch", as_enum, f"{path}.custom_spec.arch", ARCHES)


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise errors.invalid_field(path, "must be a number", value)
    return float(value)


def _validate_envs(value, path: str) -> None:
    if value is None:
        return
    for key, env_value in as_object(value, path).items():
        if not ENV_KEY_RE.fullmatch(key) or key[0].isdigit():
            raise errors.invalid_field(f"{path}.{key}", "keys must be 1-64 letters, digits, '_', "
                                       "'-' or '.', not starting with a digit", key)
        as_str(env_value, f"{path}.{key}")
        if "<" in env_value or ">" in env_value:
            raise errors.invalid_field(f"{path}.{key}", "must not contain HTML ('<' or '>')",
                                       env_value)


def _validate_probe(value, path: str) -> dict:
    probe = as_object(value, path)
    method = optional(probe, "check_method", as_enum, f"{path}.check_method", CHECK_METHODS)
    optional(probe, "protocol", as_enum, f"{path}.protocol", PROBE_PROTOCOLS)
    for key in ("initial_delay_seconds", "timeout_seconds", "period_seconds", "failure_threshold"):
        optional(probe, key, as_int, f"{path}.{key}", 1, MAX_INT32)
    if (method or "HTTP") == "HTTP":
        url = required(probe, "url", f"{path}.url")
        as_str(url, f"{path}.url", pattern=PROBE_URL_RE,
               rule="must start with '/' and hold at most 1024 letters, digits, "
                    "'-', '_', '/' or ':'")
    else:
        cmd = as_str(required(probe, "cmd", f"{path}.cmd"), f"{path}.cmd", min_len=1, max_len=1024)
        bad = sorted(PROBE_CMD_FORBIDDEN & set(cmd))
        if bad:
            raise errors.invalid_field(f"{path}.cmd", f"must not contain {''.join(bad)}", cmd)
    return probe


def _validate_grace(value, path: str) -> dict:
    grace = as_object(value, path)
    optional(grace, "pre_stop_cmd", as_str, f"{path}.pre_stop_cmd", max_len=255)
    optional(grace, "termination_grace_period_seconds", as_int,
             f"{path}.termination_grace_period_seconds", 0, 3600)
    return grace


def _validate_mounts(unit: dict, path: str) -> None:
    limits = {"files": MAX_FILE_MOUNTS, "models": MAX_FILE_MOUNTS, "codes": MAX_FILE_MOUNTS,
              "dumps": MAX_DUMPS}
    seen: dict[str, str] = {}
    for key, limit in limits.items():
        mounts = optional(unit, key, as_list, f"{path}.{key}", max_items=limit) or []
        sources = DUMP_SOURCES if key == "dumps" else MOUNT_SOURCES
        for index, mount in enumerate(mounts):
            where = f"{path}.{key}[{index}]"
            mount_path = _validate_mount(mount, where, sources)
            if mount_path in seen:
                raise errors.invalid_field(f"{where}.mount_path",
                                           f"is already used by {seen[mount_path]}", mount_path)
            seen[mount_path] = where


def _validate_mount(value, path: str, sources: tuple[str, ...]) -> str:
    mount = as_object(value, path)
    source = as_str(required(mount, "source", f"{path}.source"), f"{path}.source")
    if source.upper() not in sources:  # documented as case-insensitive
        raise errors.invalid_field(f"{path}.source", f"must be one of {', '.join(sources)}",
                                   source)
    optional(mount, "address", as_str, f"{path}.address", max_len=1024)
    mount_path = as_str(required(mount, "mount_path", f"{path}.mount_path"), f"{path}.mount_path",
                        pattern=MOUNT_PATH_RE, max_len=255,
                        rule="must start and end with '/', be at most 255 characters of "
                             "letters, digits, '-', '_', '.' or '/'")
    for flag in ("host_cache", "read_only", "os_warm_up"):
        optional(mount, flag, as_bool, f"{path}.{flag}")
    if mount.get("os_warm_up"):
        as_str(required(mount, "source_name", f"{path}.source_name"), f"{path}.source_name",
               min_len=1, max_len=64)
    return mount_path
