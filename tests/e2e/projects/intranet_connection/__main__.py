"""A service with one deployment, reached from a VPC through an intranet connection.

Config: `prefix` (resource and service names, default ic-e2e); `approval`
(the service requires the owner's approval of connections, default false);
`customUrls` (comma-separated); `subnet` (a change replaces the connection);
`allowReplace`; `approvalWait` (seconds create waits for an approval);
`importId` adopts an existing connection from VPC `vpc-imported`.
"""

import pulumi

from inference_iac.modelarts import Deployment, IntranetConnection, Service

config = pulumi.Config()
prefix = config.get("prefix") or "ic-e2e"

service = Service(f"{prefix}-svc", {
    "description": "service reached over a private network",
    "runtime_config": {"service_invoke": {"port": 8080, "protocol": "HTTPS", "auth_type": "API_KEY",
                                          "intranet_approval_enable": config.get_bool("approval") or False}},
})
deployment = Deployment(f"{prefix}-main", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "count": 1,
    "unit_configs": [{"image": {"swr_path": "swr.example/org/echo:1"}, "flavor": "modelarts.vm.cpu.2u"}],
})

args = {
    "service_id": service.service_id,
    "scene": "VPC",
    "vpc_id": "vpc-e2e",
    "subnet_id": config.get("subnet") or "subnet-a",
    "custom_urls": [u for u in (config.get("customUrls") or "").split(",") if u],
    "allow_replace": config.get_bool("allowReplace") is not False,
}
if config.get_int("approvalWait") is not None:
    args["approval_wait_seconds"] = config.get_int("approvalWait")
# A connection needs a running service, i.e. one whose deployment is up.
connection = IntranetConnection(f"{prefix}-conn", args, pulumi.ResourceOptions(depends_on=[deployment]))

pulumi.export("service_id", service.service_id)
pulumi.export("connection_id", connection.connection_id)
pulumi.export("status", connection.status)
pulumi.export("url_list", connection.url_list)

import_id = config.get("importId")
if import_id:
    imported = IntranetConnection(
        f"{prefix}-imported",
        {"service_id": service.service_id, "vpc_id": "vpc-imported", "subnet_id": "subnet-a"},
        pulumi.ResourceOptions(import_=import_id, depends_on=[deployment]),
    )
    pulumi.export("imported_status", imported.status)
