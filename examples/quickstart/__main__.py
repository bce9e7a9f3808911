"""The smallest useful stack: a service and one deployment serving behind it."""

import pulumi

from provider.resources import Deployment, Service

config = pulumi.Config()
service = Service("quickstart", {
    "description": "Quickstart example",
    "runtime_config": {"service_invoke": {"protocol": "HTTPS", "auth_type": "API_KEY"}},
})
deployment = Deployment("quickstart-main", {
    "service_id": service.service_id,
    "pool_id": config.get("poolId") or "pool-dedicated-0001",
    "count": config.get_int("replicas") or 1,
    "unit_configs": [{
        "image": {"swr_path": config.get("image") or "swr.cn-north-4.myhuaweicloud.com/demo/echo:1.0.0"},
        "flavor": "modelarts.vm.cpu.2u",
        "readiness_health": {"check_method": "HTTP", "url": "/health"},
    }],
})
pulumi.export("inference_url", service.predict_url)
pulumi.export("status", deployment.status)
