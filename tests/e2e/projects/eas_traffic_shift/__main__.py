"""A PAI-EAS service group with a stable and a canary member and the TrafficShift between them.

The members are created with their first weights (stable 100, canary 0) and
declare none after that: the shift owns both. Stack config (all optional):
shift (false: no shift), steps (comma-separated canary percentages), bakeSeconds,
swap (true: the shift goes the other way, from the canary back to the stable
member), allowReplace, importId ("<region>/<group>/<stable>/<canary>": import
that existing pair's weights as a shift whose one step is importStep).
"""

import pulumi

from inference_iac.eas import Deployment, Service, TrafficShift

config = pulumi.Config()
service = Service("group", {"name": "e2e_shift"})
members = {
    role: Deployment(role, {
        "name": f"e2e_shift_{role}",
        "metadata": {"group": service.name, "instance": 1, "cpu": 1, "memory": 1000},
        "containers": [{"image": image, "port": 8000}],
        "initial_weight": weight,
    })
    for role, image, weight in (("stable", "registry.example/app:1", 100), ("canary", "registry.example/app:2", 0))
}
source, target = (members["canary"], members["stable"]) if config.get_bool("swap") else (members["stable"],
                                                                                         members["canary"])

if config.get_bool("shift") is not False:
    shift = TrafficShift("release", {
        "service_name": service.name, "stable_deployment_name": source.name, "canary_deployment_name": target.name,
        "steps": [int(step) for step in (config.get("steps") or "10,50,100").split(",")],
        "bake_seconds": config.get_float("bakeSeconds") or 0,
        "allow_replace": config.get_bool("allowReplace") is not False,
    })
    pulumi.export("shift_id", shift.id)
    pulumi.export("current_step", shift.current_step)
    pulumi.export("canary_weight", shift.canary_weight)
    pulumi.export("stable_weight", shift.stable_weight)
    pulumi.export("shift_status", shift.status)

import_id = config.get("importId")
if import_id:
    _, group, stable, canary = import_id.split("/")
    legacy = TrafficShift("legacy", {"service_name": group, "stable_deployment_name": stable,
                                     "canary_deployment_name": canary, "steps": [config.get_int("importStep") or 100]},
                          opts=pulumi.ResourceOptions(import_=import_id))
    pulumi.export("legacy_status", legacy.status)
