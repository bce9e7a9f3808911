"""The composite ids of ModelArts resources (also the ids to import them with)."""

from __future__ import annotations

from typing import Any

from ..core.ids import CompositeId

DEPLOYMENT_ID = CompositeId("Deployment", ("service_id", "deployment_id"))
SCALING_RULE_ID = CompositeId("ScalingRule", ("service_id", "deployment_id"))
TRAFFIC_SHIFT_ID = CompositeId("TrafficShift", ("service_id", "stable_deployment_id", "canary_deployment_id"))


def locate_deployment(id_: str, props: dict[str, Any]) -> tuple[str, str]:
    """(service id, deployment id). Created deployments keep the platform's id and
    their service in the state; an import names both: `<service_id>/<deployment_id>`."""
    if DEPLOYMENT_ID.matches(id_):
        service_id, deployment_id = DEPLOYMENT_ID.split(id_)
        return service_id, deployment_id
    return str(props.get("service_id") or ""), id_
