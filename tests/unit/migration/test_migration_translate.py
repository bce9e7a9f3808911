"""The v1 -> v2 translation on v1 services as the emulator shows them (testdata/, see record_v1_services.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from inference_iac.automation.migration import program
from inference_iac.automation.migration.features import FEATURES
from inference_iac.automation.migration.translate import (
    Options,
    deployment_name,
    model_config,
    share_as_percent,
    translate,
)
from inference_iac.modelarts.models.common import RollingUpdate
from inference_iac.policy.rules import unavailable_during_upgrade

TESTDATA = Path(__file__).parent / "testdata"


def recorded(name: str) -> dict:
    return json.loads((TESTDATA / f"{name}.json").read_text())


def region(recording: dict, **options) -> Options:
    """Options with the flavors and pools the recording's region offers."""
    return Options(offered_flavors=frozenset(f["id"] for f in recording["flavors"]),
                   pools=frozenset(p["metadata"]["name"] for p in recording["pools"]), **options)


def migrated(scenario: str, **options):
    recording = recorded(scenario)
    migration = translate(recording["service"], recording["models"], region(recording, **options))
    program.check(migration)
    return migration


def features_of(migration) -> set[str]:
    return {finding.feature for finding in migration.findings}


# ----- the common case ------------------------------------------------------------------------


def test_each_config_entry_becomes_a_deployment_with_its_image_weight_and_resources():
    migration = migrated("two_weighted")
    assert migration.ok, (migration.problems, migration.blocking)
    stable, canary = migration.plan.deployments
    assert (stable.name, stable.image, stable.weight, stable.replicas) == (
        "shop-model-1-0-0", "swr.example.com/shop/model:1.0.0", 70, 2)
    assert stable.flavor == "modelarts.vm.cpu.2u" and stable.custom_spec is None
    assert stable.envs == {"MODEL_NAME": "shop", "LOG_LEVEL": "info"}
    assert (canary.name, canary.image, canary.weight, canary.replicas) == (
        "shop-model-1-1-0", "swr.example.com/shop/model:1.1.0", 30, 1)
    # custom_spec in v2's names: gpu_p4 -> gpu.
    assert canary.flavor is None and canary.custom_spec == {"cpu": 1.5, "memory": 4096, "gpu": 0.5}
    # The service-level pool_name is a v2 pool: every deployment runs there.
    assert {d.pool_id for d in migration.plan.deployments} == {"pool-dedicated-0001"}


def test_the_models_own_config_gives_the_probe_and_the_port():
    migration = migrated("two_weighted")
    stable = migration.plan.deployments[0]
    assert (stable.health_path, stable.health_initial_delay_seconds) == ("/health", 12)
    # Both models listen on 8080: that is the service's port (the default), no deployment sets its own.
    assert migration.plan.port == 8080 and stable.port is None
    # A probe timing the component cannot set is said, not silently changed.
    assert any("timeout_seconds 30" in note and "timeout_seconds 5" in note for note in migration.notes)


def test_rolling_upgrade_knobs_become_percentages():
    stable = migrated("two_weighted").plan.deployments[0]
    # 0.5 is a share; 1 (from 1 up) is a number of instances: one of two replicas is 50 %.
    assert (stable.max_surge, stable.max_unavailable) == ("50%", "50%")


