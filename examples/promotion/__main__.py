"""One inference service per environment; the artifact version comes from stack config.

dev and staging (`release: direct`, the default) run one deployment, `main`,
and a new version is a rolling upgrade of it. prod (`release: canary`) runs
two slots, `blue` and `green`, that never declare a weight: a CanaryRelease
owns both. The slot named by `canarySlot` runs `appVersion` and is walked
from 0 to 100 % of the traffic (`steps`, each baked `bakeSeconds` and
gated); the other slot keeps `previousVersion`, now idle, ready to receive
the next version. `inference-promote` writes these three keys.
"""

import pulumi

from inference_iac.components.canary import CanaryRelease, CanaryReleaseArgs
from inference_iac.modelarts import Deployment, Service

SLOTS = ("blue", "green")

config = pulumi.Config()
version = config.require("appVersion")
env_name = config.get("nameSuffix") or pulumi.get_stack()
name = f"{config.get('namePrefix') or 'promo'}-{env_name}"
release = config.get("release") or "direct"
if release not in ("direct", "canary"):
    raise ValueError(f"release must be 'direct' or 'canary', got {release!r}")

service = Service(name, {"description": f"inference service, {env_name} environment"})


def deployment(role: str, artifact: str) -> Deployment:
    # The artifact version is the image tag; the registry is shared by every environment.
    registry = config.get("registry") or "swr.cn-north-4.myhuaweicloud.com/inference"
    return Deployment(f"{name}-{role}", {
        "service_id": service.service_id,
        "pool_id": config.get("poolId") or "pool-dedicated-0001",
        "count": config.get_int("replicas") or 1,
        "description": f"{env_name} {role}: {artifact}",
        "unit_configs": [{"image": {"swr_path": f"{registry}/{artifact}"},
                          "flavor": config.get("flavor") or "modelarts.vm.cpu.2u"}],
    })


if release == "direct":
    versions = {"main": version}
    deployments = {"main": deployment("main", version)}
else:
    canary_slot = config.get("canarySlot") or "green"
    if canary_slot not in SLOTS:
        raise ValueError(f"canarySlot must be one of {SLOTS}, got {canary_slot!r}")
    stable_slot = next(slot for slot in SLOTS if slot != canary_slot)
    versions = {canary_slot: version, stable_slot: config.get("previousVersion") or version}
    deployments = {slot: deployment(slot, versions[slot]) for slot in SLOTS}
    steps = [int(step) for step in (config.get("steps") or "10,50,100").split(",")]
    canary = CanaryRelease(f"{name}-release", CanaryReleaseArgs(
        service_id=service.service_id, stable=deployments[stable_slot], canary=deployments[canary_slot],
        steps=steps, bake_seconds=config.get_float("bakeSeconds") or 0))
    pulumi.export("canary_slot", canary_slot)
    pulumi.export("stable_slot", stable_slot)
    pulumi.export("previous_version", versions[stable_slot])
    pulumi.export("release_status", canary.status)
    pulumi.export("canary_weight", canary.canary_weight)
    pulumi.export("stable_weight", canary.stable_weight)

# What a promotion reads: the version, where it runs, and each deployment's artifact.
pulumi.export("release", release)
pulumi.export("app_version", version)
pulumi.export("service_id", service.service_id)
pulumi.export("predict_url", service.predict_url)
pulumi.export("deployment_ids", {role: d.deployment_id for role, d in deployments.items()})
pulumi.export("deployment_versions", versions)
