"""The PAI-EAS planners: pure functions from desired and live specs to typed plans."""

from __future__ import annotations

import copy

from inference_iac.core.actions import Action
from inference_iac.eas.models.api_key import ApiKeySpec
from inference_iac.eas.models.deployment import DeploymentSpec
from inference_iac.eas.models.gateway import GatewaySpec
from inference_iac.eas.models.scaling_rule import ScalingRuleSpec
from inference_iac.eas.models.service import ServiceSpec
from inference_iac.eas.models.traffic_shift import TrafficShiftSpec
from inference_iac.eas.planner.api_key import Claim, SetToken, plan_api_key
from inference_iac.eas.planner.deployment import (PutConfig, Release, Scale, SetLock, SetMirror, SetRunState,
                                                  SwitchVersion, SyncLabels, plan_deployment)
from inference_iac.eas.planner.gateway import UpdateGateway, plan_gateway
from inference_iac.eas.planner.rollout import rollout_shape
from inference_iac.eas.planner.scaling_rule import DeleteScaler, PutScaler, managed_kinds, plan_scaling_rule
from inference_iac.eas.planner.service import RecordGroup, plan_service
from inference_iac.eas.planner.traffic_shift import weight_order
from inference_iac.core.traffic_shift.planner import (NO_CANARY, Weights, current_step, plan_traffic_shift, plan_walk,
                                                      shift_status, starting_weights)
from inference_iac.eas.models.deployment import RollingStrategy

BASE = {"name": "shop_main", "metadata": {"group": "shop", "instance": 2, "cpu": 2, "memory": 4000},
        "containers": [{"image": "registry.example/app:1", "port": 8000}]}


def spec(**changes) -> DeploymentSpec:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key in ("instance", "rolling_strategy", "cpu"):
            data["metadata"][key] = value
        elif key == "image":
            data["containers"][0]["image"] = value
        else:
            data[key] = value
    return DeploymentSpec.model_validate(data)


def live(**changes) -> DeploymentSpec:
    """The live service as the client reads it: server defaults (keys we never set) included."""
    data = spec(**changes).service_json()
    data["metadata"]["rpc.keepalive"] = 5000  # a server default
    return DeploymentSpec.from_api({"ServiceName": "shop_main", "config": data, "TrafficState": "grouping",
                                    "Weight": changes.get("weight", 100), "SafetyLock": changes.get("safety_lock"),
                                    "labels": changes.get("labels") or {}})


def test_nothing_to_do_when_the_keys_we_set_match():
    assert plan_deployment(spec(), live()).action is Action.NOOP  # the server default is no drift


def test_a_new_image_is_a_rolling_update_with_its_shape():
    plan = plan_deployment(spec(image="registry.example/app:2"), live(), live_version=3)
    assert plan.action is Action.ROLLING_UPGRADE
    (step,) = plan.steps
    assert isinstance(step, PutConfig) and step.shape.replicas == 2
    assert "from version 3 to a new version" in plan.summary()


def test_a_count_change_alone_is_a_scale():
    plan = plan_deployment(spec(instance=5), live())
    assert plan.action is Action.SCALE and plan.steps == (Scale(action=Action.SCALE, count=5),)


def test_a_scaling_rule_owns_the_count():
    plan = plan_deployment(spec(instance=5), live(), count_owned=True)
    assert plan.action is Action.NOOP and plan.ignored == ("metadata.instance",)
    upgrade = plan_deployment(spec(instance=5, image="registry.example/app:2"), live(), count_owned=True)
    assert [c.path for c in upgrade.changes] == ["containers[0].image"]


def test_back_to_a_recorded_configuration_is_a_switch_back():
    recorded = {2: live(image="registry.example/app:0"), 3: live(instance=7)}
    plan = plan_deployment(spec(), live(image="registry.example/app:9"), recorded=recorded)
    assert plan.action is Action.SWITCH_BACK and plan.steps == (SwitchVersion(action=Action.SWITCH_BACK, version=3),)
    assert "switches back to version 3" in plan.summary()


