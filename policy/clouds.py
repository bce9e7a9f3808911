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
    # Dotted input paths and the value the provider uses when the input is left out.
    auth_path: str
    default_auth: str
    no_auth: str
    count_path: str
    default_count: int
    max_unavailable_path: str
    default_max_unavailable: str
    weight_paths: tuple[str, ...]
    scope_path: str | None = None
    default_scope: str | None = None

    def kind_of(self, resource_type: str) -> str | None:
        for kind in ("service", "deployment", "api_key", "traffic_shift"):
            if getattr(self, kind) == resource_type:
                return kind
        return None


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


MODELARTS = _modelarts()
CLOUDS = (MODELARTS,)


def facts_for(resource_type: str) -> CloudFacts | None:
    return next((facts for facts in CLOUDS if facts.kind_of(resource_type)), None)
