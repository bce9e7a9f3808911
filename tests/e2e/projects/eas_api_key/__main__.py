"""A PAI-EAS service group with one member Deployment and the ApiKey that owns its token.

Stack config (all optional): key (false: no key), keyName, rotation,
allowReplace, secondKey (true: a second ApiKey for the same service, which
preview refuses), importId ("<region>/<deployment_name>": also import the
token of that existing EAS service, whose key is named importName).
"""

import pulumi

from inference_iac.eas import ApiKey, Deployment, Service

config = pulumi.Config()
service = Service("group", {"name": "e2e_key"})
deployment = Deployment("main", {
    "name": "e2e_key_main",
    "metadata": {"group": service.name, "instance": 1, "cpu": 1, "memory": 1000},
    "containers": [{"image": "registry.example/app:1", "port": 8000}],
})
pulumi.export("deployment_id", deployment.id)

if config.get_bool("key") is not False:
    args = {"name": config.get("keyName") or "web", "deployment_name": deployment.name,
            "allow_replace": config.get_bool("allowReplace") is not False}
    if config.get("rotation"):
        args["rotation"] = config.get("rotation")
    key = ApiKey("web", args)
    pulumi.export("key_id", key.id)
    pulumi.export("api_key", key.api_key)

if config.get_bool("secondKey"):
    ApiKey("spare", {"deployment_name": deployment.name})

import_id = config.get("importId")
if import_id:
    imported = ApiKey("imported", {"name": config.get("importName"), "deployment_name": import_id.split("/")[-1]},
                      opts=pulumi.ResourceOptions(import_=import_id))
    pulumi.export("imported_api_key", imported.api_key)
