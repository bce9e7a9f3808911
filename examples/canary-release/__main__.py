"""Release a new model version as a canary: 10% -> 50% -> 100% of the traffic, gated at each step."""

import pulumi

from inference_iac.components.canary import CanaryRelease, CanaryReleaseArgs, GateArgs
from inference_iac.modelarts import Deployment, Service

config = pulumi.Config()
service = Service("chat", {"description": "Canary release example"})


def deployment(name: str, image: str, **extra) -> Deployment:
    return Deployment(name, {
        "service_id": service.service_id,
        "pool_id": "pool-dedicated-0001",
        "count": 2,
        "unit_configs": [{"image": {"swr_path": image}, "flavor": "modelarts.vm.cpu.2u",
                          "readiness_health": {"check_method": "HTTP", "url": "/health"}}],
        **extra,
    })


# Neither deployment declares a weight: the release owns the traffic split.
# The canary is created with none of it.
stable = deployment("chat-stable", config.get("stableImage") or "swr.example/org/chat:1.0")
canary = deployment("chat-canary", config.get("canaryImage") or "swr.example/org/chat:1.1", initial_weight=0)
release = CanaryRelease("chat-release", CanaryReleaseArgs(
    service_id=service.service_id,
    stable=stable,
    canary=canary,
    steps=[10, 50, 100],
    bake_seconds=config.get_float("bakeSeconds") or 1,
    gate=GateArgs(max_unhealthy_instances=0, require_running=True),
))
pulumi.export("canary_weight", release.canary_weight)
pulumi.export("release_status", release.status)
