"""v1 services under the fault plane (deploy kinds match service names) and the timers:
deploy timeout, update rollback, auto stop. Own emulator: fault rules are global, and one
platform minute lasts 0.05 s here."""

from __future__ import annotations

import time

import pytest

from emulators import faults_cleared, own_emulator
from modelarts_v1_helpers import V1Client, error_of, real_time, unique, wait_for

READY_DELAY = 0.15
MINUTE = 0.05  # real seconds per platform minute
STOP_DELAY = 0.1


timed = own_emulator("v1-faults", ready_delay=READY_DELAY, minute_seconds=MINUTE,
                     stop_delay=STOP_DELAY)


@pytest.fixture
def v1(timed):
    with faults_cleared(timed):
        client = V1Client(timed)
        yield client
    client.clean()


@pytest.fixture
def model(v1):
    return v1.create_model()


def test_deploy_fails_ends_failed_with_the_reason(timed, v1, model):
    rule = timed.add_fault("deploy_fails", "doomed-*", count=1)
    service_id = v1.create_service([real_time(model)], name=unique("doomed"))
    assert v1.show(service_id)["status"] == "deploying"
    failed = v1.wait_status(service_id, "failed")
    assert "deploy_fails" in failed["error_msg"] and "progress" not in failed
    assert timed.faults() == [] and rule["count"] == 1  # used up
    body = v1.ok("GET", f"/services/{service_id}/events", query=[("event_type", "abnormal")])
    assert body["total_count"] == 1 and "deploy_fails" in body["events"][0]["event_info"]
    # A failed service redeploys with a new configuration, and may also just be started.
    v1.ok("PUT", f"/services/{service_id}", {"config": [real_time(model, count=2)]})
    running = v1.wait_status(service_id, "running")
    assert "error_msg" not in running and running["config"][0]["instance_count"] == 2


def test_deploy_times_out_after_the_deploy_timeout(timed, v1, model):
    timed.add_fault("deploy_times_out", "slow-*")
    service_id = v1.create_service([real_time(model, deploy_timeout_in_seconds=600)],
                                   name=unique("slow"))
    time.sleep(READY_DELAY * 2)
    assert v1.show(service_id)["status"] == "deploying"  # never ready
    failed = v1.wait_status(service_id, "failed", timeout=5)
    assert "timed out" in failed["error_msg"] and "600 seconds" in failed["error_msg"]


def test_a_failing_update_rolls_back_to_the_previous_configuration(timed, v1, model):
    newer = v1.create_model(version="9.0.0")
    name = unique("rollback")
    service_id = v1.create_service([real_time(model)], name=name)
    v1.wait_status(service_id, "running")
    timed.add_fault("deploy_fails", name, count=1)
    v1.ok("PUT", f"/services/{service_id}", {"config": [real_time(newer)]})
    assert v1.show(service_id)["config"][0]["model_id"] == newer
    back = wait_for(lambda: (lambda s: s if s["status"] == "running" and
                             s["config"][0]["model_id"] == model else None)(v1.show(service_id)))
    assert "error_msg" not in back
    events = v1.events(service_id)
    assert events[-1] == "Failed to update the service. The update has been rolled back."
    assert "deploy_fails" in events[-2]
    # The model the failed update named is free again.
    assert v1.ok("DELETE", f"/models/{newer}")["delete_success_list"] == [newer]


def test_an_update_that_times_out_rolls_back_at_the_deploy_timeout(timed, v1, model):
    name = unique("stuck")
    service_id = v1.create_service([real_time(model)], name=name)
    v1.wait_status(service_id, "running")
    timed.add_fault("deploy_times_out", name)
    v1.ok("PUT", f"/services/{service_id}", {"config": [real_time(
        model, count=3, deploy_timeout_in_seconds=600)]})
    time.sleep(READY_DELAY * 2)
    assert v1.show(service_id)["status"] == "deploying"
    back = v1.wait_status(service_id, "running", timeout=5)
    assert back["config"][0]["instance_count"] == 1
    assert any("timed out" in e for e in v1.events(service_id))


