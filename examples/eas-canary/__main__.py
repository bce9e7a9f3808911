"""A canary release on Alibaba Cloud PAI-EAS: 10% -> 50% -> 100% of a service group's traffic, gated.

The group (`eas.Service`) exists through its members, so the members are
declared first and name it in `metadata.group`; the Service comes after them
(`depends_on`) and records the group's endpoint and token in the same run.
"""

import pulumi

from inference_iac.components import CanaryRelease, CanaryReleaseArgs, GateArgs
from inference_iac.eas import Deployment, Service

GROUP = "chat"
config = pulumi.Config()


def member(name: str, image: str, **extra) -> Deployment:
    return Deployment(f"{GROUP}-{name}", {
        "name": f"{GROUP}_{name}",
        "metadata": {"group": GROUP, "instance": 2, "cpu": 1, "memory": 2048,
                     # One extra instance at a time, none taken out before its replacement is ready.
                     "rolling_strategy": {"max_surge": 1, "max_unavailable": 0}},
        "containers": [{"image": image, "port": 8000}],
        **extra,
    })


# Neither member declares a weight: the release owns the traffic split. The canary joins with none of it.
stable = member("stable", config.get("stableImage") or "registry.cn-shanghai.aliyuncs.com/demo/chat:1.0")
canary = member("canary", config.get("canaryImage") or "registry.cn-shanghai.aliyuncs.com/demo/chat:1.1",
                initial_weight=0)
group = Service(f"{GROUP}-svc", {"name": GROUP}, pulumi.ResourceOptions(depends_on=[stable, canary]))
release = CanaryRelease("chat-release", CanaryReleaseArgs(
    cloud="eas",
    service_id=group,
    stable=stable,
    canary=canary,
    steps=[10, 50, 100],
    bake_seconds=config.get_float("bakeSeconds") or 1,
    gate=GateArgs(max_unhealthy_instances=0, require_running=True),
))
pulumi.export("group_url", group.internet_endpoint)
pulumi.export("canary_weight", release.canary_weight)
pulumi.export("release_status", release.status)
