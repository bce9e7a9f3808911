"""A service with one deployment whose inputs come from stack config, plus an optional imported deployment."""

import pulumi

from inference_iac.modelarts import Deployment, Service

config = pulumi.Config()
service = Service("svc", {"name": "e2e-deployment-svc",
                         "description": config.get("serviceDescription") or "deployment e2e"})


def unit(image: str, log_level: str) -> dict:
    return {
        "image": {"swr_path": image},
        "flavor": "modelarts.vm.cpu.2u",
        "envs": {"LOG_LEVEL": log_level},
        "readiness_health": {"check_method": "HTTP", "url": "/health", "initial_delay_seconds": 5},
    }


args = {
    "name": config.get("deploymentName") or "main",
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "count": config.get_int("replicas") or 1,
    "unit_configs": [unit(config.get("image") or "swr.example/org/app:1", config.get("logLevel") or "info")],
    "allow_replace": config.get_bool("allowReplace") is not False,
}
if config.get("state"):
    args["state"] = config.get("state")
deployment = Deployment("dep", args)
pulumi.export("service_id", service.service_id)
pulumi.export("deployment_id", deployment.deployment_id)
pulumi.export("version", deployment.version)
pulumi.export("status", deployment.status)

import_id = config.get("importId")
if import_id:
    legacy = Deployment("legacy", {"name": "legacy", "service_id": service.service_id, "pool_id": "pool-dedicated-0001",
                                   "unit_configs": [unit("swr.example/org/legacy:1", "info")]},
                        opts=pulumi.ResourceOptions(import_=import_id))
    pulumi.export("legacy_id", legacy.deployment_id)
