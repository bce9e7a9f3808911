"""The smallest useful stack, built with the InferenceService component:
a service, one deployment with a readiness probe, and an API key bound to it."""

import pulumi

from inference_iac.components.inference_service import ApiKeyArgs, DeploymentArgs, InferenceService, InferenceServiceArgs

config = pulumi.Config()
chat = InferenceService("quickstart", InferenceServiceArgs(
    description="Quickstart example",
    deployments=[DeploymentArgs(
        name="main",
        image=config.get("image") or "swr.cn-north-4.myhuaweicloud.com/demo/echo:1.0.0",
        flavor="modelarts.vm.cpu.2u",
        replicas=config.get_int("replicas") or 1,
        pool_id=config.get("poolId") or "pool-dedicated-0001",
        health_path="/health",
    )],
    api_keys=[ApiKeyArgs("app")],
))
pulumi.export("inference_url", chat.predict_url)
pulumi.export("deployment_ids", chat.deployment_ids)
pulumi.export("api_keys", chat.api_key_values)  # a secret: `pulumi stack output --show-secrets`
