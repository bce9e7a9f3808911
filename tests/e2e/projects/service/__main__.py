"""A service whose every interesting input comes from stack config, plus an optional imported one."""

import pulumi

from inference_iac.modelarts import Service

config = pulumi.Config()
asynchronous = config.get_bool("async") or False
args = {
    "name": config.get("serviceName") or "e2e-service",
    "description": config.get("description") or "first",
    "type": "ASYNC_REAL_TIME" if asynchronous else "REAL_TIME",
    "runtime_config": {
        "service_invoke": {"protocol": "HTTPS", "auth_type": "API_KEY"},
        "service_limit": {"rate_limit": {"num": config.get_int("rateLimit") or 100}},
        **({"server_task_limit": {"max_task": 100}} if asynchronous else {}),
    },
    "tags": [{"key": "team", "value": config.get("team") or "ml"}],
    "allow_replace": config.get_bool("allowReplace") is not False,
}
if config.get("state"):
    args["state"] = config.get("state")
service = Service("svc", args)
pulumi.export("service_id", service.service_id)

legacy_id = config.get("importId")
if legacy_id:
    legacy = Service("legacy", {"name": "legacy-svc", "description": "made by hand"},
                     opts=pulumi.ResourceOptions(import_=legacy_id))
    pulumi.export("legacy_id", legacy.service_id)
