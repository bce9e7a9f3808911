"""What the PAI-EAS reconcilers are tested on: scenarios recorded against the emulator, replayed in tests
(`replay.py` says what a scenario is)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from replay import Scenario, raises

sys.path.insert(0, str(Path(__file__).parents[2]))

from eas_support import service_json, wait_status  # noqa: E402

from inference_iac.core.poll import Waits  # noqa: E402
from inference_iac.eas.models.api_key import ApiKeySpec  # noqa: E402
from inference_iac.eas.models.common import API_KEY_LABEL  # noqa: E402
from inference_iac.eas.models.deployment import DeploymentSpec  # noqa: E402
from inference_iac.eas.models.gateway import GatewaySpec  # noqa: E402
from inference_iac.eas.models.intranet_connection import IntranetConnectionSpec  # noqa: E402
from inference_iac.eas.models.scaling_rule import ScalingRuleSpec  # noqa: E402
from inference_iac.eas.models.service import ServiceSpec  # noqa: E402
from inference_iac.eas.models.traffic_shift import TrafficShiftSpec  # noqa: E402
from inference_iac.eas.reconcilers.api_key import ApiKeyReconciler, KeyTaken  # noqa: E402
from inference_iac.eas.reconcilers.deployment import DeploymentReconciler  # noqa: E402
from inference_iac.eas.reconcilers.gateway import GatewayReconciler  # noqa: E402
from inference_iac.eas.reconcilers.intranet_connection import IntranetConnectionReconciler  # noqa: E402
from inference_iac.eas.reconcilers.scaling_rule import ScalingRuleReconciler  # noqa: E402
from inference_iac.eas.reconcilers.service import ServiceReconciler  # noqa: E402
from inference_iac.eas.reconcilers.traffic_shift import GateFailed, NotMembers, TrafficShiftReconciler  # noqa: E402
from inference_iac.eas.waiters.service import RolloutFailed  # noqa: E402

GROUP = "rec_group"


def deployment(name: str, image: str = "registry.example/app:1", instance: int = 1, **extra) -> DeploymentSpec:
    metadata = {"group": extra.pop("group", GROUP), "instance": instance, "cpu": 1, "memory": 1000,
                **extra.pop("metadata", {})}
    return DeploymentSpec.model_validate({"name": name, "metadata": metadata,
                                          "containers": [{"image": image, "port": 8000}], **extra})


def make_running(api, name: str, **extra) -> dict:
    return DeploymentReconciler(api, Waits(60)).create(deployment(name, **extra))


def expect(condition: bool, detail: Any = "") -> None:
    if not condition:
        pytest.fail(str(detail))


def _with(name: str, **extra):
    def setup(api, emu):
        make_running(api, name, **extra)
        return {"name": name}
    return setup


def _leftover_setup(api, emu):
    api.services.create(service_json("rec_left", GROUP))
    return {"name": "rec_left"}


def _failed_first_setup(api, emu):
    emu.add_fault("deploy_fails", match="rec_failed", count=1)
    api.services.create(service_json("rec_failed", GROUP))
    wait_status(api, "rec_failed", "Failed")
    return {"name": "rec_failed"}


def _switch_back_setup(api, emu):
    make_running(api, "rec_switch")
    DeploymentReconciler(api, Waits(60)).converge(deployment("rec_switch", image="registry.example/app:2"))
    return {"name": "rec_switch"}


def _fault_after(kind: str, name: str):
    def setup(api, emu):
        make_running(api, name, instance=2)
        emu.add_fault(kind, match=name, count=1)
        return {"name": name}
    return setup


def _held_back_setup(name: str):
    """A service whose update to app:2 is held back (it stays Updating, a Warning event says why)."""
    def setup(api, emu):
        make_running(api, name)
        emu.add_fault("deploy_times_out", match=name, count=1)
        with pytest.raises(RolloutFailed, match="held back"):
            DeploymentReconciler(api, Waits(60)).converge(deployment(name, image="registry.example/app:2"))
        return {"name": name}
    return setup


def _settings_setup(api, emu):
    make_running(api, "rec_settings", labels={"old": "1"})
    make_running(api, "rec_shadow", initial_weight=0)
    return {"name": "rec_settings"}


def _failed_update_setup(api, emu):
    ctx = _fault_after("deploy_fails", "rec_still_failed")(api, emu)
    try:
        DeploymentReconciler(api, Waits(60)).converge(deployment("rec_still_failed", image="registry.example/app:2",
                                                                 instance=2))
    except RolloutFailed:
        pass
    return ctx


def _locked_setup(api, emu):
    make_running(api, "rec_locked", safety_lock="dangerous")
    return {"name": "rec_locked"}


def _owned_setup(api, emu):
    make_running(api, "rec_owned", instance=2)
    api.scalers.put_autoscaler("rec_owned", {"min": 1, "max": 4, "scaleStrategies": [
        {"metricName": "qps", "threshold": 10}]}, exists=False)
    return {"name": "rec_owned"}


def _claimed_setup(api, emu):
    make_running(api, "rec_claimed")
    api.services.set_labels("rec_claimed", {API_KEY_LABEL: "other-key"})
    return {"name": "rec_claimed"}


def _key_setup(api, emu):
    make_running(api, "rec_keyed")
    value = ApiKeyReconciler(api, Waits(60)).create(ApiKeySpec(name="rec-key", deployment_name="rec_keyed"))
    return {"name": "rec_keyed", "value": value}


RULE = {"cron": {"scale_jobs": [{"name": "morning", "schedule": "0 8 * * 1-5", "target_size": 2}],
                 "exclude_dates": ["* * 25 12 *"]},
        "autoscaler": {"min": 1, "max": 3, "scale_strategies": [{"metric_name": "cpu", "threshold": 70}],
                       "behavior": {"scale_down": {"stabilization_window_seconds": 120}}}}


def _rule(name: str, **changes) -> ScalingRuleSpec:
    return ScalingRuleSpec.model_validate({"deployment_name": name, **RULE, **changes})


def _rule_setup(api, emu):
    make_running(api, "rec_rule_edit")
    ScalingRuleReconciler(api, Waits(60)).ensure(_rule("rec_rule_edit"))
    return {"name": "rec_rule_edit"}


def _shift_setup(api, emu, group="rec_shift"):
    make_running(api, f"{group}_stable", group=group, initial_weight=100)
    make_running(api, f"{group}_canary", group=group, image="registry.example/app:2", initial_weight=0)
    return {"group": group, "stable": f"{group}_stable", "canary": f"{group}_canary"}


def _unhealthy_canary_setup(api, emu):
    ctx = _shift_setup(api, emu, "rec_gate")
    emu.add_fault("unhealthy", match=ctx["canary"])
    import time
    deadline = time.monotonic() + 20
    while not [e for e in api.services.events(ctx["canary"]) if e.get("Type") == "Warning"]:
        if time.monotonic() > deadline:
            raise AssertionError("no readiness warning")
        time.sleep(0.1)
    return ctx


def _shift_elsewhere_setup(api, emu):
    """A shift's canary that serves another group."""
    make_running(api, "rec_shift_moved_stable", group="rec_shift_moved", initial_weight=100)
    make_running(api, "rec_shift_moved_canary", group="rec_shift_other", initial_weight=0)
    return {"group": "rec_shift_moved", "stable": "rec_shift_moved_stable", "canary": "rec_shift_moved_canary"}


