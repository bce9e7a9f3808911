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
    return found


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
