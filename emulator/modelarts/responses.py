"""Response bodies shaped after the official SDK's response models.

The SDK deserialises strictly by the type declared in each model's
`openapi_types`, and the same logical field is typed differently per model
(e.g. `create_at` is `datetime` in CreateInferDeploymentResponse, `str` in
GroupConfigResponse, `int` in list items). Emitting the wrong JSON type breaks
the SDK (with python-dateutil an int in a datetime field raises), so each
function below emits exactly the type its model declares:

- datetime fields: ISO-8601 UTC strings ending in "Z" (dateutil parses them,
  and without dateutil the SDK passes the string through unchanged);
- int fields: epoch milliseconds; str fields: epoch milliseconds as a string.
"""

from __future__ import annotations

import copy
import math
import uuid
from datetime import datetime, timezone

from ..core.settings import Settings
from .state.common import CONCERNING, RUNNING, UPGRADING, to_ms
from .state.deployment import Deployment
from .state.service import Service

SERVING_STATUSES = {RUNNING, CONCERNING, UPGRADING}

# Deployment settings echoed back as they were given (same JSON types).
ECHOED_CONFIG_FIELDS = (
    "pool_id", "framework", "count", "weight", "priority", "secret_type", "secret_name",
    "deploy_type", "workload_type", "high_avail_switch", "system_log_dump_enable",
    "schedule_strategy", "unit_configs", "model", "advanced_config", "mirror_traffic_enable",
    "deployment_task_limit", "description",
)


