"""Scale up for office hours on weekdays and back down in the evening."""

import pulumi

from inference_iac.modelarts import Deployment, ScalingRule, Service

config = pulumi.Config()
service = Service("scheduled", {"description": "Scheduled scaling example"})
deployment = Deployment("scheduled-main", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",  # auto scaling needs a dedicated pool
    "count": 1,
    "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
})
ScalingRule("scheduled-hpa", {
    "service_id": service.service_id,
    "deployment_id": deployment.deployment_id,
    "rules": [
        {"name": "office-hours", "schedule": "0 8 * * MON-FRI", "target_replicas": config.get_int("peak") or 4},
        {"name": "evening", "schedule": "0 20 * * MON-FRI", "target_replicas": 1},
    ],
    "enabled": config.get_bool("enabled") is not False,
})
pulumi.export("deployment_id", deployment.deployment_id)
