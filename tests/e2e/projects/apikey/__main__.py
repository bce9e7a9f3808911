"""A service with API-key authentication, one deployment, and an API key bound to it.

Config: `bind` (default true) binds the key to the service; `description`
(a change replaces the key); `allowReplace`; `importKeyId` adopts an existing
key named `apikey-e2e-imported` (bound to the service) into the stack.
"""

import pulumi

from inference_iac.modelarts import ApiKey, Deployment, Service

config = pulumi.Config()

service = Service("apikey-e2e-svc", {
    "description": "service called with API keys",
    "runtime_config": {"service_invoke": {"port": 8080, "protocol": "HTTPS", "auth_type": "API_KEY"}},
})
deployment = Deployment("apikey-e2e-main", {
    "service_id": service.service_id,
    "pool_id": "pool-dedicated-0001",
    "count": 1,
    "unit_configs": [{"image": {"swr_path": "swr.example/org/echo:1"}, "flavor": "modelarts.vm.cpu.2u"}],
})
bind = config.get_bool("bind")
allow_replace = config.get_bool("allowReplace")
key = ApiKey(
    "apikey-e2e-key",
    {
        "description": config.get("description") or "e2e key",
        "scope": "SERVICE",
        "service_ids": [service.service_id] if bind is None or bind else [],
        "allow_replace": True if allow_replace is None else allow_replace,
    },
    # A key can be bound only once the service runs, i.e. after its deployment.
    pulumi.ResourceOptions(depends_on=[deployment]),
)
pulumi.export("service_id", service.service_id)
pulumi.export("key_id", key.key_id)
pulumi.export("api_key", key.api_key)

import_id = config.get("importKeyId")
if import_id:
    imported = ApiKey(
        "apikey-e2e-imported",
        {"description": "made outside pulumi", "service_ids": [service.service_id]},
        pulumi.ResourceOptions(import_=import_id, depends_on=[deployment]),
    )
    pulumi.export("imported_key_id", imported.key_id)
    pulumi.export("imported_api_key", imported.api_key)
