"""The composite ids of PAI-EAS resources (also the ids to import them with).

EAS addresses everything by region (the ClusterId of every path) and name;
the ids say both, so an import names the region it reads from.
"""

from __future__ import annotations

from ..core.ids import CompositeId, IdFormatError

SERVICE_ID = CompositeId("Service", ("region", "name"))
DEPLOYMENT_ID = CompositeId("Deployment", ("region", "name"))
API_KEY_ID = CompositeId("ApiKey", ("region", "deployment_name"))
SCALING_RULE_ID = CompositeId("ScalingRule", ("region", "deployment_name"))
GATEWAY_ID = CompositeId("Gateway", ("region", "gateway_id"))
INTRANET_CONNECTION_ID = CompositeId("IntranetConnection", ("region", "gateway_id", "vpc_id", "vswitch_id"))
TRAFFIC_SHIFT_ID = CompositeId("TrafficShift", ("region", "service_name", "stable_deployment_name",
                                                "canary_deployment_name"))


def in_region(id_: CompositeId, value: str, region: str) -> tuple[str, ...]:
    """The id's parts after the region, which must be the provider's own (one client serves one region)."""
    parts = id_.split(value)
    if parts[0] != region:
        raise IdFormatError(f"{id_.kind} {value!r} is in region {parts[0]}, but the provider is configured for "
                            f"{region} (eas:region or $ALIBABA_CLOUD_REGION_ID)")
    return parts[1:]
