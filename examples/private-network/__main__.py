"""Reach a service from a VPC, with the service owner approving each private connection."""

import pulumi

from inference_iac.modelarts import Deployment, IntranetConnection, Service

config = pulumi.Config()
service = Service("private", {
    "description": "Private network example",
    "runtime_config": {"service_invoke": {"protocol": "HTTPS", "auth_type": "API_KEY",
                                          "internet_access_enable": False,
                                          "intranet_approval_enable": True}},
})
deployment = Deployment("private-main", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
})
connection = IntranetConnection("private-vpc", {
    "service_id": service.service_id,
    "scene": "VPC",
    "vpc_id": config.get("vpcId") or "vpc-apps",
    "subnet_id": config.get("subnetId") or "subnet-apps",
    "custom_urls": ["https://inference.internal.example.com/v1"],
    "approval_wait_seconds": config.get_int("approvalWait") or 5,
}, pulumi.ResourceOptions(depends_on=[deployment]))
pulumi.export("connection_id", connection.connection_id)
pulumi.export("connection_status", connection.status)
pulumi.export("private_urls", connection.url_list)
