"""Every resource type in one stack; its state as written by release 0.1 is kept in tests/e2e/fixtures."""

import pulumi

from inference_iac.components.canary import CanaryRelease, CanaryReleaseArgs
from inference_iac.components.inference_service import (ApiKeyArgs, CronRuleArgs, DeploymentArgs, InferenceService,
                                          InferenceServiceArgs, PrivateConnectionArgs, ScalingRuleArgs)
from inference_iac.modelarts import Deployment

shop = InferenceService("shop", InferenceServiceArgs(
    description="legacy state",
    deployments=[DeploymentArgs(name="main", image="swr.example/org/shop:1", flavor="modelarts.vm.cpu.2u",
                                replicas=1, pool_id="pool-dedicated-0001", health_path="/health",
                                scaling=ScalingRuleArgs([CronRuleArgs("nightly", "0 2 * * *", 1)]))],
    api_keys=[ApiKeyArgs("web")],
    private_connections=[PrivateConnectionArgs(vpc_id="vpc-1", subnet_id="subnet-a")],
))
canary = Deployment("shop-canary", {
    "service_id": shop.service_id, "pool_id": "pool-dedicated-0001", "count": 1, "initial_weight": 0,
    "unit_configs": [{"image": {"swr_path": "swr.example/org/shop:2"}, "flavor": "modelarts.vm.cpu.2u"}],
})
release = CanaryRelease("shop-release", CanaryReleaseArgs(
    service_id=shop.service_id, stable=shop.deployments["main"], canary=canary, steps=[20]))
pulumi.export("service_id", shop.service_id)
pulumi.export("release_status", release.status)
pulumi.export("api_keys", shop.api_key_values)
