"""A service with `deployments` deployments (default 4) and an API key."""

import pulumi

from inference_iac.modelarts import ApiKey, Deployment, Service

config = pulumi.Config()
service = Service("fleet-svc", {"name": "e2e-fleet"})
deployments = [
    Deployment(f"fleet-{index}", {
        "service_id": service.service_id,
        "pool_id": "pool-dedicated-0001",
        "weight": 25,
        "unit_configs": [{"image": {"swr_path": config.get("image") or "swr.example/fleet/app:1"},
                          "flavor": "modelarts.vm.cpu.2u"}],
    })
    for index in range(config.get_int("deployments") or 4)
]
key = ApiKey("fleet-key", {"service_ids": [service.service_id]}, opts=pulumi.ResourceOptions(depends_on=deployments))
pulumi.export("service_id", service.service_id)
pulumi.export("versions", [d.version for d in deployments])