def test_settings_outside_the_json_have_their_own_calls():
    plan = plan_deployment(spec(weight=30, labels={"team": "ml"}, safety_lock="dangerous", state="stopped",
                                mirror={"ratio": 10, "targets": ["shop_shadow"]}),
                           live(labels={"old": "1"}).model_copy(update={"state": "running"}))
    kinds = [type(s) for s in plan.steps]
    assert kinds == [Release, SetMirror, SyncLabels, SetLock, SetRunState]
    labels = plan.steps[2]
    assert labels.add == {"team": "ml"} and labels.remove == ("old",)
    assert plan.action is Action.START_STOP


def test_a_looser_lock_comes_first():
    plan = plan_deployment(spec(safety_lock="none", image="registry.example/app:2"), live(safety_lock="all"))
    assert isinstance(plan.steps[0], SetLock) and isinstance(plan.steps[1], PutConfig)


def test_renaming_replaces_with_the_reason():
    plan = plan_deployment(spec(name="shop_other"), live())
    assert plan.action is Action.REPLACE and plan.replace_fields == ["name"] and not plan.steps


def test_features_are_read_only_at_creation():
    plan = plan_deployment(spec(features={"eas.aliyun.com/enable-rollout": "true"}), live())
    assert plan.replace_fields == ["features"]


def test_rollout_shapes_round_surge_up_and_unavailable_down():
    assert rollout_shape(10, None) == rollout_shape(10, RollingStrategy())
    default = rollout_shape(10, None)
    assert (default.surge, default.unavailable, default.min_ready, default.waves) == (1, 0, 10, 10)
    shape = rollout_shape(10, RollingStrategy(max_surge="25%", max_unavailable="15%"))
    assert (shape.surge, shape.unavailable, shape.min_ready, shape.waves) == (3, 1, 9, 3)
    assert rollout_shape(4, RollingStrategy(max_surge=2, max_unavailable=1)).waves == 2


def test_the_service_records_the_group_once_it_exists():
    desired = ServiceSpec(name="shop")
    assert plan_service(desired, desired, "", "").action is Action.NOOP
    plan = plan_service(desired, desired, "", "http://x/api/predict/shop")
    assert plan.steps == (RecordGroup(action=Action.UPDATE),)
    assert plan_service(ServiceSpec(name="shop_b"), desired, "", "").replace_fields == ["name"]


def test_the_api_key_token_is_put_back_without_showing_it():
    desired = ApiKeySpec(name="key", deployment_name="shop_main")
    plan = plan_api_key(desired, desired, token_matches=False, claimed_by="key")
    assert plan.steps == (SetToken(action=Action.UPDATE),) and "(secret)" in plan.summary()
    assert plan_api_key(desired, desired, token_matches=True, claimed_by=None).steps == (Claim(action=Action.UPDATE),)
    rotated = plan_api_key(desired.model_copy(update={"rotation": "2"}), desired, token_matches=True, claimed_by="key")
    assert rotated.replace_fields == ["rotation"]


def test_an_unclaimed_token_is_claimed_under_the_desired_name_without_a_new_key():
    # An import records the deployment's name as a stand-in: no label names the key.
    imported = ApiKeySpec(name="shop_main", deployment_name="shop_main")
    desired = ApiKeySpec(name="web", deployment_name="shop_main")
    plan = plan_api_key(desired, imported, token_matches=True, claimed_by=None)
    assert plan.action is Action.UPDATE and plan.steps == (Claim(action=Action.UPDATE),)
    assert "claim: None -> 'web'" in plan.summary()
    # A claimed token keeps its key's name: renaming it is a new key.
    assert plan_api_key(desired, imported, token_matches=True, claimed_by="shop_main").replace_fields == ["name"]


RULE = {"deployment_name": "shop_main",
        "cron": {"scale_jobs": [{"name": "morning", "schedule": "0 8 * * *", "target_size": 3}]},
        "autoscaler": {"min": 1, "max": 4, "scale_strategies": [{"metric_name": "qps", "threshold": 10}]}}


