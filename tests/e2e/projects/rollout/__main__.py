"""Four replicas that roll with surge 25% and max unavailable 0%: one new replica per wave."""

import pulumi

from inference_iac.modelarts import Deployment, Service

config = pulumi.Config()
service = Service("svc", {"name": "e2e-rollout-svc"})
deployment = Deployment("web", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "count": 4,
    "unit_configs": [{"image": {"swr_path": config.get("image") or "swr.example/org/web:1"},
                      "flavor": "modelarts.vm.cpu.2u"}],
    "advanced_config": {
        "deploy_timeout_minutes": 1,
        "upgrade_config": {"rolling_update": {"max_surge": "25%", "max_unavailable": "0%"}},
    },
})
pulumi.export("service_id", service.service_id)
pulumi.export("deployment_id", deployment.deployment_id)
pulumi.export("version", deployment.version)
