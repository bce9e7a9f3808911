"""A traffic-shift gate's verdict (core.traffic_shift.gate) on what a cloud read of the two deployments."""

from __future__ import annotations

from inference_iac.core.traffic_shift.gate import MemberHealth, judge_gate
from inference_iac.eas.models.traffic_shift import TrafficShiftSpec


def spec(**overrides):
    return TrafficShiftSpec.model_validate({"service_name": "shop", "stable_deployment_name": "shop_stable",
                                            "canary_deployment_name": "shop_canary", "steps": [50], **overrides})


def healthy(role, **overrides):
    return MemberHealth(**{"role": role, "name": f"shop_{role}", "status": "Running", "failed": False,
                           "running": True, "reason": None, **overrides})


def no_events():
    return []


def test_two_healthy_deployments_pass():
    assert judge_gate(spec(), [healthy("canary"), healthy("stable")], no_events, "Warning").passed


def test_a_deployment_that_is_not_running_fails_unless_running_is_not_required():
    waiting = healthy("canary", status="Waiting", running=False, reason="pulling the image")
    result = judge_gate(spec(), [waiting, healthy("stable")], no_events, "Warning")
    assert result.reasons == ["canary deployment shop_canary is Waiting (pulling the image)"]
    assert judge_gate(spec(require_running=False), [waiting, healthy("stable")], no_events, "Warning").passed


def test_a_failed_deployment_fails_even_when_running_is_not_required():
    failed = healthy("stable", status="Failed", running=False, failed=True)
    result = judge_gate(spec(require_running=False), [healthy("canary"), failed], no_events, "Warning")
    assert result.reasons == ["stable deployment shop_stable is Failed"]


def test_unhealthy_instances_count_across_both_deployments():
    members = [healthy("canary", unhealthy=("c-1 Failed",)), healthy("stable", unhealthy=("s-1 Pending",))]
    assert judge_gate(spec(max_unhealthy_instances=2), members, no_events, "Warning").passed
    result = judge_gate(spec(max_unhealthy_instances=1), members, no_events, "Warning")
    assert result.reasons == ["canary deployment shop_canary has 1 unhealthy instance(s): c-1 Failed",
                              "stable deployment shop_stable has 1 unhealthy instance(s): s-1 Pending",
                              "2 unhealthy instance(s), at most 1 allowed"]


def test_new_events_fail_the_step_and_are_read_only_when_they_count():
    reads = []

    def events():
        reads.append(1)
        return ["[shop_canary: OOM] killed"]

    result = judge_gate(spec(), [healthy("canary"), healthy("stable")], events, "Warning")
    assert result.describe() == "1 new Warning event(s) since the step began; events: [shop_canary: OOM] killed"
    assert judge_gate(spec(fail_on_events=False), [healthy("canary"), healthy("stable")], events, "Warning").passed
    assert len(reads) == 1
