"""The quickstart on Alibaba Cloud PAI-EAS: the same InferenceService component, with cloud="eas".

A service group with one member service (the deployment), public resources
sized by cores and memory, a rolling-update pace that never takes a ready
instance away, and the group's token published as the API key.
"""

import pulumi

from inference_iac.components import ApiKeyArgs, CustomSpecArgs, DeploymentArgs, InferenceService, InferenceServiceArgs

config = pulumi.Config()
echo = InferenceService("quickstart", InferenceServiceArgs(
    cloud="eas",
    # EAS names: a lower-case letter, then lower-case letters, digits and '_'; the member is quickstart_main.
    service_name="quickstart",
    deployments=[DeploymentArgs(
        name="main",
        image=config.get("image") or "registry.cn-shanghai.aliyuncs.com/demo/echo:1.0.0",
        custom_spec=CustomSpecArgs(cpu=1, memory=2048),
        replicas=config.get_int("replicas") or 1,
        port=8000,
        envs={"LOG_LEVEL": config.get("logLevel") or "info"},
    )],
    api_keys=[ApiKeyArgs("app")],
    tags={"app": "echo"},
))
pulumi.export("inference_url", echo.predict_url)
pulumi.export("service_id", echo.service_id)
pulumi.export("deployment_ids", echo.deployment_ids)
pulumi.export("api_keys", echo.api_key_values)  # a secret: `inference-stack outputs --show-secrets`
