"""A service, one deployment and an API key, shaped by config to pass or break the policy pack.

Config (defaults pass every rule in a production stack): `authType` (API_KEY),
`count` (2), `maxUnavailable` ('0%'), `weight` (100), `keyScope` (SERVICE).
"""

import pulumi

from inference_iac.modelarts import ApiKey, Deployment, Service

config = pulumi.Config()

service = Service("policy-e2e-svc", {
    "description": "service checked by the policy pack",
    "runtime_config": {"service_invoke": {"auth_type": config.get("authType") or "API_KEY"}},
})
deployment = Deployment("policy-e2e-main", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "count": config.get_int("count") or 2,
    "weight": config.get_int("weight") if config.get_int("weight") is not None else 100,
    "unit_configs": [{"image": {"swr_path": "swr.example/org/echo:1"}, "flavor": "modelarts.vm.cpu.2u"}],
    "advanced_config": {"upgrade_config": {"rolling_update": {
        "max_surge": "50%", "max_unavailable": config.get("maxUnavailable") or "0%"}}},
})
scope = config.get("keyScope") or "SERVICE"
key = ApiKey(
    "policy-e2e-key",
    {"scope": scope, "service_ids": [service.service_id] if scope == "SERVICE" else []},
    pulumi.ResourceOptions(depends_on=[deployment]),
)
pulumi.export("service_id", service.service_id)
