"""The pure parts of `inference-promote`: the health verdict and the version selection."""

from __future__ import annotations

import pytest

from inference_iac.automation.promote import (
    DeploymentView,
    PromotionRefused,
    StackView,
    health_verdict,
    runs_artifact,
    select_config,
    serving_slot,
)

NOW_MS = 1_700_000_000_000


def deployment(status="RUNNING", count=2, image="swr.example/inference/app:1.0.0", **extra):
    return {"name": "promo-staging-main", "status": status, "count": count,
            "unit_configs": [{"image": {"swr_path": image}}], **extra}


def instances(*statuses):
    return [{"instance_name": f"i-{n}", "status": s} for n, s in enumerate(statuses)]


def view(dep=None, insts=None, events=(), service_status="RUNNING", artifact="app:1.0.0"):
    return StackView(service={"name": "promo-staging", "status": service_status},
                     deployments=[DeploymentView("main", artifact, dep or deployment(),
                                                 instances("RUNNING", "RUNNING") if insts is None else insts)],
                     abnormal_events=list(events))


def test_a_running_stack_with_ready_instances_is_healthy():
    assert health_verdict(view(), since_ms=NOW_MS - 3_600_000) == []


def test_a_concerning_deployment_with_a_failed_instance_is_not():
    problems = health_verdict(view(deployment(status="CONCERNING"), instances("FAILED", "RUNNING")), NOW_MS)
    assert "deployment promo-staging-main (main) is CONCERNING" in problems
    assert "deployment promo-staging-main (main) has 1 of 2 instance(s) ready" in problems
    assert "deployment promo-staging-main (main) has unhealthy instance(s): i-0 FAILED" in problems


def test_instances_still_pending_are_not_ready():
    problems = health_verdict(view(insts=instances("RUNNING", "PENDING")), NOW_MS)
    assert problems == ["deployment promo-staging-main (main) has 1 of 2 instance(s) ready"]


def test_a_failed_deployment_names_its_reason():
    problems = health_verdict(view(deployment(status="FAILED", failure_reason="image pull"), instances()), NOW_MS)
    assert problems[0] == "deployment promo-staging-main (main) is FAILED: image pull"


def test_only_abnormal_events_newer_than_the_window_count():
    events = [{"event_type": "ABNORMAL", "event_info": "old rollback", "create_at": NOW_MS - 7_200_000},
              {"event_type": "ABNORMAL", "event_info": "fresh rollback", "create_at": NOW_MS - 60_000}]
    assert health_verdict(view(events=events), since_ms=NOW_MS - 3_600_000) == ["ABNORMAL event: fresh rollback"]


def test_a_service_that_is_not_running_is_not_healthy():
    assert health_verdict(view(service_status="STOPPED"), NOW_MS) == ["service promo-staging is STOPPED"]


def test_a_deployment_running_another_image_than_the_outputs_say_is_drift():
    problems = health_verdict(view(artifact="app:2.0.0"), NOW_MS)
    assert len(problems) == 1 and "runs swr.example/inference/app:1.0.0, not app:2.0.0" in problems[0]


def test_missing_resources_are_reported():
    problems = health_verdict(StackView(service={}, deployments=[], missing=["service s-1"]), NOW_MS)
    assert problems == ["service s-1 named in the stack outputs does not exist"]


@pytest.mark.parametrize("image, artifact, expected", [
    ("swr.example/inference/app:1.0.0", "app:1.0.0", True),
    ("app:1.0.0", "app:1.0.0", True),
    ("swr.example/inference/app:1.0.0", "app:1.0", False),
    ("swr.example/inference/myapp:1.0.0", "app:1.0.0", False),
])
def test_runs_artifact_compares_the_last_path_segment(image, artifact, expected):
    assert runs_artifact(image, artifact) is expected


# ----- version selection ---------------------------------------------------------------------------

PROD = {"release": "canary", "appVersion": "app:1", "previousVersion": "app:0", "canarySlot": "green"}


def test_a_direct_stack_just_takes_the_version():
    assert select_config("app:2", {"appVersion": "app:1"}, canary=False, weights=None) == {"appVersion": "app:2"}


def test_after_a_finished_release_the_next_version_goes_to_the_idle_slot():
    values = select_config("app:2", PROD, canary=True, weights={"green": 100, "blue": 0})
    assert values == {"appVersion": "app:2", "canarySlot": "blue", "previousVersion": "app:1"}


def test_after_a_rolled_back_release_the_canary_slot_is_reused():
    # The stable slot (blue) still serves app:0; green holds the failed app:1 and no traffic.
    values = select_config("app:2", PROD, canary=True, weights={"green": 0, "blue": 100})
    assert values == {"appVersion": "app:2", "canarySlot": "green", "previousVersion": "app:0"}


def test_a_release_caught_half_way_is_refused():
    with pytest.raises(PromotionRefused, match=r"half-way \(blue 50%, green 50%\): promote app:1 again"):
        select_config("app:2", PROD, canary=True, weights={"green": 50, "blue": 50})


def test_the_same_version_again_does_not_flip_the_slots():
    # Even half-way: `up` resumes the release from the live step.
    values = select_config("app:1", PROD, canary=True, weights={"green": 50, "blue": 50})
    assert values == {"appVersion": "app:1", "canarySlot": "green", "previousVersion": "app:0"}


def test_a_never_deployed_canary_stack_starts_both_slots_on_the_version():
    values = select_config("app:2", PROD, canary=True, weights=None)
    assert values == {"appVersion": "app:2", "canarySlot": "green", "previousVersion": "app:2"}


def test_serving_slot():
    assert serving_slot({"blue": 100, "green": 0}) == "blue"
    assert serving_slot({"blue": 10, "green": 90}) is None
    assert serving_slot({"blue": 0, "green": 0}) is None


def test_check_accepts_an_id_not_known_at_preview():
    # A preview of a stack whose service is not created yet (the first promotion into it):
    # the SDK hands the provider an `Unknown` instance for the service id.
    from pulumi.output import Unknown

    from inference_iac.modelarts.resources.deployment import DeploymentProvider

    news = {"name": "d", "service_id": Unknown(), "pool_id": "pool-dedicated-0001", "count": 1,
            "unit_configs": [{"image": {"swr_path": "r/app:1"}, "flavor": "modelarts.vm.cpu.2u"}], "__provider": "p"}
    assert DeploymentProvider().check({}, news).failures == []
