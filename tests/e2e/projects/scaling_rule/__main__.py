"""A service, two dedicated-pool deployments, and the auto-scaling policy of one of them.

Stack config (all optional): prefix (names), target (main|spare: which
deployment the policy scales), morningReplicas, enabled, allowReplace,
withRule (false: no policy), importId ("<service_id>/<deployment_id>": adopt
that existing policy instead of creating one).
"""

import pulumi

from inference_iac.modelarts import Deployment, ScalingRule, Service

config = pulumi.Config()
prefix = config.get("prefix") or "hpa-e2e"

service = Service(prefix, {"description": "scaling rule end-to-end"})
deployments = {
    role: Deployment(f"{prefix}-{role}", {
        "service_id": service.service_id,
        "pool_id": "pool-dedicated-0001",
        "count": 1,
        "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
    })
    for role in ("main", "spare")
}
pulumi.export("service_id", service.service_id)
for role, deployment in deployments.items():
    pulumi.export(f"{role}_deployment_id", deployment.deployment_id)

if config.get_bool("withRule") is not False:
    import_id = config.get("importId")
    rule = ScalingRule(f"{prefix}-hpa", {
        "service_id": service.service_id,
        "deployment_id": deployments[config.get("target") or "main"].deployment_id,
        "rules": [
            {"name": "morning", "schedule": "0 8 * * MON-FRI", "target_replicas": config.get_int("morningReplicas") or 3},
            {"name": "evening", "schedule": "0 20 * * *", "target_replicas": 1},
        ],
        "enabled": config.get_bool("enabled") is not False,
        "allow_replace": config.get_bool("allowReplace") is not False,
    }, opts=pulumi.ResourceOptions(import_=import_id) if import_id else None)
    pulumi.export("policy_id", rule.policy_id)
    pulumi.export("policy_status", rule.status)
    pulumi.export("rule_id", rule.id)
