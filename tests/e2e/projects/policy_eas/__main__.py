"""A PAI-EAS service group with one member, shaped by config to pass or break the policy pack.

Config (defaults pass every rule in a production stack): `instances` (2),
`maxUnavailable` (0), `weight` (100).
"""

import pulumi

from inference_iac.eas import Deployment, Service

config = pulumi.Config()
weight = config.get_int("weight")
member = Deployment("policy-eas-main", {
    "name": "policy_eas_main",
    "metadata": {"group": "policy_eas", "instance": config.get_int("instances") or 2, "cpu": 1, "memory": 1024,
                 "rolling_strategy": {"max_surge": 1, "max_unavailable": config.get_int("maxUnavailable") or 0}},
    "containers": [{"image": "registry.example/echo:1", "port": 8000}],
    "weight": 100 if weight is None else weight,
})
group = Service("policy-eas-svc", {"name": "policy_eas"}, pulumi.ResourceOptions(depends_on=[member]))
pulumi.export("group", group.id)
