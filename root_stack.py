"""The root stack: one ModelArts service with one deployment behind it.

Settings are stack config in the project's namespace, `quickstart`
(`inference-stack config set replicas 2`); the connection settings
(`modelarts:*`) are read by the provider itself. A value that is set is used
as it is or refused with the key's name: nothing falls back silently, and a
key the stack does not know is an error too.
"""

from __future__ import annotations

import pulumi
from pulumi.runtime.config import CONFIG
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from inference_iac.core.errors import ReportedError
from inference_iac.core.spec import describe_errors
from inference_iac.modelarts import Deployment, Service

NAMESPACE = "quickstart"


class StackConfigError(ReportedError):
    """A stack config value is refused; the message names its key."""


class QuickstartConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    image: str = Field("swr.cn-north-4.myhuaweicloud.com/demo/echo:1.0.0", min_length=1)
    flavor: str = Field("modelarts.vm.cpu.2u", min_length=1)
    replicas: int = Field(1, ge=1, le=128)
    poolId: str = Field("pool-dedicated-0001", min_length=1)
    logLevel: str = Field("info", min_length=1)
    description: str = "Quickstart inference service"


def read_config() -> QuickstartConfig:
    prefix = f"{NAMESPACE}:"
    given = {key[len(prefix):]: value for key, value in CONFIG.get().items() if key.startswith(prefix)}
    try:
        return QuickstartConfig.model_validate(given)
    except ValidationError as error:
        problems = []
        for path, rule in describe_errors(error):
            if rule.startswith("Extra inputs are not permitted"):
                known = ", ".join(f"{prefix}{name}" for name in QuickstartConfig.model_fields)
                rule = f"not a setting of this stack (known: {known})"
            problems.append(f"{prefix}{path}: {rule}")
        raise StackConfigError("stack config: " + "; ".join(problems)) from None


def program() -> None:
    config = read_config()
    service = Service("quickstart", {
        "description": config.description,
        "runtime_config": {
            "service_invoke": {"port": 8080, "protocol": "HTTPS", "auth_type": "API_KEY"},
            "service_limit": {"rate_limit": {"num": 100, "unit": "SECONDS"}},
        },
    })
    deployment = Deployment("quickstart-main", {
        "service_id": service.service_id,
        "pool_id": config.poolId,
        "count": config.replicas,
        "unit_configs": [{"image": {"swr_path": config.image}, "flavor": config.flavor,
                          "envs": {"LOG_LEVEL": config.logLevel}}],
    })
    pulumi.export("service_id", service.service_id)
    pulumi.export("status", deployment.status)
    pulumi.export("deployment_version", deployment.version)
    pulumi.export("inference_url", service.predict_url)