def live_rule(cron=True, autoscaler=True, **autoscaler_changes) -> ScalingRuleSpec:
    desired = ScalingRuleSpec.model_validate(RULE)
    body = {**desired.autoscaler.request_body(), **autoscaler_changes}
    body["scaleStrategies"] = [{**s, "service": "shop_main"} for s in body["scaleStrategies"]]  # the API fills it
    body["behavior"] = {"onZero": {"scaleDownGracePeriodSeconds": 600}}  # server defaults
    return ScalingRuleSpec.from_api("shop_main", desired.cron.request_body() if cron else None,
                                    body if autoscaler else None)


def test_a_scaling_rule_with_server_defaults_is_no_drift():
    assert plan_scaling_rule(ScalingRuleSpec.model_validate(RULE), live_rule()).action is Action.NOOP


def test_each_scaler_is_created_updated_or_deleted_on_its_own():
    desired = ScalingRuleSpec.model_validate(RULE)
    plan = plan_scaling_rule(desired, live_rule(cron=False, max=9))
    assert plan.steps == (PutScaler(action=Action.UPDATE, kind="cron", exists=False),
                          PutScaler(action=Action.UPDATE, kind="autoscaler", exists=True))
    no_cron = ScalingRuleSpec.model_validate({**RULE, "cron": None})
    assert plan_scaling_rule(no_cron, live_rule()).steps == (DeleteScaler(action=Action.UPDATE, kind="cron"),)


def test_a_gateway_change_is_one_update():
    desired = GatewaySpec(name="gw-shop", instance_type="4c8g", replicas=3)
    plan = plan_gateway(desired, GatewaySpec(name="gw-shop", instance_type="2c4g", replicas=2))
    assert plan.steps == (UpdateGateway(action=Action.UPDATE, fields=("instance_type", "replicas")),)
    assert plan_gateway(desired.model_copy(update={"charge_type": "PrePaid"}),
                        GatewaySpec(name="gw-shop", instance_type="4c8g", replicas=3, charge_type="PostPaid")
                        ).replace_fields == ["charge_type"]


def test_traffic_shift_walks_resume_and_restore():
    steps = [10, 50, 100]
    assert plan_walk(steps, NO_CANARY).first == 0 and not plan_walk(steps, NO_CANARY).resumed
    resumed = plan_walk(steps, Weights(50, 50))
    assert resumed.resumed and resumed.remaining() == [(2, 50), (3, 100)]
    assert starting_weights(Weights(50, 50), None, resumed) == NO_CANARY
    assert shift_status(steps, Weights(100, 0)) == "promoted" and current_step(steps, Weights(10, 90)) == 1
    desired = TrafficShiftSpec(service_name="shop", stable_deployment_name="shop_main",
                               canary_deployment_name="shop_canary", steps=steps)
    plan = plan_traffic_shift(desired, desired, Weights(10, 90))
    assert plan.action is Action.TRAFFIC and "resumes" in plan.summary()


def test_the_canary_is_raised_before_the_stable_one_is_lowered():
    assert weight_order(Weights(10, 90), Weights(50, 50)) == [("canary", 50), ("stable", 50)]
    assert weight_order(Weights(50, 50), Weights(0, 100)) == [("stable", 100), ("canary", 0)]
    assert weight_order(Weights(50, 50), Weights(50, 50)) == []


def test_a_scaling_rule_manages_the_scalers_it_declares_or_declared():
    cron_only = ScalingRuleSpec.model_validate({**RULE, "autoscaler": None})
    assert managed_kinds(cron_only, None) == ("cron",)
    # An autoscaler removed from the program is still managed: it is read, then deleted.
    assert managed_kinds(cron_only, {"autoscaler": RULE["autoscaler"]}) == ("cron", "autoscaler")
    assert managed_kinds(None, {"cron": RULE["cron"], "autoscaler": None}) == ("cron",)
    assert managed_kinds(None, {}) == ()
