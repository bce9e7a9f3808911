"""Bring a service made by hand under management without changing it."""

import pulumi

from inference_iac.modelarts import Service

config = pulumi.Config()
service = Service("legacy", {
    "name": config.get("serviceName") or "legacy-service",
    "description": config.get("description") or "created in the console",
}, opts=pulumi.ResourceOptions(import_=config.get("serviceId")))
pulumi.export("service_id", service.service_id)
