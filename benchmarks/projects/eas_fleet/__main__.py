"""One PAI-EAS service group with `deployments` members (EAS services) that all become ready at the same time."""

import pulumi

from inference_iac.eas import Deployment, Service

config = pulumi.Config()
members = [
    Deployment(f"replica-set-{index:02d}", {
        "name": f"bench_fleet_{index:02d}",
        "metadata": {"group": "bench_fleet", "instance": 1, "cpu": 1, "memory": 1000},
        "containers": [{"image": "registry.example/bench/app:1", "port": 8000}],
    })
    for index in range(config.get_int("deployments") or 16)
]
Service("fleet", {"name": "bench_fleet"}, opts=pulumi.ResourceOptions(depends_on=members))
