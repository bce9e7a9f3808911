"""`inference-migrate --check`: when the v2 service is ready to take the v1 clients (judged on what was read)."""

from __future__ import annotations

from inference_iac.automation.migration.check import LiveDeployment, readiness

V1 = {"service_name": "shop", "status": "running",
      "config": [{"model_id": "m-1", "weight": 70}, {"model_id": "m-2", "weight": 30}]}
IMAGES = {"m-1": "swr.example/shop:1", "m-2": "swr.example/shop:2"}


def deployment(name: str, image: str, weight: int, status: str = "RUNNING", count: int = 2,
               instances: tuple[str, ...] = ("RUNNING", "RUNNING")) -> LiveDeployment:
    return LiveDeployment({"name": name, "status": status, "count": count, "weight": weight,
                           "unit_configs": [{"image": {"swr_path": image}}]},
                          [{"instance_name": f"{name}-{i}", "status": s} for i, s in enumerate(instances)])


def ready_pair() -> list[LiveDeployment]:
    return [deployment("a", "swr.example/shop:1", 70), deployment("b", "swr.example/shop:2", 30)]


def test_running_with_every_replica_ready_and_the_same_images_and_weights_is_ready():
    found = readiness({"name": "shop", "status": "RUNNING"}, ready_pair(), V1, IMAGES)
    assert found.problems == []
    assert found.lines[0] == "v2 service shop: RUNNING"
    assert "  a: RUNNING, 2/2 ready, swr.example/shop:1 at weight 70" in found.lines
    assert "v1 service shop: running" in found.lines


def test_a_service_or_deployment_not_running_or_short_of_ready_replicas_is_not():
    pair = ready_pair()
    pair[1] = deployment("b", "swr.example/shop:2", 30, status="DEPLOYING", instances=("RUNNING", "PENDING"))
    found = readiness({"name": "shop", "status": "DEPLOYING"}, pair, V1, IMAGES)
    assert found.problems == ["the v2 service is DEPLOYING, not RUNNING", "deployment b is DEPLOYING",
                              "deployment b has 1 of 2 replica(s) ready"]


def test_instances_failing_their_health_check_are_named():
    pair = ready_pair()
    pair[0] = deployment("a", "swr.example/shop:1", 70, count=1, instances=("RUNNING", "CONCERNING"))
    [problem] = readiness({"name": "shop", "status": "RUNNING"}, pair, V1, IMAGES).problems
    assert problem == "deployment a has instance(s) failing their health check: a-1 CONCERNING"


def test_a_v1_service_changed_since_the_migration_is_caught():
    changed = {**V1, "config": [{"model_id": "m-1", "weight": 50}, {"model_id": "m-2", "weight": 50}]}
    problems = readiness({"name": "shop", "status": "RUNNING"}, ready_pair(), changed, IMAGES).problems
    assert problems == [
        "v1 config[0] serves swr.example/shop:1 at weight 50, which no v2 deployment does (v1 changed since the "
        "migration? run inference-migrate again)",
        "v1 config[1] serves swr.example/shop:2 at weight 50, which no v2 deployment does (v1 changed since the "
        "migration? run inference-migrate again)"]


def test_once_v1_is_gone_only_v2_is_judged():
    found = readiness({"name": "shop", "status": "RUNNING"}, ready_pair(), None, {})
    assert found.problems == [] and found.lines[-1] == "v1 service: gone (nothing left to compare with)"
