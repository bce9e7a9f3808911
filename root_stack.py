"""The root stack: one ModelArts service with one deployment behind it.

Settings come from stack config (`pulumi config set quickstart:image ...`);
the connection settings (`modelarts:*`) are read by the provider itself.
"""

import pulumi

from inference_iac.modelarts import Deployment, Service


def program() -> None:
    config = pulumi.Config("quickstart")
    service = Service(
        "quickstart",
        {
            "description": config.get("description") or "Quickstart inference service",
            "runtime_config": {
                "service_invoke": {"port": 8080, "protocol": "HTTPS", "auth_type": "API_KEY"},
                "service_limit": {"rate_limit": {"num": 100, "unit": "SECONDS"}},
            },
        },
    )
    deployment = Deployment(
        "quickstart-main",
        {
            "service_id": service.service_id,
            "pool_id": config.get("poolId") or "pool-dedicated-0001",
            "count": config.get_int("replicas") or 1,
            "unit_configs": [
                {
                    "image": {"swr_path": config.get("image") or "swr.cn-north-4.myhuaweicloud.com/demo/echo:1.0.0"},
                    "flavor": config.get("flavor") or "modelarts.vm.cpu.2u",
                    "envs": {"LOG_LEVEL": config.get("logLevel") or "info"},
                }
            ],
        },
    )
    pulumi.export("service_id", service.service_id)
    pulumi.export("status", deployment.status)
    pulumi.export("deployment_version", deployment.version)
    pulumi.export("inference_url", service.predict_url)
