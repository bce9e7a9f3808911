"""What a v1 service may use that its migrated v2 program does not carry, one entry per `--drop` name.

Some of these the new version does not offer at all (the user guide's
chapter 3 says "not supported"); the others v2 offers but the generated
program, built on the `InferenceService` component, does not set. Either way
a migration that would silently lose them is refused until the user says
`--drop NAME` (and then MIGRATION.md records what was left behind).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    name: str
    title: str
    # What happens to it in v2, and what to do instead.
    in_v2: str
    # Dropping it leaves the v1 config entries that use it out of the program (their traffic goes
    # to the other deployments, weights being relative), instead of just not carrying a setting.
    drops_config: bool = False


_ALL = (
    Feature("subscribed_model", "a model from My Subscriptions (AI Gallery)",
            "not supported by the new version (user guide, chapter 3); deploy the model's image from your own "
            "SWR organization instead", drops_config=True),
    Feature("obs_model", "a model that is not a container image (an OBS meta model run by an AI engine)",
            "v2 deploys container images: choose a preset image of the engine (or build one) and mount the "
            "model from OBS (user guide, chapter 3, Table 3-2), then add that deployment by hand",
            drops_config=True),
    Feature("smn_notification", "SMN notifications of status changes",
            "not supported by the new version (user guide, chapter 3); watch the v2 service's events instead"),
    Feature("lts_logs", "log reporting to LTS (additional_properties.log_report_channels)",
            "v2 ingests logs into LTS through the service's log_configs / lts_strategy, which the "
            "InferenceService component does not set: use the Service resource for it"),
    Feature("auto_stop", "an auto stop (schedule)",
            "v2 services take a schedule of their own (Service input `schedule`), which the InferenceService "
            "component does not set: use the Service resource for it"),
    Feature("vpc", "instances placed in your VPC (vpc_id, subnet_network_id, security_group_id)",
            "v2 has no such placement: instances take the network of their dedicated pool; callers in a VPC "
            "reach the service through a private connection (InferenceService private_connections)"),
    Feature("load_balancer_policy", "a load-balancing policy (load_balancer_policy)",
            "v2's routing strategies are different settings (runtime_config.service_invoke.strategy, "
            "intelligent routing); choose one on the Service resource"),
    Feature("priority", "a preemption priority (priority)",
            "v2 deployments take a priority (Deployment input `priority`), which the InferenceService "
            "component does not set"),
    Feature("service_secrets", "secrets mounted into the service (service_secrets)",
            "v2 mounts secrets through the service's runtime_config.service_secret or a deployment's "
            "secret_name, which the InferenceService component does not set"),
    Feature("workspace", "a workspace other than the default one (workspace_id)",
            "the InferenceService component creates services in the default workspace; use the Service "
            "resource's workspace_id to keep it"),
    Feature("deploy_timeout", "a deployment timeout (deploy_timeout_in_seconds)",
            "v2 deployments take advanced_config.deploy_timeout_minutes, which the InferenceService "
            "component does not set (the platform default applies)"),
    Feature("graceful_shutdown", "a graceful stop period (termination_grace_period_seconds)",
            "v2 units take termination_grace, which the InferenceService component does not set"),
    Feature("mounts", "mounted storage (log_volume, persistent_volumes)",
            "v2 units mount storage through unit_configs[].files, which the InferenceService component does "
            "not set: use the Deployment resource for it"),
    Feature("node_affinity", "node affinity (affinity)",
            "v2 units take an affinity of their own, which the InferenceService component does not set"),
    Feature("exec_health_check", "a health check that runs a command (check_method EXEC)",
            "the InferenceService component sets HTTP probes only (health_path); use the Deployment resource "
            "for an EXEC probe"),
    Feature("https_container", "a container that serves HTTPS (the model's protocol https)",
            "the InferenceService component's deployments speak HTTP to their containers; set the "
            "Deployment resource's advanced_config.protocol to HTTPS, or serve HTTP"),
)

FEATURES: dict[str, Feature] = {feature.name: feature for feature in _ALL}

# Settings of a v1 service that its details do not show, so no migration can see them.
UNSEEN = (
    "application (App) authentication: not supported by the new version; if your callers use an AppKey/AppSecret "
    "or AppCode, migrate with `--auth api-key` and hand them the key",
    "IPv6 support: not supported by the new version",
    "a traffic limit (requests per second): v2 sets it as the service's rate limit (runtime_config.service_limit)",
    "tags: v2 services take the same keys and values (InferenceService `tags`)",
)
