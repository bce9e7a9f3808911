"""A service with a stable and a canary deployment, and the CanaryRelease that moves traffic between them.

Stack config (all optional): prefix (names), release (false: only the
deployments, created with their first weights: stable 100, canary 0),
steps (comma-separated canary percentages), bakeSeconds.

Once the release exists it owns both weights, so the deployments stop
declaring one (an unset weight is not managed by the Deployment resource).
"""

import pulumi

from inference_iac.components.canary import CanaryRelease, CanaryReleaseArgs
from inference_iac.modelarts import Deployment, Service

config = pulumi.Config()
prefix = config.get("prefix") or "canary-e2e"
with_release = config.get_bool("release") is not False

service = Service(prefix, {"description": "canary release end-to-end"})
deployments = {}
for role, first_weight, image in (("stable", 100, "app:1"), ("canary", 0, "app:2")):
    args = {
        "service_id": service.service_id,
        "pool_id": "pool-dedicated-0001",
        "count": 1,
        "unit_configs": [{"image": {"swr_path": f"swr.example/org/{image}"}, "flavor": "modelarts.vm.cpu.2u"}],
    }
    if not with_release:
        args["weight"] = first_weight
    deployments[role] = Deployment(f"{prefix}-{role}", args)

pulumi.export("service_id", service.service_id)
for role, deployment in deployments.items():
    pulumi.export(f"{role}_deployment_id", deployment.deployment_id)

if with_release:
    steps = [int(s) for s in (config.get("steps") or "10,50,100").split(",")]
    release = CanaryRelease(f"{prefix}-release", CanaryReleaseArgs(
        service_id=service.service_id, stable=deployments["stable"], canary=deployments["canary"],
        steps=steps, bake_seconds=config.get_float("bakeSeconds") or 0))
    pulumi.export("canary_weight", release.canary_weight)
    pulumi.export("stable_weight", release.stable_weight)
    pulumi.export("current_step", release.current_step)
    pulumi.export("release_status", release.status)
