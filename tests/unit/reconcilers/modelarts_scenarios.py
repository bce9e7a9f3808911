"""What the ModelArts reconcilers are tested on: scenarios recorded against the emulator, replayed in tests
(`replay.py` says what a scenario is)."""

from __future__ import annotations

import pytest
from replay import Scenario, raises

from inference_iac.core.poll import WaitFailed
from inference_iac.core.replace import ReplaceRefused
from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec
from inference_iac.modelarts.models.scaling_rule import ScalingRuleSpec
from inference_iac.modelarts.models.service import ServiceSpec
from inference_iac.modelarts.models.traffic_shift import TrafficShiftSpec
from inference_iac.modelarts.reconcilers.api_key import ApiKeyReconciler
from inference_iac.modelarts.planner.deployment import configuration_digest
from inference_iac.modelarts.reconcilers.deployment import DeploymentReconciler
from inference_iac.modelarts.reconcilers.intranet_connection import IntranetConnectionReconciler
from inference_iac.modelarts.reconcilers.scaling_rule import ScalingRuleReconciler
from inference_iac.modelarts.reconcilers.service import ServiceReconciler
from inference_iac.modelarts.reconcilers.traffic_shift import GateFailed, TrafficShiftReconciler
from inference_iac.modelarts.waiters.deployment import RolloutFailed

POOL = "pool-dedicated-0001"


def service(name: str, **extra) -> ServiceSpec:
    return ServiceSpec.model_validate({"name": name, **extra})


def deployment(service_id: str, name: str = "main", **extra) -> DeploymentSpec:
    unit = {"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u",
            "envs": extra.pop("envs", {"LOG_LEVEL": "info"})}
    return DeploymentSpec.model_validate({"service_id": service_id, "name": name, "pool_id": POOL,
                                          "unit_configs": [unit], **extra})


def make_service(api, name: str, **extra) -> str:
    return api.services.create(service(name, **extra).create_body())["id"]


def make_running_deployment(api, waits, service_id: str, name: str = "main", **extra) -> str:
    return DeploymentReconciler(api, waits).create(deployment(service_id, name, **extra))["id"]


# ----- services ------------------------------------------------------------------------------------

def _service_create_check(live, ctx):
    assert live["name"] == "rec-svc-new" and live["status"] == "INIT"


def _service_adopt_setup(api, emu):
    return {"service_id": make_service(api, "rec-svc-left", description="left behind")}


def _service_adopt_check(live, ctx):
    assert live["id"] == ctx["service_id"], "the leftover is adopted, not duplicated"
    assert live["version"]["description"] == "adopted"


def _service_tags_setup(api, emu, name="rec-svc-tags"):
    return {"service_id": make_service(api, name, tags=[{"key": "team", "value": "ml"}])}


def _service_converge_tags_check(live, ctx):
    assert {t["key"]: t["value"] for t in live["tags"]} == {"owner": "search"}
    assert live["version"]["description"] == ""  # settings untouched: tags change through the tag API


# ----- deployments -------------------------------------------------------------------------------------

def _with_service(name):
    def setup(api, emu):
        return {"service_id": make_service(api, name)}
    return setup


def _with_deployment(name, **extra):
    def setup(api, emu):
        from inference_iac.core.poll import Waits
        service_id = make_service(api, name)
        return {"service_id": service_id,
                "deployment_id": make_running_deployment(api, Waits(60), service_id, **extra)}
    return setup


def _failed_first_deploy_setup(api, emu):
    service_id = make_service(api, "rec-dep-failed")
    emu.add_fault("deploy_fails", match="main", count=1)
    failed = api.deployments.create(service_id, deployment(service_id).create_body())["id"]
    import time
    while api.deployments.get(service_id, failed)["status"] != "FAILED":
        time.sleep(0.1)
    return {"service_id": service_id, "failed_id": failed}


def _failed_first_deploy_check(live, ctx):
    assert live["id"] != ctx["failed_id"] and live["status"] == "RUNNING"


def _switch_back_setup(api, emu):
    from inference_iac.core.poll import Waits
    service_id = make_service(api, "rec-dep-switch")
    deployment_id = make_running_deployment(api, Waits(60), service_id)
    first = api.deployments.get(service_id, deployment_id)["version"]
    DeploymentReconciler(api, Waits(60)).converge(service_id, deployment_id,
                                                  deployment(service_id, envs={"LOG_LEVEL": "debug"}))
    # What the Deployment resource's state remembers of the versions it rolled out.
    versions = {first: configuration_digest(deployment(service_id))}
    return {"service_id": service_id, "deployment_id": deployment_id, "first_version": first, "versions": versions}


def _rollback_setup(api, emu):
    ctx = _with_deployment("rec-dep-rollback")(api, emu)
    emu.add_fault("deploy_fails", match="main", count=1)
    return ctx


