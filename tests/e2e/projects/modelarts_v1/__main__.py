"""ModelArts v1: one or two model versions and a real-time service that deploys them, driven by stack config;
optionally a service to import and one whose name an interrupted run left behind."""

import pulumi

from inference_iac.modelarts.v1 import Model, Service

config = pulumi.Config()
first = Model("model", {"model_name": "e2e-v1-model", "model_version": config.get("modelVersion") or "1.0.0",
                        "source_location": "swr.example.com/org/shop:1",
                        "initial_config": {"protocol": "https", "port": 8080}})
entries = [{"model_id": first.model_id, "specification": "modelarts.vm.cpu.2u", "instance_count": 1,
            "weight": config.get("weight") or "100"}]
pulumi.export("model_id", first.model_id)
if config.get_bool("split"):
    second = Model("model-next", {"model_name": "e2e-v1-model", "model_version": "1.0.1",
                                  "source_location": "swr.example.com/org/shop:2"})
    entries.append({"model_id": second.model_id, "specification": "modelarts.vm.cpu.2u", "instance_count": 1,
                    "weight": 100 - int(config.get("weight") or "100")})
    pulumi.export("next_model_id", second.model_id)

args = {"service_name": "e2e-v1-service", "description": config.get("description") or "first",
        "workspace_id": config.get("workspace") or "0", "config": entries,
        "allow_replace": config.get_bool("allowReplace") is not False}
if config.get("state"):
    args["state"] = config.get("state")
service = Service("svc", args)
pulumi.export("service_id", service.service_id)
pulumi.export("access_address", service.access_address)

legacy_id = config.get("importId")
if legacy_id:
    legacy = Service("legacy", {"service_name": "e2e-v1-legacy", "description": "made by hand",
                                "config": [{"model_id": first.model_id, "specification": "modelarts.vm.cpu.2u",
                                            "instance_count": 1, "weight": 100}]},
                     opts=pulumi.ResourceOptions(import_=legacy_id))
    pulumi.export("legacy_id", legacy.service_id)

if config.get_bool("leftover"):
    left = Service("left", {"service_name": "e2e-v1-left", "description": "adopted",
                            "config": [{"model_id": first.model_id, "specification": "modelarts.vm.cpu.2u",
                                        "instance_count": 1, "weight": 100}]})
    pulumi.export("left_id", left.service_id)
