"""A PAI-EAS service group with two member Deployments and the ScalingRule of one of them.

Stack config (all optional): rule (false: no rule), target (main|spare: the
deployment the rule scales), morning (the morning job's instance count),
schedule (the morning job's cron expression), autoscaler (true: also a qps
autoscaler, 2 to 4 instances), allowReplace, importId ("<region>/<deployment>":
also import that deployment's existing cron scaler, with the same jobs).
"""

import pulumi

from inference_iac.eas import Deployment, ScalingRule, Service

config = pulumi.Config()
service = Service("group", {"name": "e2e_hpa"})
deployments = {
    role: Deployment(role, {
        "name": f"e2e_hpa_{role}",
        "metadata": {"group": service.name, "instance": 1, "cpu": 1, "memory": 1000},
        "containers": [{"image": "registry.example/app:1", "port": 8000}],
    })
    for role in ("main", "spare")
}


def cron(morning: int) -> dict:
    return {"scale_jobs": [{"name": "morning", "schedule": config.get("schedule") or "0 8 * * 1-5",
                            "target_size": morning},
                           {"name": "evening", "schedule": "0 20 * * *", "target_size": 1}]}


if config.get_bool("rule") is not False:
    args = {"deployment_name": deployments[config.get("target") or "main"].name,
            "cron": cron(config.get_int("morning") or 3),
            "allow_replace": config.get_bool("allowReplace") is not False}
    if config.get_bool("autoscaler"):
        args["autoscaler"] = {"min": 2, "max": 4, "scale_strategies": [{"metric_name": "qps", "threshold": 10}]}
    rule = ScalingRule("hpa", args)
    pulumi.export("rule_id", rule.id)
    pulumi.export("has_cron", rule.has_cron)
    pulumi.export("has_autoscaler", rule.has_autoscaler)

import_id = config.get("importId")
if import_id:
    legacy = ScalingRule("legacy-hpa", {"deployment_name": import_id.split("/")[-1], "cron": cron(3)},
                         opts=pulumi.ResourceOptions(import_=import_id))
    pulumi.export("legacy_rule_id", legacy.id)
