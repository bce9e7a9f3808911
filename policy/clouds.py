"""What the policies need to know of each cloud: its type tokens, where a field lives, and its defaults.

Everything is derived from the providers themselves (resource classes and
model defaults), so a rule never restates a cloud's token or default.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CloudFacts:
    cloud: str
    service: str
    deployment: str
    api_key: str | None
    traffic_shift: str
    # Dotted input paths and the value the provider uses when the input is left out
    # (auth_path None: the cloud has no way to turn authentication off).
    auth_path: str | None
    default_auth: str
    no_auth: str
    count_path: str
    default_count: int
    max_unavailable_path: str
    default_max_unavailable: str
    weight_paths: tuple[str, ...]
    scope_path: str | None = None
    default_scope: str | None = None
    # The largest weight the cloud accepts (weights are relative).
    max_weight: int = 100
    # How a service is referred to: the property of a Service that others name it by, and where a
    # Deployment and a TrafficShift name it (dotted input paths).
    service_ref_paths: tuple[tuple[str, str], ...] = (
        ("service", "service_id"), ("deployment", "service_id"), ("traffic_shift", "service_id"))

    def kind_of(self, resource_type: str) -> str | None:
        for kind in ("service", "deployment", "api_key", "traffic_shift"):
            if getattr(self, kind) == resource_type:
                return kind
        return None

    def service_ref_path(self, kind: str) -> str | None:
        """Where a resource of `kind` holds the reference to its service (a Service: its own), if anywhere."""
        return dict(self.service_ref_paths).get(kind)


def _modelarts() -> CloudFacts:
    from inference_iac.core.registry import type_token
    from inference_iac.modelarts.models.api_key import ApiKeySpec
    from inference_iac.modelarts.models.common import RollingUpdate
    from inference_iac.modelarts.models.deployment import DeploymentSpec
    from inference_iac.modelarts.models.service import ServiceInvoke
    from inference_iac.modelarts.resources import ApiKey, Deployment, Service, TrafficShift

    return CloudFacts(
        cloud="ModelArts",
        service=type_token(Service), deployment=type_token(Deployment), api_key=type_token(ApiKey),
        traffic_shift=type_token(TrafficShift),
        auth_path="runtime_config.service_invoke.auth_type",
        default_auth=ServiceInvoke.model_fields["auth_type"].default, no_auth="NONE",
        count_path="count", default_count=DeploymentSpec.model_fields["count"].default,
        max_unavailable_path="advanced_config.upgrade_config.rolling_update.max_unavailable",
        default_max_unavailable=RollingUpdate.model_fields["max_unavailable"].default,
        weight_paths=("weight", "mirror_traffic_weight"),
        scope_path="scope", default_scope=ApiKeySpec.model_fields["scope"].default,
    )


def _eas() -> CloudFacts:
    from inference_iac.core.registry import type_token
    from inference_iac.eas.models.deployment import DeploymentSpec, Metadata
    from inference_iac.eas.models.service import ServiceSpec
    from inference_iac.eas.models.traffic_shift import TrafficShiftSpec
    from inference_iac.eas.resources import ApiKey, Deployment, Service, TrafficShift

    # A service group is its name: members name it in metadata.group, a traffic shift in service_name.
    refs = (("service", "name"), ("deployment", "metadata.group"), ("traffic_shift", "service_name"))
    assert "name" in ServiceSpec.model_fields and "group" in Metadata.model_fields
    assert "service_name" in TrafficShiftSpec.model_fields

    return CloudFacts(
        cloud="PAI-EAS",
        service=type_token(Service), deployment=type_token(Deployment), api_key=type_token(ApiKey),
        traffic_shift=type_token(TrafficShift),
        # Every EAS service takes a token: there is no unauthenticated mode to flag.
        auth_path=None, default_auth="token", no_auth="",
        count_path="metadata.instance", default_count=Metadata.model_fields["instance"].default,
        # Unset, the provider assumes no instance is taken out of service (planner/rollout.py).
        max_unavailable_path="metadata.rolling_strategy.max_unavailable", default_max_unavailable="0%",
        weight_paths=("weight",), max_weight=DeploymentSpec.model_fields["weight"].metadata[-1].le,
        # EAS keys belong to one service by construction: no scope to check.
        scope_path=None, default_scope=None,
        service_ref_paths=refs,
    )


@dataclass(frozen=True)
class RetiringApi:
    """A cloud API on its way out: its service type, and how the provider marks a service it already knows."""

    cloud: str
    service: str
    # The input `check` sets (to true) on a service in the stack's state or being imported.
    existing_key: str
    name_key: str
    successor: str


def _modelarts_v1() -> RetiringApi:
    from inference_iac.core.registry import type_token
    from inference_iac.modelarts.v1.registry import RESOURCES
    from inference_iac.modelarts.v1.resources.service import EXISTING, ServiceProvider

    [service] = [resource for resource, provider, _ in RESOURCES if provider is ServiceProvider]
    return RetiringApi(cloud="ModelArts v1", service=type_token(service), existing_key=EXISTING,
                       name_key="service_name",
                       successor="a ModelArts v2 service (inference_iac.components.InferenceService)")


MODELARTS = _modelarts()
EAS = _eas()
CLOUDS = (MODELARTS, EAS)
MODELARTS_V1 = _modelarts_v1()


def facts_for(resource_type: str) -> CloudFacts | None:
    return next((facts for facts in CLOUDS if facts.kind_of(resource_type)), None)
