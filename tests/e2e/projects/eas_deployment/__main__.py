"""A PAI-EAS service group (Service) with one member Deployment whose inputs come from stack config.

Stack config (all optional): group, name (the member's), image, logLevel,
instances, cpu, weight, lock (safety lock), team (a label), allowReplace,
timeoutSeconds, importId ("<region>/<name>": also import that existing EAS
service as a second member), importGroup ("<region>/<group>": also import that
existing service group).
"""

import pulumi

from inference_iac.eas import Deployment, Service

config = pulumi.Config()
allow_replace = config.get_bool("allowReplace") is not False
service = Service("group", {"name": config.get("group") or "e2e_dep", "allow_replace": allow_replace})


def member(name: str, image: str, log_level: str, instances: int) -> dict:
    return {
        "name": name,
        "metadata": {"group": service.name, "instance": instances, "cpu": config.get_int("cpu", 1), "memory": 1000},
        "containers": [{"image": image, "port": 8000, "env": [{"name": "LOG_LEVEL", "value": log_level}]}],
    }


args = member(config.get("name") or "e2e_dep_main", config.get("image") or "registry.example/app:1",
              config.get("logLevel") or "info", config.get_int("instances") or 1)
args.update({"weight": config.get_int("weight") or 100, "labels": {"team": config.get("team") or "ml"},
             "allow_replace": allow_replace})
if config.get("lock"):
    args["safety_lock"] = config.get("lock")
if config.get("timeoutSeconds"):
    args["timeout_seconds"] = config.get_float("timeoutSeconds")
deployment = Deployment("main", args)

pulumi.export("group_endpoint", service.internet_endpoint)
pulumi.export("group_token", service.access_token)
pulumi.export("deployment_id", deployment.id)
pulumi.export("service_id", deployment.service_id)
pulumi.export("version", deployment.version)
pulumi.export("status", deployment.status)

import_id = config.get("importId")
if import_id:
    legacy = Deployment("legacy", member(import_id.split("/")[-1], "registry.example/legacy:1", "info", 1),
                        opts=pulumi.ResourceOptions(import_=import_id))
    pulumi.export("legacy_version", legacy.version)

import_group = config.get("importGroup")
if import_group:
    other = Service("other-group", {"name": import_group.split("/")[-1]}, opts=pulumi.ResourceOptions(import_=import_group))
    pulumi.export("other_group_endpoint", other.internet_endpoint)