def _every_kind_setup(api, emu):
    """One resource of every kind, as a stack that is refreshed would have them."""
    ctx = _shift_setup(api, emu, "rec_refresh")
    ApiKeyReconciler(api, Waits(60)).create(ApiKeySpec(name="rec-refresh-key", deployment_name=ctx["stable"]))
    ScalingRuleReconciler(api, Waits(60)).ensure(_rule(ctx["stable"], autoscaler=None))
    gateway = GatewayReconciler(api, Waits(60)).create(GatewaySpec(name="rec-refresh-gw", instance_type="2c4g"))
    link = IntranetConnectionSpec(gateway_id=gateway["GatewayId"], vpc_id="vpc-rec2", vswitch_id="vsw-rec2")
    IntranetConnectionReconciler(api, Waits(60)).create(link)
    return {**ctx, "gateway_id": gateway["GatewayId"]}


def _refresh_every_kind(client, waits, ctx) -> list:
    """What a refresh does for each resource: read it, then diff (plan) right away."""
    stable = ctx["stable"]
    deployments = DeploymentReconciler(client, waits)
    found, _ = deployments.read(stable, {})
    plans = [deployments.plan_by_name(stable, found)]
    services = ServiceReconciler(client, waits)
    group = services.read(ctx["group"], importing=False)
    plans.append(services.plan(ctx["group"], ServiceSpec(name=ctx["group"]),
                               {"internet_endpoint": group["InternetEndpoint"]}))
    keys = ApiKeyReconciler(client, waits)
    key = ApiKeySpec(name="rec-refresh-key", deployment_name=stable)
    value = keys.read(stable)["AccessToken"]
    plans.append(keys.plan(key, key, value))
    rules = ScalingRuleReconciler(client, waits)
    rule = _rule(stable, autoscaler=None)
    rules.read(stable, ("cron",))
    plans.append(rules.plan(stable, rule, rule.body()))
    shifts = TrafficShiftReconciler(client, waits)
    shifts.read(ctx["group"], stable, ctx["canary"])
    plans.append(shifts.plan(_shift(ctx, steps=[100]), None))
    gateways = GatewayReconciler(client, waits)
    gateway, _ = gateways.read(ctx["gateway_id"], {"name": "rec-refresh-gw", "instance_type": "2c4g"})
    plans.append(gateways.plan(ctx["gateway_id"], gateway, {}))
    links = IntranetConnectionReconciler(client, waits)
    link = IntranetConnectionSpec(gateway_id=ctx["gateway_id"], vpc_id="vpc-rec2", vswitch_id="vsw-rec2")
    links.read(link)
    plans.append(links.plan(link, link))
    return plans


