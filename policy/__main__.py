"""Entry point the policy host runs (in this directory): serve the pack to the engine."""

from pulumi_policy import EnforcementLevel, PolicyPack

from inference_iac.policy.pack import INITIAL_CONFIG, PACK_NAME, POLICIES

PolicyPack(
    name=PACK_NAME,
    policies=POLICIES,
    enforcement_level=EnforcementLevel.MANDATORY,
    initial_config=INITIAL_CONFIG,
    description="Platform rules for ModelArts inference resources.",
)