def test_a_start_that_deploys_nothing_does_not_consume_a_fault(timed, v1, model):
    name = unique("idle")
    service_id = v1.create_service([real_time(model)], name=name)
    v1.wait_status(service_id, "running")
    timed.add_fault("deploy_fails", name, count=1)
    v1.ok("PUT", f"/services/{service_id}", {"status": "running"})  # already running
    v1.ok("PUT", f"/services/{service_id}", {"config": [real_time(model)]})  # unchanged
    assert len(timed.faults()) == 1


def test_unhealthy_makes_a_running_service_concerning_until_removed(timed, v1, model):
    name = unique("flaky")
    service_id = v1.create_service([real_time(model)], name=name)
    v1.wait_status(service_id, "running")
    rule = timed.add_fault("unhealthy", name)
    concerning = v1.show(service_id)
    assert concerning["status"] == "concerning"
    assert concerning["config"][0]["status"] == "concerning"
    listed = v1.ok("GET", "/services", query=[("status", "concerning")])["services"]
    assert [s["service_id"] for s in listed] == [service_id]
    timed.remove_fault(rule["id"])
    assert v1.show(service_id)["status"] == "running"
    # A concerning service can be stopped.
    timed.add_fault("unhealthy", name)
    assert v1.show(service_id)["status"] == "concerning"
    v1.ok("PUT", f"/services/{service_id}", {"status": "stopped"})
    assert v1.wait_status(service_id, "stopped")


@pytest.mark.parametrize("kind, status, code", [("http_5xx", 503, "ModelArts.5030"),
                                                ("http_429", 429, "ModelArts.4290")])
def test_request_faults_answer_in_the_modelarts_error_format(timed, v1, kind, status, code):
    timed.add_fault(kind, f"/v1/{timed.project_id}/services", count=1)
    response = v1.send("GET", "/services")
    assert error_of(response)[:2] == (status, code)
    if kind == "http_429":
        assert response.headers["retry-after"] == "1"
    assert v1.send("GET", "/services").status_code == 200  # count 1: used up


def test_slow_delays_a_v1_request(timed, v1):
    timed.add_fault("slow", f"/v1/{timed.project_id}/models", seconds=0.3, count=1)
    started = time.monotonic()
    assert v1.send("GET", "/models").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_auto_stop_stops_a_running_service_and_restarts_its_timer_on_start(v1, model):
    service_id = v1.create_service([real_time(model)], schedule=[
        {"type": "stop", "time_unit": "MINUTES", "duration": 4}])
    running = v1.wait_status(service_id, "running")
    assert running["due_time"] - running["transition_at"] == int(4 * MINUTE * 1000)
    v1.wait_status(service_id, "stopping", timeout=5)
    stopped = v1.wait_status(service_id, "stopped", timeout=5)
    assert "due_time" not in stopped
    assert "The service stops when the auto stop time expires." in v1.events(service_id)
    v1.ok("PUT", f"/services/{service_id}", {"status": "running"})
    again = v1.wait_status(service_id, "running")
    assert again["due_time"] - again["transition_at"] == int(4 * MINUTE * 1000)


def test_a_schedule_set_on_a_running_service_starts_its_timer_then(v1, model):
    service_id = v1.create_service([real_time(model)])
    v1.wait_status(service_id, "running")
    v1.ok("PUT", f"/services/{service_id}", {"schedule": [
        {"type": "stop", "time_unit": "MINUTES", "duration": 2}]})
    assert "due_time" in v1.show(service_id)
    v1.wait_status(service_id, "stopped", timeout=5)
    assert any(e.startswith("Auto stop has been enabled") for e in v1.events(service_id))


def test_a_config_update_is_refused_while_stopping(v1, model):
    service_id = v1.create_service([real_time(model)])
    v1.wait_status(service_id, "running")
    v1.ok("PUT", f"/services/{service_id}", {"status": "stopped"})
    assert v1.show(service_id)["status"] == "stopping"  # STOP_DELAY
    status, code, message = error_of(v1.send("PUT", f"/services/{service_id}", {
        "config": [real_time(model, count=2)]}))
    assert (status, code) == (400, "ModelArts.4003") and "stopping" in message
    v1.wait_status(service_id, "stopped")