def _shift(ctx, **extra) -> TrafficShiftSpec:
    return TrafficShiftSpec.model_validate({"service_name": ctx["group"], "stable_deployment_name": ctx["stable"],
                                            "canary_deployment_name": ctx["canary"], "steps": [20, 100], **extra})


def _prepaid_gateway_setup(api, emu):
    made = api.gateways.create({"Name": "rec-gw-prepaid", "InstanceType": "2c4g", "ChargeType": "PrePaid"})
    return {"gateway_id": made["GatewayId"]}


def _gateway_setup(api, emu):
    made = api.gateways.create({"Name": "rec-gw", "InstanceType": "2c4g", "Replicas": 2})
    return {"gateway_id": made["GatewayId"]}


def _connection(ctx) -> IntranetConnectionSpec:
    return IntranetConnectionSpec(gateway_id=ctx["gateway_id"], vpc_id="vpc-rec1", vswitch_id="vsw-rec1")


def _members_setup(api, emu):
    make_running(api, "rec_member", group="rec_stays")
    return {"name": "rec_stays"}


SCENARIOS = [
    # ----- deployments ---------------------------------------------------------------------------
    Scenario("deployment_create", lambda api, emu: {},
             lambda c, w, ctx: DeploymentReconciler(c, w).create(deployment("rec_create", labels={"team": "ml"})),
             lambda live, ctx: expect(live["Status"] == "Running" and live["labels"] == {"team": "ml"}
                                      and live["TrafficState"] == "grouping" and live["Weight"] == 100, live)),
    Scenario("deployment_create_survives_a_lost_answer",
             lambda api, emu: emu.add_fault("http_5xx", match="/api/v2/services", count=1) and {},
             lambda c, w, ctx: DeploymentReconciler(c, w).create(deployment("rec_lost")),
             lambda live, ctx: expect(live["Status"] == "Running" and live["LatestVersion"] == 1, live)),
    Scenario("deployment_adopt_leftover", _leftover_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).create(deployment("rec_left", image="registry.example/app:2")),
             lambda live, ctx: expect(live["config"]["containers"][0]["image"] == "registry.example/app:2"
                                      and live["CurrentVersion"] == live["LatestVersion"] == 2, live)),
    Scenario("deployment_recreate_failed_first_deploy", _failed_first_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).create(deployment("rec_failed")),
             lambda live, ctx: expect(live["Status"] == "Running", live)),
    Scenario("deployment_rolling_update", _with("rec_upgrade", instance=3,
                                                metadata={"rolling_strategy": {"max_surge": 1, "max_unavailable": 0}}),
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment(
                 "rec_upgrade", image="registry.example/app:2", instance=3,
                 metadata={"rolling_strategy": {"max_surge": 1, "max_unavailable": 0}})),
             lambda live, ctx: expect(live["CurrentVersion"] == live["LatestVersion"] == 2
                                      and live["RunningInstance"] == 3, live)),
    Scenario("deployment_removed_keys_go", _with("rec_replace", metadata={"rpc.keepalive": 5000}),
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment("rec_replace", image="registry.example/app:2")),
             lambda live, ctx: expect("rpc.keepalive" not in live["config"]["metadata"], live["config"])),
    Scenario("deployment_scale", _with("rec_scale"),
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment("rec_scale", instance=3)),
             lambda live, ctx: expect(live["TotalInstance"] == 3 and live["LatestVersion"] == 1, live)),
    Scenario("deployment_switch_back", _switch_back_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment("rec_switch")),
             lambda live, ctx: expect(live["CurrentVersion"] == 1 and live["LatestVersion"] == 2, live)),
    Scenario("deployment_held_back_fails_with_events", _fault_after("deploy_times_out", "rec_held"),
             lambda c, w, ctx: raises(RolloutFailed, "held back")(lambda: DeploymentReconciler(c, w).converge(
                 deployment("rec_held", image="registry.example/app:2", instance=2))),
             lambda message, ctx: expect("RollingUpdateHeldBack" in message, message)),
    Scenario("deployment_held_back_then_reverted", _held_back_setup("rec_unstuck"),
             # Not waited for (it would never settle): the revert switches back at once.
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment("rec_unstuck")),
             lambda live, ctx: expect(live["Status"] == "Running" and live["CurrentVersion"] == 1, live)),
    Scenario("deployment_held_back_at_the_desired_configuration", _held_back_setup("rec_stuck"),
             lambda c, w, ctx: raises(RolloutFailed, "held back at the desired configuration")(
                 lambda: DeploymentReconciler(c, w).converge(deployment("rec_stuck", image="registry.example/app:2"))),
             lambda message, ctx: expect("RollingUpdateHeldBack" in message and "revert it" in message, message)),
    Scenario("deployment_failed_update_reported", _fault_after("deploy_fails", "rec_abort"),
             lambda c, w, ctx: raises(RolloutFailed, "Failed")(lambda: DeploymentReconciler(c, w).converge(
                 deployment("rec_abort", image="registry.example/app:2", instance=2))),
             lambda message, ctx: expect("RollingUpdateAborted" in message, message)),
    Scenario("deployment_failed_at_the_desired_configuration", _failed_update_setup,
             lambda c, w, ctx: raises(RolloutFailed, "is Failed at the desired configuration")(
                 lambda: DeploymentReconciler(c, w).converge(deployment(
                     "rec_still_failed", image="registry.example/app:2", instance=2))),
             lambda message, ctx: expect("RollingUpdateAborted" in message, message)),
    Scenario("deployment_settings_outside_the_json", _settings_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment(
                 "rec_settings", labels={"team": "ml"}, weight=40, safety_lock="dangerous",
                 mirror={"ratio": 10, "targets": ["rec_shadow"]})),
             lambda live, ctx: expect(live["labels"] == {"team": "ml"} and live["Weight"] == 40
                                      and live["SafetyLock"] == "dangerous" and live["LatestVersion"] == 1, live)),
    Scenario("deployment_count_owned_by_a_scaler", _owned_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment(
                 "rec_owned", image="registry.example/app:2", instance=5)),
             lambda live, ctx: expect(live["config"]["metadata"]["instance"] == 2 and live["CurrentVersion"] == 2,
                                      live["config"])),
    Scenario("deployment_delete_releases_the_lock", _locked_setup,
             lambda c, w, ctx: DeploymentReconciler(c, w).delete("rec_locked"),
             lambda result, ctx: None),
    Scenario("deployment_stop", _with("rec_stop"),
             lambda c, w, ctx: DeploymentReconciler(c, w).converge(deployment("rec_stop", state="stopped")),
             lambda live, ctx: expect(live["Status"] == "Stopped", live)),
    # ----- services (groups) -----------------------------------------------------------------------------
    Scenario("service_create_before_its_members", lambda api, emu: {},
             lambda c, w, ctx: ServiceReconciler(c, w).create(ServiceSpec(name="rec_new_group")),
             lambda group, ctx: expect(group == {}, group)),
    Scenario("service_adopts_a_group_with_members", _members_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).create(ServiceSpec(name="rec_stays")),
             lambda group, ctx: expect(group["Name"] == "rec_stays" and group["AccessToken"], group)),
    Scenario("service_delete_leaves_foreign_members", _members_setup,
             lambda c, w, ctx: ServiceReconciler(c, w).delete("rec_stays"),
             lambda result, ctx: None),
    # ----- api keys -----------------------------------------------------------------------------------
    Scenario("api_key_create", _with("rec_key_new"),
             lambda c, w, ctx: (ApiKeyReconciler(c, w).create(ApiKeySpec(name="rec-key", deployment_name="rec_key_new")),
                                c.services.get("rec_key_new")),
             lambda result, ctx: expect(result[1]["AccessToken"] == result[0]
                                        and result[1]["labels"][API_KEY_LABEL] == "rec-key", result[1])),
    Scenario("api_key_second_key_refused", _claimed_setup,
             lambda c, w, ctx: raises(KeyTaken, "already belongs to ApiKey other-key")(
                 lambda: ApiKeyReconciler(c, w).create(ApiKeySpec(name="rec-key", deployment_name="rec_claimed"))),
             lambda message, ctx: expect("one token per service" in message, message)),
    Scenario("api_key_token_put_back", _key_setup,
             lambda c, w, ctx: (c.services.update("rec_keyed", {"token": "changed-by-hand"}, "merge"),
                                ApiKeyReconciler(c, w).update(ApiKeySpec(name="rec-key", deployment_name="rec_keyed"),
                                                              ApiKeySpec(name="rec-key", deployment_name="rec_keyed"),
                                                              ctx["value"]),
                                c.services.get("rec_keyed")["AccessToken"])[-1],
             lambda token, ctx: expect(token == ctx["value"], token)),
    Scenario("api_key_delete_revokes", _key_setup,
             lambda c, w, ctx: (ApiKeyReconciler(c, w).delete(ApiKeySpec(name="rec-key", deployment_name="rec_keyed")),
                                c.services.get("rec_keyed"))[-1],
             lambda live, ctx: expect(live["AccessToken"] != ctx["value"] and API_KEY_LABEL not in live["labels"], live)),
    # ----- scaling rules ---------------------------------------------------------------------------------
    Scenario("scaling_rule_create", _with("rec_rule_new"),
             lambda c, w, ctx: ScalingRuleReconciler(c, w).ensure(_rule("rec_rule_new")),
             lambda live, ctx: expect(live.cron.scale_jobs[0].schedule == "0 8 * * 1-5"
                                      and live.autoscaler.max == 3, live)),
    Scenario("scaling_rule_edit_and_drop_a_scaler", _rule_setup,
             lambda c, w, ctx: ScalingRuleReconciler(c, w).ensure(_rule("rec_rule_edit", cron=None, autoscaler={
                 **RULE["autoscaler"], "max": 5}), recorded=_rule("rec_rule_edit").body()),
             lambda live, ctx: expect(live.cron is None and live.autoscaler.max == 5, live)),
    Scenario("scaling_rule_adopts_what_is_there", _rule_setup,
             lambda c, w, ctx: (ScalingRuleReconciler(c, w).ensure(_rule("rec_rule_edit", autoscaler=None, cron={
                 **RULE["cron"], "scale_jobs": [{"name": "morning", "schedule": "0 8 * * 1-5", "target_size": 4}]})),
                                c.scalers.autoscaler("rec_rule_edit")),
             # The cron scaler is adopted and converged; the autoscaler, which this rule never declared, stays.
             lambda found, ctx: expect(found[0].cron.scale_jobs[0].target_size == 4 and found[1]["max"] == 3, found)),
    Scenario("scaling_rule_plan_reads_only_its_scaler", _rule_setup,
             lambda c, w, ctx: ScalingRuleReconciler(c, w).plan("rec_rule_edit", _rule("rec_rule_edit", autoscaler=None),
                                                               _rule("rec_rule_edit", autoscaler=None).body()),
             lambda plan, ctx: expect(not plan.steps and not plan.changes, plan)),
    # ----- traffic shifts --------------------------------------------------------------------------------
    Scenario("traffic_shift_walk", _shift_setup,
             lambda c, w, ctx: TrafficShiftReconciler(c, w).walk(_shift(ctx), recorded=None),
             lambda final, ctx: expect((final.canary, final.stable) == (100, 0), final)),
    Scenario("traffic_shift_plan_reads_both_weights_in_one_call", _shift_setup,
             lambda c, w, ctx: TrafficShiftReconciler(c, w).plan(_shift(ctx), None),
             lambda plan, ctx: expect("canary_weight: 0 -> 100" in plan.summary(), plan.summary())),
    Scenario("traffic_shift_member_of_another_group_refused", _shift_elsewhere_setup,
             lambda c, w, ctx: raises(NotMembers, "is in group rec_shift_other, not rec_shift_moved")(
                 lambda: TrafficShiftReconciler(c, w).plan(_shift(ctx), None)),
             lambda message, ctx: expect("canary deployment" in message, message)),
    Scenario("traffic_shift_gate_restores", _unhealthy_canary_setup,
             lambda c, w, ctx: raises(GateFailed, "Rolled back to the starting weights")(
                 lambda: TrafficShiftReconciler(c, w).walk(_shift(ctx, fail_on_events=False), recorded=None)),
             lambda message, ctx: expect("unhealthy instance" in message, message)),
    # ----- a refresh: each read is the one its diff plans from (one call per resource) -------------------
    Scenario("refresh_reads_each_resource_once", _every_kind_setup, _refresh_every_kind,
             lambda plans, ctx: expect([p.action.value for p in plans] == ["no-op"] * 4 + ["traffic shift"]
                                       + ["no-op"] * 2, [p.summary() for p in plans])),
    # ----- gateways and intranet connections ------------------------------------------------------------
    Scenario("gateway_create_then_update", lambda api, emu: {},
             lambda c, w, ctx: GatewayReconciler(c, w).create(GatewaySpec(
                 name="rec-gw-new", instance_type="2c4g", replicas=2, is_default=False, enable_ssl_redirection=True)),
             lambda live, ctx: expect(live["Status"] == "Running" and live["SSLRedirectionEnabled"] is True, live)),
    Scenario("gateway_adopt_and_resize", _gateway_setup,
             lambda c, w, ctx: GatewayReconciler(c, w).create(GatewaySpec(name="rec-gw", instance_type="4c8g",
                                                                          replicas=2)),
             lambda live, ctx: expect(live["GatewayId"] == ctx["gateway_id"] and live["InstanceType"] == "4c8g", live)),
    Scenario("gateway_adopt_keeps_its_billing_method", _prepaid_gateway_setup,
             lambda c, w, ctx: GatewayReconciler(c, w).create(GatewaySpec(name="rec-gw-prepaid", instance_type="2c4g",
                                                                          charge_type="PrePaid")),
             lambda live, ctx: expect(live["GatewayId"] == ctx["gateway_id"] and live["Status"] == "Running", live)),
    Scenario("gateway_import_reads_its_billing_method", _prepaid_gateway_setup,
             lambda c, w, ctx: GatewayReconciler(c, w).read(ctx["gateway_id"], {}, importing=True)[0],
             lambda spec, ctx: expect(spec.charge_type == "PrePaid" and spec.instance_type == "2c4g", spec)),
    Scenario("intranet_connection_create_and_delete", _gateway_setup,
             lambda c, w, ctx: (IntranetConnectionReconciler(c, w).create(_connection(ctx)),
                                IntranetConnectionReconciler(c, w).delete(_connection(ctx)))[0],
             lambda live, ctx: expect(live["Status"] == "Running" and live["Ip"], live)),
]