# ----- keys, connections, rules, shifts -----------------------------------------------------------------

def _key_setup(api, emu, prefix="rec-key"):
    ctx = _with_deployment(f"{prefix}-svc")(api, emu)
    other = _with_deployment(f"{prefix}-other")(api, emu)
    return {**ctx, "other_service_id": other["service_id"]}


def _key_rebind_setup(api, emu):
    ctx = _key_setup(api, emu, "rec-rebind")
    created = api.api_keys.create("rec-key-rebind", "SERVICE")
    api.api_keys.bind(ctx["service_id"], created.key_id)
    return {**ctx, "key_id": created.key_id}


def _key_leftover_setup(api, emu):
    ctx = _key_setup(api, emu, "rec-leftover")
    left = api.api_keys.create("rec-key-left", "SERVICE")
    api.api_keys.bind(ctx["service_id"], left.key_id)
    return {**ctx, "leftover_id": left.key_id}


def _connection_spec(ctx, **extra) -> IntranetConnectionSpec:
    return IntranetConnectionSpec.model_validate({"service_id": ctx["service_id"], "vpc_id": "vpc-rec",
                                                  "subnet_id": "subnet-a", **extra})


def _connection_leftover_setup(api, emu):
    ctx = _with_deployment("rec-conn-left")(api, emu)
    made = api.intranet_connections.create(_connection_spec(ctx).create_body())
    return {**ctx, "connection_id": made["id"]}


def _rules(**extra) -> dict:
    return {"rules": [{"name": "morning", "schedule": "0 8 * * *", "target_replicas": 2},
                      {"name": "evening", "schedule": "0 20 * * *", "target_replicas": 1}], **extra}


def _rule_spec(ctx, **extra) -> ScalingRuleSpec:
    return ScalingRuleSpec.model_validate({"service_id": ctx["service_id"], "deployment_id": ctx["deployment_id"],
                                           **_rules(**extra)})


def _policy_setup(api, emu):
    ctx = _with_deployment("rec-rule-edit")(api, emu)
    api.scaling_rules.create(ctx["service_id"], ctx["deployment_id"], _rule_spec(ctx).create_body())
    return ctx


def _shift_setup(api, emu, name="rec-shift-walk"):
    from inference_iac.core.poll import Waits
    service_id = make_service(api, name)
    waits = Waits(60)
    stable = make_running_deployment(api, waits, service_id, "stable", weight=100)
    canary = make_running_deployment(api, waits, service_id, "canary", weight=0)
    return {"service_id": service_id, "stable": stable, "canary": canary}


def _shift_spec(ctx, **extra) -> TrafficShiftSpec:
    return TrafficShiftSpec.model_validate({"service_id": ctx["service_id"], "stable_deployment_id": ctx["stable"],
                                            "canary_deployment_id": ctx["canary"], "steps": [50, 100], **extra})


def _unhealthy_canary_setup(api, emu):
    ctx = _shift_setup(api, emu, "rec-shift-gate")
    emu.add_fault("unhealthy", match="canary")
    import time
    while api.deployments.get(ctx["service_id"], ctx["canary"])["status"] != "CONCERNING":
        time.sleep(0.1)
    return ctx


