"""A service with `deployments` deployments that all become ready at the same time."""

import pulumi

from inference_iac.modelarts import Deployment, Service

config = pulumi.Config()
service = Service("fleet", {"name": "bench-fleet"})
for index in range(config.get_int("deployments") or 16):
    Deployment(f"replica-set-{index:02d}", {
        "service_id": service.service_id,
        "pool_id": "pool-dedicated-0001",
        "unit_configs": [{"image": {"swr_path": "swr.example/bench/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
    })