def iso(seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _drop_none(body: dict) -> dict:
    return {key: value for key, value in body.items() if value is not None}


# Namespace of the stable ids the emulator derives for units and images.
_ID_NAMESPACE = uuid.UUID("6f6d7c0e-5e4b-4a8e-9a51-3a0f1f5d2c11")


def _config_fields(dep: Deployment) -> dict:
    fields = {key: dep.config.get(key) for key in ECHOED_CONFIG_FIELDS}
    if fields["unit_configs"] is not None:
        fields["unit_configs"] = units_with_ids(dep.id, fields["unit_configs"])
    return fields


def units_with_ids(deployment_id: str, units: list) -> list:
    """`unit_configs` as read back: each unit with its `id` (stable per deployment and
    position) and its image with an `id` (stable per image source and path). Ids are derived,
    never stored, so every read (and every version) of a unit shows the same one."""
    shown = []
    for index, unit in enumerate(units):
        unit = copy.deepcopy(unit)
        if isinstance(unit, dict):
            unit["id"] = str(uuid.uuid5(_ID_NAMESPACE, f"{deployment_id}/unit/{index}"))
            image = unit.get("image")
            if isinstance(image, dict):
                image["id"] = str(uuid.uuid5(_ID_NAMESPACE, f"image/{image.get('source')}/"
                                                            f"{image.get('swr_path')}"))
        shown.append(unit)
    return shown


# ----- deployments ---------------------------------------------------------------------------

def deployment_body(dep: Deployment, user_name: str = "emulator", status: str | None = None) -> dict:
    """CreateInferDeploymentResponse (also show/update/delete/stop/interrupt/scale)."""
    return _drop_none({
        "id": dep.id,
        "name": dep.name,
        "deployment_name": dep.name,
        "infer_name": dep.id,
        **_config_fields(dep),
        "version": dep.version,
        "version_id": dep.version_id,
        "version_count": dep.version_count,
        "status": status or dep.status,
        "mirror_traffic_weight": int(dep.config.get("mirror_traffic_weight", 0)),
        "user_name": user_name,
        "frozen_infos": [],
        "create_at": iso(dep.create_at),
        "update_at": iso(dep.update_at),
    })


def group_config_body(dep: Deployment, traffic_ratio: str) -> dict:
    """GroupConfigResponse (service `version.instance_groups[]`, start deployment)."""
    serving = dep.status in SERVING_STATUSES
    return _drop_none({
        "id": dep.id,
        "name": dep.name,
        "infer_name": dep.id,
        **_config_fields(dep),
        "version": dep.version,
        "version_id": dep.version_id,
        "version_count": dep.version_count,
        "status": dep.status,
        "running_count": dep.config.get("count", 1) if serving else 0,
        "traffic_ratio": traffic_ratio,
        "mirror_traffic_weight": str(dep.config.get("mirror_traffic_weight", 0)),
        "lts_state": "OFF",
        "create_at": str(to_ms(dep.create_at)),
        "update_at": to_ms(dep.update_at),
    })


def deployment_item(dep: Deployment, traffic_ratio: str, service_name: str) -> dict:
    """InferDeploymentItemResponseData (deployment list)."""
    return _drop_none({
        "id": dep.id,
        "name": dep.name,
        "infer_name": dep.id,
        "service_group_name": service_name,
        "status": dep.status,
        "lts_state": "OFF",
        "mirror_traffic_enable": dep.config.get("mirror_traffic_enable", False),
        "mirror_traffic_weight": str(dep.config.get("mirror_traffic_weight", 0)),
        "weight": dep.config.get("weight"),
        "traffic_ratio": traffic_ratio,
        "pool_id": dep.config.get("pool_id"),
        "version": dep.version,
        "deploy_type": dep.config.get("deploy_type"),
        "create_at": to_ms(dep.create_at),
        "update_at": to_ms(dep.update_at),
        "frozen_infos": [],
    })


def version_item(dep: Deployment, entry: dict) -> dict:
    """InferDeploymentVersionItemResp: the current version reports ACTIVE, older ones INACTIVE."""
    current = entry["version_id"] == dep.version_id
    return _drop_none({
        "infer_name": dep.id,
        "version": entry["version"],
        "version_status": "ACTIVE" if current else "INACTIVE",
        "description": entry.get("description") or "",
        "create_at": iso(entry["create_at"] / 1000),
        "update_at": iso(entry["update_at"] / 1000),
        "deploy_type": entry.get("deploy_type"),
    })


def version_body(dep: Deployment, entry: dict) -> dict:
    """ShowInferDeploymentVersionResponse: the deployment as it is (or was) at that version.

    The current version reports the deployment's status; a recorded but
    inactive version reports STOPPED (nothing runs it).
    """
    current = entry["version_id"] == dep.version_id
    view = Deployment.from_doc({**dep.to_doc(), "config": entry["config"],
                                "version": entry["version"], "version_id": entry["version_id"]})
    view.update_at = entry["update_at"] / 1000
    return deployment_body(view, status=None if current else "STOPPED")


def traffic_ratios(deployments: list[Deployment]) -> dict[str, str]:
    """Share of live traffic per deployment id, in percent, from the relative weights.

    Only serving deployments take traffic; when all their weights are 0 the
    traffic is split evenly (domain-spec 6). Mirrored deployments get no live share.
    """
    live = [d for d in deployments
            if d.status in SERVING_STATUSES and not d.config.get("mirror_traffic_enable")]
    total = sum(d.config.get("weight", 0) for d in live)
    ratios = {d.id: "0" for d in deployments}
    for dep in live:
        share = 100 / len(live) if total == 0 else 100 * dep.config.get("weight", 0) / total
        ratios[dep.id] = f"{share:g}"
    return ratios


# ----- services ------------------------------------------------------------------------------

def predict_url(service: Service, settings: Settings) -> str:
    return f"https://{settings.infer_host}/v2/infer/{service.id}"


def service_body(service: Service, deployments: list[Deployment], settings: Settings,
                 status: str | None = None) -> dict:
    """ServiceResponse (create/show/update/start/stop and batch-delete items)."""
    ratios = traffic_ratios(deployments)
    url = predict_url(service, settings)
    settings_ = service.settings
    return _drop_none({
        "id": service.id,
        "name": service.name,
        "workspace_id": service.workspace_id,
        "type": service.type,
        "deploy_type": service.deploy_type,
        "status": status or service.status,
        "failure_reason": "; ".join(d.failure_reason for d in deployments
                                    if d.status == "FAILED" and d.failure_reason),
        "version": _drop_none({
            "id": service.version_id,
            "version": service.version,
            "description": service.description,
            "predict_url": url,
            "runtime_config": _runtime_config_response(settings_.get("runtime_config") or {}),
            "upgrade_config": settings_.get("upgrade_config"),
            "instance_groups": [group_config_body(d, ratios[d.id]) for d in deployments],
            "lts_strategy": settings_.get("lts_strategy"),
            "lts_status": "OFF",
            "log_configs": _log_configs_response(settings_.get("log_configs") or []),
            "deploy_timeout_minutes": settings_.get("deploy_timeout_minutes"),
        }),
        "predict_url": [{"type": "PUBLIC", "urls": [url]}],
        "dispatcher_group_id": service.id,
        "tags": service.tags,
        "deploy_timeout_minutes": settings_.get("deploy_timeout_minutes"),
        "schedule": _schedule_response(settings_.get("schedule") or [], service),
        "create_at": str(to_ms(service.create_at)),
        "update_at": str(to_ms(service.update_at)),
        "task_type": settings_.get("task_type"),
        "frozen_infos": [],
    })


def service_item(service: Service) -> dict:
    """ServiceItemResponseData (service list)."""
    invoke = (service.settings.get("runtime_config") or {}).get("service_invoke") or {}
    return _drop_none({
        "id": service.id,
        "name": service.name,
        "status": service.status,
        "version": service.version,
        "version_count": service.version_count,
        "description": service.description,
        "type": service.type,
        "deploy_type": service.deploy_type,
        "user_name": "emulator",
        "workspace_id": service.workspace_id,
        "create_at": to_ms(service.create_at),
        "update_at": to_ms(service.update_at),
        "auth_type": invoke.get("auth_type"),
        "task_type": service.settings.get("task_type"),
        "tags": service.tags,
        "schedule": _schedule_response(service.settings.get("schedule") or [], service),
        "frozen_infos": [],
    })


def service_version_item(service: Service, entry: dict) -> dict:
    """A recorded service version (GET .../services/{service_id}/versions); times in ms."""
    return {
        "id": entry["id"],
        "service_id": service.id,
        "version": entry["version"],
        "description": entry.get("description") or "",
        "version_status": "ACTIVE" if entry["id"] == service.version_id else "INACTIVE",
        "create_at": to_ms(entry["create_at"]),
        "update_at": to_ms(entry["update_at"]),
    }


def _runtime_config_response(runtime_config: dict) -> dict:
    # custom_urls is accepted on create but not echoed by the platform (api.md 4.2).
    invoke = {k: v for k, v in (runtime_config.get("service_invoke") or {}).items()
              if k != "custom_urls"}
    return {**runtime_config, "service_invoke": invoke}


def _log_configs_response(log_configs: list[dict]) -> list[dict]:
    return [{"type": c.get("type"), "status": c.get("status", "ON"),
             "log_group_id": c.get("log_group_id"), "log_stream_id": c.get("log_stream_id")}
            for c in log_configs]


def _schedule_response(schedule: list[dict], service: Service) -> list[dict]:
    unit_seconds = {"MINUTES": 60, "HOURS": 3600, "DAYS": 86400}
    return [{**entry, "processed": False,
             "due_time": to_ms(service.update_at
                               + entry.get("duration", 0) * unit_seconds.get(entry.get("time_unit"), 0))}
            for entry in schedule]


# ----- API keys ------------------------------------------------------------------------------

def api_key_body(key, services: list[Service], project_id: str) -> dict:
    """ApiKeyResponseV2 (list items, delete, bind, unbind, batch items); never the secret."""
    return {
        "key_id": key.key_id,
        "name": key.name,
        "description": key.description,
        "create_time": str(to_ms(key.create_at)),  # typed str in the SDK model
        "scope": key.scope,
        "domain_id": "emulator-domain",
        "project_id": project_id,
        "services": [{"id": s.id, "name": s.name} for s in services],
        "workspace_id": key.workspace_id,
    }


# ----- intranet connections ------------------------------------------------------------------

def intranet_connection_body(conn, settings: Settings) -> dict:
    """IntranetConnectionInfo (create/modify responses and list items); times are ms strings."""
    # The access address (a VPC endpoint in the caller's network) exists once connected.
    urls = [f"https://{conn.id[:8]}.vpcep.{settings.infer_host}/v2/infer/{conn.service_id}"] \
        if conn.status == "CONNECTED" and conn.service_id else []
    return _drop_none({
        "id": conn.id,
        "status": conn.status,
        "scene": conn.scene,
        "type": conn.type,
        "service_id": conn.service_id,
        "service_name": conn.service_name,
        "service_type": conn.service_type,
        "vpc_id": conn.vpc_id,
        "subnet_id": conn.subnet_id,
        "pool_id": conn.pool_id,
        "dispatcher_group_id": conn.dispatcher_group_id,
        "url_list": urls,
        "custom_url_list": list(conn.custom_urls),
        "applicant_user_name": "emulator",
        "owner_domain_name": "emulator",
        "message": conn.message,
        "create_at": str(to_ms(conn.create_at)),
        "update_at": str(to_ms(conn.update_at)),
    })


# ----- pagination ----------------------------------------------------------------------------

def page(items: list[dict], limit: int, offset: int) -> dict:
    """The {data, current, size, pages, total} envelope; `current` counts pages from 0."""
    chunk = items[offset:offset + limit]
    return {
        "data": chunk,
        "current": offset // limit,
        "size": len(chunk),
        "pages": math.ceil(len(items) / limit),
        "total": len(items),
    }


# ----- HPA auto-scaling policy -----------------------------------------------------------------

def hpa_body(policy, status: str | None = None) -> dict:
    """CreateInferDeploymentHpaResponse (also show/update/delete): rule `disable` is a STRING.

    min/max_replicas: the range of the rules' targets (the emulator's reading).
    """
    low, high = policy.replica_bounds
    return _drop_none({
        "id": policy.id,
        "name": policy.name,
        "target_resource_id": policy.deployment_id,
        "target_resource_type": policy.target_resource_type,
        "min_replicas": low,
        "max_replicas": high,
        "status": status or policy.status,
        "workspace_id": policy.workspace_id,
        "hpa_rules": [{"id": rule["id"], "hpa_id": policy.id, "name": rule["name"], "type": rule["type"],
                       "schedule": rule["schedule"], "target_replicas": rule["target_replicas"],
                       "disable": "true" if rule["disable"] else "false", "status": rule["status"]}
                      for rule in policy.rules],
    })


def hpa_event_item(policy, event: dict) -> dict:
    """HpaEventResponse: `record_time` is a 'YYYY-MM-DD HH:MM:SS' string (UTC)."""
    moment = datetime.fromtimestamp(event["at"], tz=timezone.utc)
    return {"id": event["id"], "hpa_id": policy.id, "status": event["status"], "message": event["message"],
            "current_replicas": event["current_replicas"], "target_replicas": event["target_replicas"],
            "final_replicas": event["final_replicas"], "record_time": moment.strftime("%Y-%m-%d %H:%M:%S")}
