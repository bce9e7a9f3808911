"""One service with one deployment; `logLevel` is an environment variable of its containers."""

import pulumi

from inference_iac.modelarts import Deployment, Service

config = pulumi.Config()
service = Service("calls", {"name": "bench-calls"})
Deployment("calls-main", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "unit_configs": [{"image": {"swr_path": "swr.example/bench/app:1"}, "flavor": "modelarts.vm.cpu.2u",
                      "envs": {"LOG_LEVEL": config.get("logLevel") or "info"}}],
})
