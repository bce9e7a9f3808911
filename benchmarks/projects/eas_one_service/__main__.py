"""One PAI-EAS service group with one member; `logLevel` is an environment variable of its container.

The Service is registered after its member (as the EAS InferenceService does), so the group exists when
the Service is created and its endpoint is recorded by the first up.
"""

import pulumi

from inference_iac.eas import Deployment, Service

config = pulumi.Config()
main = Deployment("calls-main", {
    "name": "bench_calls_main",
    "metadata": {"group": "bench_calls", "instance": 1, "cpu": 1, "memory": 1000},
    "containers": [{"image": "registry.example/bench/app:1", "port": 8000,
                    "env": [{"name": "LOG_LEVEL", "value": config.get("logLevel") or "info"}]}],
})
Service("calls", {"name": "bench_calls"}, opts=pulumi.ResourceOptions(depends_on=[main]))
