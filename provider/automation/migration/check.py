"""Is the migrated v2 service ready to take the v1 service's clients? (`inference-migrate --check`)

Ready means: the v2 service is RUNNING; every deployment is RUNNING with
all its replicas ready and none failing its health check; and v2 serves
what v1 serves now, each v1 config entry's image at its weight in some
deployment (a v1 service changed since the migration is caught here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ...core.errors import NotFoundError
from ...modelarts.client import ModelArtsClient
from ...modelarts.statuses import DEPLOYMENT_RUNNING, SERVICE_RUNNING, status_of
from ...modelarts.v1.client import ModelArtsV1Client
from ...modelarts.v1.statuses import status_of as v1_status_of
from ...modelarts.waiters.deployment import ready_instances, unhealthy_instances
from .translate import image_of


@dataclass
class LiveDeployment:
    deployment: dict[str, Any]
    instances: list[dict[str, Any]]

    @property
    def image(self) -> str:
        units = self.deployment.get("unit_configs") or [{}]
        return str(((units[0] or {}).get("image") or {}).get("swr_path") or "")


@dataclass
class Readiness:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def readiness(service: Mapping[str, Any], deployments: list[LiveDeployment], v1_service: Mapping[str, Any] | None,
              v1_images: Mapping[str, str | None]) -> Readiness:
    """The verdict on what was read (pure): lines to show, and problems (none: ready)."""
    found = Readiness()
    status = status_of(service)
    found.lines.append(f"v2 service {service.get('name')}: {status}")
    if status != SERVICE_RUNNING:
        found.problems.append(f"the v2 service is {status}, not {SERVICE_RUNNING}")
    for live in deployments:
        found.problems += _deployment_problems(live, found.lines)
    if v1_service is None:
        found.lines.append("v1 service: gone (nothing left to compare with)")
        return found
    found.lines.append(f"v1 service {v1_service.get('service_name')}: {v1_status_of(v1_service)}")
    served = {(live.image, int(live.deployment.get("weight") or 0)) for live in deployments}
    for index, entry in enumerate(v1_service.get("config") or []):
        image, weight = v1_images.get(entry.get("model_id")), int(entry.get("weight") or 0)
        if image is not None and (image, weight) not in served:
            found.problems.append(f"v1 config[{index}] serves {image} at weight {weight}, which no v2 deployment "
                                  "does (v1 changed since the migration? run inference-migrate again)")
    return found


def _deployment_problems(live: LiveDeployment, lines: list[str]) -> list[str]:
    d = live.deployment
    name, status, wanted = d.get("name"), status_of(d), int(d.get("count") or 1)
    ready, unhealthy = ready_instances(live.instances), unhealthy_instances(live.instances)
    lines.append(f"  {name}: {status}, {len(ready)}/{wanted} ready, {live.image} at weight {d.get('weight')}")
    problems = []
    if status != DEPLOYMENT_RUNNING:
        problems.append(f"deployment {name} is {status}" + (f": {d['failure_reason']}" if d.get("failure_reason") else ""))
    if len(ready) < wanted:
        problems.append(f"deployment {name} has {len(ready)} of {wanted} replica(s) ready")
    if unhealthy:
        problems.append(f"deployment {name} has instance(s) failing their health check: "
                        + ", ".join(f"{i.get('instance_name')} {i.get('status')}" for i in unhealthy))
    return problems


def read_readiness(v2: ModelArtsClient, v1: ModelArtsV1Client, outputs: Mapping[str, Any]) -> Readiness:
    """Read what the stack's outputs name (v2 service, its deployments, the v1 service) and judge it."""
    service_id = outputs["service_id"]
    try:
        service = v2.services.get(service_id)
    except NotFoundError:
        return Readiness(problems=[f"the v2 service {service_id} of the stack outputs does not exist (run up)"])
    deployments = []
    for deployment_id in (outputs.get("deployment_ids") or {}).values():
        deployment = v2.deployments.get(service_id, deployment_id)
        deployments.append(LiveDeployment(deployment, v2.deployments.instances(service_id, deployment["name"])))
    v1_service = v1.services.find(outputs["v1_service_id"]) if outputs.get("v1_service_id") else None
    images = {}
    for entry in (v1_service or {}).get("config") or []:
        model = v1.models.find_by_id(entry.get("model_id"))
        images[entry.get("model_id")] = image_of(model) if model else None
    return readiness(service, deployments, v1_service, images)