@pytest.mark.parametrize("replicas", range(1, 11))
def test_instance_counts_round_back_to_the_same_number_of_replicas(replicas):
    for count in range(1, replicas + 1):
        unavailable = share_as_percent(count, replicas, "down")
        assert unavailable_during_upgrade(replicas, unavailable) == count
        surge = int(share_as_percent(count, replicas, "up").rstrip("%"))
        assert -(-replicas * surge // 100) == count, (replicas, count, surge)  # v2 rounds surge up


def test_service_settings_keep_the_name_and_token_callers():
    plan = migrated("two_weighted").plan
    assert (plan.component, plan.service_name, plan.description) == ("shop", "shop", "shop recommendations")
    # v1 callers send an IAM token: TOKEN keeps them working (and passes the auth policy).
    assert (plan.auth_type, plan.protocol, plan.api_key) == ("TOKEN", "HTTPS", None)
    with_key = migrated("two_weighted", auth="api-key", name="shop-next").plan
    assert (with_key.auth_type, with_key.api_key, with_key.service_name) == ("API_KEY", "clients", "shop-next")


# ----- what v2 (or the program) cannot carry --------------------------------------------------------


EVERYTHING_FEATURES = {"smn_notification", "lts_logs", "auto_stop", "vpc", "load_balancer_policy", "priority",
                       "service_secrets", "workspace", "https_container", "exec_health_check", "graceful_shutdown",
                       "mounts", "deploy_timeout"}


def test_every_setting_the_program_would_lose_refuses_the_migration_by_name():
    migration = migrated("everything", pool_id="pool-dedicated-0001",
                         flavors={"modelarts.vm.gpu.pnt004": "modelarts.vm.gpu.t4"})
    assert features_of(migration) == EVERYTHING_FEATURES
    assert not migration.problems and not migration.ok
    where = {finding.feature: finding.where for finding in migration.findings}
    assert where["smn_notification"] == "additional_properties.smn_notification"
    assert where["graceful_shutdown"] == "config[0].additional_properties.termination_grace_period_seconds"
    assert where["deploy_timeout"] == "config[0].deploy_timeout_in_seconds"


def test_dropping_every_lost_feature_lets_it_through_and_records_them():
    migration = migrated("everything", pool_id="pool-dedicated-0001", drop=frozenset(EVERYTHING_FEATURES),
                         flavors={"modelarts.vm.gpu.pnt004": "modelarts.vm.gpu.t4"})
    assert migration.ok, (migration.problems, migration.blocking)
    assert {f.feature for f in migration.left_behind} == EVERYTHING_FEATURES
    [deployment] = migration.plan.deployments
    assert (deployment.flavor, deployment.pool_id) == ("modelarts.vm.gpu.t4", "pool-dedicated-0001")
    # WebSocket is carried: the v2 protocol WSS. The container's own port differs from the default.
    assert migration.plan.protocol == "WSS" and migration.plan.port == 8443
    assert any("modelarts.vm.gpu.pnt004 becomes modelarts.vm.gpu.t4" in note for note in migration.notes)


def test_an_old_cluster_or_a_flavor_v2_lacks_is_a_problem_with_the_option_that_fixes_it():
    migration = migrated("everything", drop=frozenset(EVERYTHING_FEATURES))
    assert len(migration.problems) == 2, migration.problems
    cluster, flavor = migration.problems
    assert "cluster cluster-old-0001 is an old-version dedicated pool" in cluster and "--pool-id" in cluster
    assert "modelarts.vm.gpu.pnt004 is not a flavor v2 offers" in flavor
    assert "--flavor modelarts.vm.gpu.pnt004=<flavor>" in flavor


def test_a_model_that_is_not_an_image_is_left_out_only_when_dropped():
    blocked = migrated("obs_model")
    assert features_of(blocked) == {"obs_model"} and not blocked.ok
    assert "TensorFlow from https://models.obs.example.com/mnist" in blocked.findings[0].detail
    dropped = migrated("obs_model", drop=frozenset({"obs_model"}))
    assert dropped.ok
    [left] = dropped.plan.deployments
    assert (left.image, left.weight) == ("swr.example.com/ml/mnist:1.0.0", 50)


def test_a_subscribed_model_is_not_supported():
    recording = recorded("two_weighted")
    subscribed = copy.deepcopy(recording["models"])
    first = recording["service"]["config"][0]["model_id"]
    subscribed[first]["market_flag"] = True  # how the registry marks a model from AI Gallery
    migration = translate(recording["service"], subscribed, region(recording))
    assert features_of(migration) == {"subscribed_model"} and not migration.ok
    migration = translate(recording["service"], subscribed, region(recording, drop=frozenset({"subscribed_model"})))
    assert [d.name for d in migration.plan.deployments] == ["shop-model-1-1-0"]


def test_a_batch_service_cannot_be_migrated_whatever_is_dropped():
    migration = migrated("batch", drop=frozenset(FEATURES), pool_id="pool-dedicated-0001")
    [problem] = migration.problems
    assert "is a batch service: v2 has real-time services only" in problem
    assert migration.plan is None and not migration.ok


def test_a_model_missing_from_the_registry_is_a_problem():
    recording = recorded("two_weighted")
    models = {key: None for key in recording["models"]}
    migration = translate(recording["service"], models, region(recording))
    assert len(migration.problems) == 2 and "is not in the model registry" in migration.problems[0]


def test_the_public_pool_or_an_unknown_pool_needs_pool_id():
    recording = recorded("two_weighted")
    public = copy.deepcopy({**recording["service"], "pool_name": None})
    public["config"][1].update(specification="modelarts.vm.cpu.2u", custom_spec=None)  # custom needs a pool on v1
    [problem, _] = translate(public, recording["models"], region(recording)).problems
    assert "runs on the public pool" in problem and "--pool-id" in problem
    assert translate(public, recording["models"], region(recording, pool_id="pool-dedicated-0001")).ok
    elsewhere = {**recording["service"], "pool_name": "pool-dedicated-0009"}
    [problem, _] = translate(elsewhere, recording["models"], region(recording)).problems
    assert "pool pool-dedicated-0009 is not a resource pool of this project" in problem


def test_an_unknown_drop_name_is_refused_with_the_list():
    migration = migrated("two_weighted", drop=frozenset({"smn"}))
    assert migration.problems and "--drop smn: no such feature" in migration.problems[0]
    assert "smn_notification" in migration.problems[0]


def test_what_the_component_refuses_is_a_problem_too():
    recording = recorded("two_weighted")
    service = copy.deepcopy(recording["service"])
    service["config"][0]["envs"] = {"1BAD NAME": "x"}  # v1 takes it; v2 env names may not start with a digit
    migration = translate(service, recording["models"], region(recording))
    program.check(migration)
    [problem] = migration.problems
    assert problem.startswith("the v2 program would be refused: InferenceService shop: deployments[0].envs")


# ----- small readings ----------------------------------------------------------------------------------


def test_deployment_names_are_v2_names():
    assert deployment_name({"model_name": "shop_model", "model_version": "1.10.2"}, 0) == "shop_model-1-10-2"
    assert deployment_name({}, 3) == "config-3"


def test_the_model_config_is_read_from_its_json_string():
    assert model_config({"config": '{"port": 8443}'}) == {"port": 8443}
    assert model_config({"config": "not json"}) == {} and model_config({}) == {}


def test_the_rolling_defaults_of_the_component_apply_when_v1_sets_none():
    obs = migrated("obs_model", drop=frozenset({"obs_model"})).plan.deployments[0]
    assert (obs.max_surge, obs.max_unavailable) == (None, None)
    assert RollingUpdate.model_fields["max_unavailable"].default is not None  # the component then sets its own
