"""What is deployed in a project, for people (`inference-emulator ls`, the status page).

Read-only: the documents are loaded and their timed transitions applied in
memory (as the next API request would), nothing is written.
"""

from __future__ import annotations

from ..core.faults import FaultBook
from ..core.plugin import Node
from ..core.settings import Settings
from ..core.store import Store
from .state import api_key as api_key_state
from .state import deployment as deployment_state
from .state import intranet_connection as connection_state
from .state import service as service_state
from .state.deployment import Deployment
from .state.service import Service, aggregate_status
from .state import v1_model as v1_model_state
from .state import v1_service as v1_service_state
from .state.v1_model import V1Model
from .state.v1_service import V1Service
from .handlers.v1_common import advance_all


def nodes(store: Store, project_id: str, settings: Settings, now: float) -> list[Node]:
    unhealthy = FaultBook(store).unhealthy_rules()
    deployments = [Deployment.from_doc(doc) for doc in store.list(deployment_state.KIND, project_id)]
    for dep in deployments:
        dep.advance(now)
        dep.set_health(FaultBook.is_unhealthy(unhealthy, dep.name), now)
    keys = store.list(api_key_state.KIND, project_id)
    connections = store.list(connection_state.KIND, project_id)
    found = []
    for doc in store.list(service_state.KIND, project_id):
        service = Service.from_doc(doc)
        own = [d for d in deployments if d.service_id == service.id]
        found.append(Node(
            kind="service", name=service.name, id=service.id,
            status=aggregate_status([d.status for d in own]), version=service.version,
            details=_service_details(service, keys, connections),
            children=tuple(_deployment_node(dep) for dep in own)))
    return found + _v1_nodes(store, project_id, unhealthy, now)


def _v1_nodes(store: Store, project_id: str, unhealthy: list[dict], now: float) -> list[Node]:
    """The old v1 API's services (with the models they deploy) and its model registry."""
    models = [V1Model.from_doc(d) for d in store.list(v1_model_state.KIND, project_id)]
    services = [V1Service.from_doc(d) for d in store.list(v1_service_state.KIND, project_id)]
    advance_all(models, services, unhealthy, now)  # in memory only: nothing is written
    by_id = {m.model_id: m for m in models}
    found = []
    for svc in services:
        found.append(Node(kind="v1 service", name=svc.service_name, id=svc.service_id,
                          status=svc.status, details=_v1_service_details(svc),
                          children=tuple(_v1_config_node(svc, entry, by_id.get(entry["model_id"]))
                                         for entry in svc.config)))
    for model in models:
        found.append(Node(kind="v1 model", name=model.model_name, id=model.model_id,
                          status=model.model_status, version=model.model_version,
                          details=f"{model.model_type}, {', '.join(model.install_type)}"))
    return found


def _v1_service_details(svc: V1Service) -> str:
    parts = [svc.infer_type]
    pool = svc.settings.get("pool_name") or svc.settings.get("cluster_id")
    if pool:
        parts.append(f"pool {pool}")
    if svc.due_time is not None:
        parts.append("auto stop set")
    if svc.error_msg and svc.status == "failed":
        parts.append(svc.error_msg)
    return ", ".join(parts)


def _v1_config_node(svc: V1Service, entry: dict, model: V1Model | None) -> Node:
    count = entry["instance_count"]
    details = [f"{count} instance{'s' if count > 1 else ''}", entry["specification"]]
    if "weight" in entry and svc.infer_type == "real-time":
        details.insert(0, f"weight {entry['weight']}")
    return Node(kind="model", name=model.model_name if model else "(deleted model)",
                id=entry["model_id"], status=svc.status,
                version=model.model_version if model else "", details=", ".join(details))


def _service_details(service: Service, keys: list[dict], connections: list[dict]) -> str:
    invoke = (service.settings.get("runtime_config") or {}).get("service_invoke") or {}
    bound = sum(1 for key in keys if service.id in key.get("service_ids", []))
    linked = [c for c in connections if c.get("service_id") == service.id]
    parts = [f"auth {invoke.get('auth_type', '?')}"]
    if bound:
        parts.append(f"{bound} API key{'s' if bound > 1 else ''}")
    for conn in linked:
        parts.append(f"private connection {conn.get('vpc_id') or conn.get('pool_id')} "
                     f"{conn.get('status')}")
    return ", ".join(parts)


def _deployment_node(dep: Deployment) -> Node:
    count = int(dep.config.get("count") or 1)
    pool = dep.config.get("pool_id") or "public pool"
    details = [f"weight {dep.config.get('weight', 0)}", f"{count} replica{'s' if count > 1 else ''}",
               pool]
    if dep.failure_reason and dep.status == "FAILED":
        details.append(dep.failure_reason)
    return Node(kind="deployment", name=dep.name, id=dep.id, status=dep.status,
                version=dep.version, details=", ".join(details))
