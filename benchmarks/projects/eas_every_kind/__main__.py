"""One PAI-EAS resource of every kind: what a preview of an everyday stack reads, per resource."""

import pulumi

from inference_iac.eas import ApiKey, Deployment, Gateway, IntranetConnection, ScalingRule, Service, TrafficShift

members = {
    role: Deployment(role, {
        "name": f"bench_kinds_{role}",
        "metadata": {"group": "bench_kinds", "instance": 1, "cpu": 1, "memory": 1000},
        "containers": [{"image": f"registry.example/bench/app:{version}", "port": 8000}],
        "initial_weight": weight,
    })
    for role, version, weight in (("stable", 1, 100), ("canary", 2, 0))
}
Service("group", {"name": "bench_kinds"}, opts=pulumi.ResourceOptions(depends_on=list(members.values())))
ApiKey("key", {"deployment_name": members["stable"].name})
ScalingRule("nightly", {"deployment_name": members["stable"].name,
                        "cron": {"scale_jobs": [{"name": "night", "schedule": "0 22 * * *", "target_size": 1}]}})
TrafficShift("release", {"service_name": "bench_kinds", "stable_deployment_name": members["stable"].name,
                         "canary_deployment_name": members["canary"].name, "steps": [50, 100]})
gateway = Gateway("gateway", {"name": "bench-kinds-gw", "instance_type": "2c4g"})
IntranetConnection("link", {"gateway_id": gateway.gateway_id, "vpc_id": "vpc-bench1", "vswitch_id": "vsw-bench1"})
