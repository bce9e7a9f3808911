"""A ModelArts v1 service: new (with a model of its own), or the existing one `importId` names.

Config: `importId` (the id of a v1 service to import) and `modelId` (the model it deploys).
"""

import pulumi

from inference_iac.modelarts.v1 import Model, Service

config = pulumi.Config()
import_id = config.get("importId")
model_id = config.get("modelId") or Model("policy-v1-model", {
    "model_version": "1.0.0", "model_type": "Image", "source_location": "swr.example.com/org/legacy:1"}).model_id
service = Service("policy-v1", {
    "infer_type": "real-time",
    "pool_name": "pool-dedicated-0001",
    "config": [{"model_id": model_id, "weight": 100, "specification": "modelarts.vm.cpu.2u", "instance_count": 1}],
}, opts=pulumi.ResourceOptions(import_=import_id) if import_id else None)
