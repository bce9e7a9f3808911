"""v1 response bodies, shaped after the v1 API documents (there is no SDK model for v1).

Times are epoch milliseconds (numbers), statuses lower-case, `weight` an
integer even when the request sent a string. Optional fields the documents
say are "not returned" when unset are left out.
"""

from __future__ import annotations

import json

from ..core.settings import Settings
from .state.common import to_ms
from .state.v1_model import V1Model
from .state.v1_service import BATCH, EDGE, FAILED, REAL_TIME, SERVING, V1Service

OWNER = "emulator"


def _drop_none(body: dict) -> dict:
    return {key: value for key, value in body.items() if value is not None}


def access_address(svc: V1Service, settings: Settings) -> str:
    return f"https://{settings.infer_host}/v1/infers/{svc.service_id}"


# ----- services ------------------------------------------------------------------------------

def create_body(svc: V1Service) -> dict:
    """Deploying Services (seed 000) response: {service_id, resource_ids}."""
    return {"service_id": svc.service_id, "resource_ids": list(svc.resource_ids)}


def service_body(svc: V1Service, models: dict[str, V1Model], settings: Settings,
                 project_id: str, now: float) -> dict:
    """Obtaining Service Details: GET /v1/{project_id}/services/{service_id}."""
    body = _common(svc, project_id, now)
    body.update(_drop_none({
        "cluster_id": svc.settings.get("cluster_id"),
        "pool_name": svc.settings.get("pool_name"),
        "vpc_id": svc.settings.get("vpc_id"),
        "subnet_network_id": svc.settings.get("subnet_network_id"),
        "security_group_id": svc.settings.get("security_group_id"),
        "error_msg": svc.error_msg if svc.status == FAILED else None,
        "config": [config_item(svc, entry, models.get(entry["model_id"])) for entry in svc.config],
        "access_address": access_address(svc, settings) if svc.infer_type == REAL_TIME else None,
        "update_time": to_ms(svc.update_time),
        # Not in the documented response, echoed so a client can read back what it set.
        "load_balancer_policy": svc.settings.get("load_balancer_policy"),
        "priority": svc.settings.get("priority"),
        "service_secrets": svc.settings.get("service_secrets"),
    }))
    body["additional_properties"] = dict(svc.additional_properties)
    return body


def service_item(svc: V1Service, project_id: str, now: float) -> dict:
    """An item of Obtaining Services: GET /v1/{project_id}/services."""
    body = _common(svc, project_id, now)
    body["is_opened_sample_collection"] = False
    if not svc.additional_properties:
        body.pop("additional_properties", None)
    return body


def _common(svc: V1Service, project_id: str, now: float) -> dict:
    batch = svc.infer_type == BATCH
    return _drop_none({
        "service_id": svc.service_id,
        "service_name": svc.service_name,
        "description": svc.description,
        "tenant": project_id,
        "project": project_id,
        "owner": OWNER,
        "publish_at": to_ms(svc.publish_at),
        "infer_type": svc.infer_type,
        "workspace_id": svc.workspace_id,
        "status": svc.status,
        "progress": svc.progress(now),
        "invocation_times": 0,
        "failed_times": 0,
        "is_shared": False,
        "shared_count": 0,
        "is_free": False,
        "schedule": [dict(entry) for entry in svc.schedule] or None,
        "due_time": to_ms(svc.due_time) if svc.due_time is not None else None,
        "operation_time": to_ms(now),
        "transition_at": to_ms(svc.transition_at),
        "start_time": to_ms(svc.start_time) if batch and svc.start_time else None,
        "finished_time": to_ms(svc.finished_time) if batch and svc.finished_time else None,
        "additional_properties": dict(svc.additional_properties),
    })


def config_item(svc: V1Service, entry: dict, found: V1Model | None) -> dict:
    """QueryServiceConfig: the entry as given (weight an integer) plus model name/version."""
    item = {key: value for key, value in entry.items() if key != "nodes"}
    item.update({
        "model_name": found.model_name if found else None,
        "model_version": found.model_version if found else None,
        "status": svc.status,
        "scaling": False,
        "support_debug": False,
        "envs": dict(entry.get("envs") or {}),
        "additional_properties": dict(entry.get("additional_properties") or {}),
    })
    if svc.infer_type == EDGE:
        item["nodes"] = [_edge_node(node, svc) for node in entry.get("nodes") or []]
    if svc.infer_type == BATCH:
        item["start_time"] = to_ms(svc.start_time) if svc.start_time else None
        item["finished_time"] = to_ms(svc.finished_time) if svc.finished_time else None
    return _drop_none(item)


def _edge_node(node_id: str, svc: V1Service) -> dict:
    """Nodes (show response): the edge nodes the model runs on, as the platform describes them."""
    running = svc.status in SERVING
    return {"id": node_id, "name": node_id, "state": "RUNNING",
            "instance_status": "running" if running else
            ("failed" if svc.status == FAILED else "notReady"),
            "deployment_num": 1 if running else 0}


def events_body(svc: V1Service, events: list[dict], total: int) -> dict:
    return {"service_id": svc.service_id, "service_name": svc.service_name,
            "total_count": total, "count": len(events), "events": events}


def list_body(key: str, items: list[dict], limit: int, offset: int) -> dict:
    """{total_count, count, <key>: [...]}: `offset` counts records (see the README)."""
    chunk = items[offset:offset + limit]
    return {"total_count": len(items), "count": len(chunk), key: chunk}


# ----- models --------------------------------------------------------------------------------

def model_body(found: V1Model, project_id: str) -> dict:
    """Obtaining Details About a Model: GET /v1/{project_id}/models/{model_id}."""
    spec = found.spec
    return _drop_none({
        **_model_common(found, project_id),
        "source_location": spec.get("source_location"),
        "runtime": spec.get("runtime"),
        "execution_code": spec.get("execution_code"),
        "image_address": spec.get("source_location") if found.model_type == "Image" else None,
        "model_algorithm": spec.get("model_algorithm"),
        "model_metrics": spec.get("model_metrics"),
        "config": spec.get("initial_config"),
        "apis": _json_text(spec.get("apis")),
        "input_params": spec.get("input_params") or [],
        "output_params": spec.get("output_params") or [],
        "dependencies": spec.get("dependencies") or [],
        "model_docs": spec.get("model_docs") or [],
        "model_labels": [],
        "labels_map": {"labels": []},
        "health": None,
        "specification": {},
    })


def model_item(found: V1Model, project_id: str) -> dict:
    """A ModelListItem of Querying the Model List."""
    return _drop_none({**_model_common(found, project_id), "source_type": found.spec.get("source_type"),
                       "specification": {}})


def _model_common(found: V1Model, project_id: str) -> dict:
    spec = found.spec
    return {
        "model_id": found.model_id,
        "model_name": found.model_name,
        "model_version": found.model_version,
        "model_type": found.model_type,
        "model_status": found.model_status,
        "model_size": 0,
        "model_source": "custom",
        "source_copy": spec.get("source_copy"),
        "install_type": found.install_type,
        "description": spec.get("description", ""),
        "workspace_id": spec.get("workspace_id", "0"),
        "tenant": project_id,
        "project": project_id,
        "owner": OWNER,
        "create_at": to_ms(found.create_at),
        "tunable": False,
        "market_flag": False,
        "publishable_flag": False,
    }


def _json_text(value) -> str | None:
    return None if value is None else json.dumps(value)