SCENARIOS = [
    Scenario("service_create", lambda api, emu: {},
             lambda c, w, ctx: ServiceReconciler(c, w).create(service("rec-svc-new")), _service_create_check),
    Scenario("service_adopt_leftover", _service_adopt_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).create(service("rec-svc-left", description="adopted")),
             _service_adopt_check),
    Scenario("service_tags_through_tag_api", _service_tags_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).converge(
                 ctx["service_id"], service("rec-svc-tags", tags=[{"key": "owner", "value": "search"}]), {}),
             _service_converge_tags_check),
    Scenario("service_replace_refused_on_converge", lambda api, emu: _service_tags_setup(api, emu, "rec-svc-async"),
             lambda c, w, ctx: raises(ReplaceRefused, "type: the call mode")(
                 lambda: ServiceReconciler(c, w).converge(ctx["service_id"], service(
                     "rec-svc-async", type="ASYNC_REAL_TIME", tags=[{"key": "team", "value": "ml"}],
                     runtime_config={"server_task_limit": {"max_task": 10}}), {})),
             lambda message, ctx: None),
    Scenario("service_delete", _with_service("rec-svc-delete"),
             lambda c, w, ctx: ServiceReconciler(c, w).delete(ctx["service_id"]),
             lambda result, ctx: None),
    Scenario("deployment_create", _with_service("rec-dep-create"),
             lambda c, w, ctx: DeploymentReconciler(c, w).create(deployment(ctx["service_id"])),
             lambda live, ctx: live["status"] == "RUNNING" or pytest.fail(live["status"])),
    Scenario("deployment_recreate_failed_first_deploy", _failed_first_deploy_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).create(deployment(ctx["service_id"])),
             _failed_first_deploy_check),
    Scenario("deployment_scale", _with_deployment("rec-dep-scale"),
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(
                 ctx["service_id"], ctx["deployment_id"], deployment(ctx["service_id"], count=2)),
             lambda live, ctx: live["count"] == 2 or pytest.fail(str(live["count"]))),
    Scenario("deployment_rolling_upgrade", _with_deployment("rec-dep-upgrade"),
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(
                 ctx["service_id"], ctx["deployment_id"], deployment(ctx["service_id"], envs={"LOG_LEVEL": "debug"})),
             lambda live, ctx: live["unit_configs"][0]["envs"] == {"LOG_LEVEL": "debug"} or pytest.fail()),
    Scenario("deployment_switch_back", _switch_back_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w, ctx["versions"]).converge(
                 ctx["service_id"], ctx["deployment_id"], deployment(ctx["service_id"])),
             lambda live, ctx: live["version"] == ctx["first_version"] or pytest.fail(live["version"])),
    Scenario("deployment_rollback_reported", _rollback_setup,
             lambda c, w, ctx: raises(RolloutFailed, "was rolled back by the platform")(
                 lambda: DeploymentReconciler(c, w).converge(ctx["service_id"], ctx["deployment_id"],
                                                             deployment(ctx["service_id"], envs={"X": "1"}))),
             lambda message, ctx: "roll back" in message or pytest.fail(message)),
    Scenario("api_key_create_bound", _key_setup,
             lambda c, w, ctx: ApiKeyReconciler(c, w).create(ApiKeySpec(name="rec-key-new",
                                                                        service_ids=[ctx["service_id"]])),
             lambda created, ctx: len(created.api_key) >= 32 or pytest.fail()),
    Scenario("api_key_rebind", _key_rebind_setup,
             lambda c, w, ctx: ApiKeyReconciler(c, w).update(ctx["key_id"], ApiKeySpec(
                 name="rec-key-rebind", service_ids=[ctx["other_service_id"]])),
             lambda result, ctx: None),
    Scenario("api_key_replaces_leftover", _key_leftover_setup,
             lambda c, w, ctx: ApiKeyReconciler(c, w).create(ApiKeySpec(name="rec-key-left",
                                                                        service_ids=[ctx["service_id"]])),
             lambda created, ctx: created.key_id != ctx["leftover_id"] or pytest.fail()),
    Scenario("api_key_bind_to_missing_service", lambda api, emu: {},
             lambda c, w, ctx: raises(WaitFailed, "it does not exist")(
                 lambda: ApiKeyReconciler(c, w).create(ApiKeySpec(name="rec-key-orphan", service_ids=["no-such"]))),
             lambda message, ctx: None),
    Scenario("connection_create", _with_deployment("rec-conn-new"),
             lambda c, w, ctx: IntranetConnectionReconciler(c, w).create(_connection_spec(ctx)),
             lambda live, ctx: live["status"] == "CONNECTED" or pytest.fail(live["status"])),
    Scenario("connection_adopt_and_modify", _connection_leftover_setup,
             lambda c, w, ctx: IntranetConnectionReconciler(c, w).create(
                 _connection_spec(ctx, custom_urls=["https://predict.corp.example"])),
             lambda live, ctx: (live["id"] == ctx["connection_id"]
                                and live["custom_url_list"] == ["https://predict.corp.example"]) or pytest.fail()),
    Scenario("scaling_rule_create", _with_deployment("rec-rule-new"),
             lambda c, w, ctx: ScalingRuleReconciler(c, w).ensure(_rule_spec(ctx)),
             lambda live, ctx: len(live["hpa_rules"]) == 2 or pytest.fail()),
    Scenario("scaling_rule_edit_in_place", _policy_setup,
             lambda c, w, ctx: ScalingRuleReconciler(c, w).ensure(_rule_spec(ctx, enabled=False)),
             lambda live, ctx: all(r["disable"] for r in live["hpa_rules"]) or pytest.fail()),
    Scenario("traffic_shift_walk", _shift_setup,
             lambda c, w, ctx: TrafficShiftReconciler(c, w).walk(_shift_spec(ctx), recorded=None),
             lambda final, ctx: (final.canary, final.stable) == (100, 0) or pytest.fail(str(final))),
    Scenario("traffic_shift_gate_restores", _unhealthy_canary_setup,
             lambda c, w, ctx: raises(GateFailed, "Rolled back to the starting weights")(
                 lambda: TrafficShiftReconciler(c, w).walk(_shift_spec(ctx), recorded=None)),
             lambda message, ctx: "unhealthy instance" in message or pytest.fail(message)),
]
