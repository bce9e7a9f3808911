"""What is deployed in a project, for people (`inference-emulator ls`, the status page).

Read-only: the documents are loaded and their timed changes applied in
memory (as the next API request would), nothing is written.
"""

from __future__ import annotations

from ..core.faults import FaultBook
from ..core.plugin import Node
from ..core.store import Store
from .state import gateway as gateway_state
from .state import instances as instance_view
from .state import service as service_state
from .state.gateway import Gateway
from .state.service import Service, gateway_of


def nodes(store: Store, project_id: str, now: float) -> list[Node]:
    unhealthy = FaultBook(store).unhealthy_rules()
    found = []
    for doc in store.list(service_state.KIND, project_id):
        service = Service.from_doc(doc)
        if service.advance(now):
            continue
        service.set_health(FaultBook.is_unhealthy(unhealthy, service.name), now)
        found.append(_service_node(service, now))
    for doc in store.list(gateway_state.KIND, project_id):
        gateway = Gateway.from_doc(doc)
        if gateway.advance(now)[1]:
            continue
        found.append(Node(kind="gateway", name=f"{gateway.region}/{gateway.name}",
                          id=gateway.gateway_id, status=gateway.status,
                          details=f"{gateway.instance_type} x {gateway.replicas}",
                          children=tuple(
                              Node(kind="linked vpc", name=v["VpcId"], id=v["VSwitchId"],
                                   status=v["Status"], details=f"ip {v['Ip']}")
                              for v in gateway.linked_vpcs)))
    return found


def _service_node(service: Service, now: float) -> Node:
    running, _, total = instance_view.counts(service, now)
    details = [f"{running}/{total} instances ready"]
    if service.group:
        details.append(f"group {service.group} ({service.traffic_state}, weight {service.weight})")
    if gateway_of(service.config):
        details.append(f"gateway {gateway_of(service.config)}")
    if service.safety_lock != "none":
        details.append(f"lock {service.safety_lock}")
    if service.autoscaler:
        details.append(f"autoscaler {service.autoscaler['min']}-{service.autoscaler['max']}")
    if service.status in {"Failed", "Waiting"} or (service.rollout or {}).get("held"):
        details.append(service.message)
    version = str(service.current_version)
    if service.latest_version != service.current_version:
        version += f" (latest {service.latest_version})"
    return Node(kind="service", name=f"{service.region}/{service.name}", id=service.service_id,
                status=service.status, version=version, details=", ".join(details))
