"""v1 services: lifecycle and statuses, the update rules, list, delete and events."""

from __future__ import annotations

import pytest

from modelarts_v1_helpers import (
    POOL,
    batch,
    edge,
    error_of,
    real_time,
    unique,
)


@pytest.fixture
def model(v1):
    return v1.create_model(install_type=["real-time", "batch", "edge"])


def put(v1, service_id, body):
    return v1.ok("PUT", f"/services/{service_id}", body)


def refused(v1, service_id, body) -> tuple[int, str, str]:
    return error_of(v1.send("PUT", f"/services/{service_id}", body))


# ----- statuses and transitions --------------------------------------------------------------

def test_deploying_then_running_then_stopping_stopped_and_started_again(v1, model):
    service_id = v1.create_service([real_time(model)])
    assert v1.show(service_id)["status"] == "deploying"
    v1.wait_status(service_id, "running")
    assert put(v1, service_id, {"status": "stopped"}) == {}
    stopped = v1.wait_status(service_id, "stopped")
    assert "progress" not in stopped and stopped["config"][0]["status"] == "stopped"
    assert put(v1, service_id, {"status": "running"}) == {}
    assert v1.show(service_id)["status"] == "deploying"
    v1.wait_status(service_id, "running")
    assert v1.events(service_id) == [
        "The service starts to deploy.", f"Service {v1.show(service_id)['service_name']} started.",
        "The service is being stopped.", "The service has been stopped.",
        "The service is being started.", "The service starts to deploy.",
        f"Service {v1.show(service_id)['service_name']} started."]


def test_start_is_refused_while_deploying_and_does_nothing_when_running(v1, model):
    service_id = v1.create_service([real_time(model)])
    status, code, message = refused(v1, service_id, {"status": "running"})
    assert (status, code) == (400, "ModelArts.4003")
    assert "while it is deploying" in message and "stopped" in message
    running = v1.wait_status(service_id, "running")
    assert put(v1, service_id, {"status": "running"}) == {}
    assert v1.show(service_id)["transition_at"] == running["transition_at"]


def test_stop_while_deploying_and_twice(v1, model):
    service_id = v1.create_service([real_time(model)])
    put(v1, service_id, {"status": "stopped"})
    v1.wait_status(service_id, "stopped")
    assert put(v1, service_id, {"status": "stopped"}) == {}  # already stopped: nothing to do
    assert v1.show(service_id)["status"] == "stopped"


def test_status_takes_only_running_or_stopped(v1, model):
    service_id = v1.create_service([real_time(model)])
    status, _, message = refused(v1, service_id, {"status": "paused"})
    assert status == 400 and "'status'" in message and "running, stopped" in message


def test_batch_service_runs_then_finishes_and_can_run_again(v1, model):
    service_id = v1.create_service([batch(model)], infer_type="batch")
    v1.wait_status(service_id, "running")
    finished = v1.wait_status(service_id, "finished")
    assert finished["finished_time"] >= finished["start_time"]
    status, code, message = refused(v1, service_id, {"status": "stopped"})
    assert (status, code) == (400, "ModelArts.4003") and "finished" in message
    put(v1, service_id, {"status": "running"})
    again = v1.show(service_id)
    assert again["status"] == "deploying" and "finished_time" not in again
    v1.wait_status(service_id, "finished")


def test_edge_services_cannot_be_started_or_stopped(v1, model):
    service_id = v1.create_service([edge(model)], infer_type="edge")
    v1.wait_status(service_id, "running")
    for wanted in ("running", "stopped"):
        status, _, message = refused(v1, service_id, {"status": wanted})
        assert status == 400 and "edge" in message.lower()


# ----- configuration updates and the status-or-config rule -----------------------------------

def test_config_update_of_a_running_service_redeploys_it_and_keeps_the_old_model_in_use(v1,
                                                                                         model):
    newer = v1.create_model(version="2.0.0")
    service_id = v1.create_service([real_time(model)])
    v1.wait_status(service_id, "running")
    put(v1, service_id, {"config": [real_time(newer, weight="100", count=2)]})
    shown = v1.show(service_id)
    assert shown["status"] == "deploying"
    assert [(c["model_id"], c["instance_count"]) for c in shown["config"]] == [(newer, 2)]
    # The old version still serves until the update is done: its model cannot go yet.
    assert v1.send("DELETE", f"/models/{model}").status_code == 400
    v1.wait_status(service_id, "running")
    assert v1.ok("DELETE", f"/models/{model}")["delete_success_list"] == [model]
    assert "The service is being updated." in v1.events(service_id)


def test_an_unchanged_config_is_no_update(v1, model):
    service_id = v1.create_service([real_time(model)])
    running = v1.wait_status(service_id, "running")
    put(v1, service_id, {"config": [real_time(model, weight="100")]})
    after = v1.show(service_id)
    assert after["status"] == "running" and after["update_time"] == running["update_time"]


def test_config_is_refused_while_deploying(v1, model):
    service_id = v1.create_service([real_time(model)])
    status, code, message = refused(v1, service_id, {"config": [real_time(model, count=2)]})
    assert (status, code) == (400, "ModelArts.4003") and "modify" in message
    status, _, _ = refused(v1, service_id, {"description": "not now"})
    assert status == 400


def test_status_and_config_together_modify_only_the_status(v1, model):
    other = v1.create_model(version="3.0.0")
    service_id = v1.create_service([real_time(model)], description="old")
    v1.wait_status(service_id, "running")
    body = {"status": "stopped", "description": "new",
            "config": [real_time(other, count=3)]}
    assert put(v1, service_id, body) == {}
    stopped = v1.wait_status(service_id, "stopped")
    assert [(c["model_id"], c["instance_count"]) for c in stopped["config"]] == [(model, 1)]
    assert stopped["description"] == "new"
    # An ignored config is not even validated.
    assert put(v1, service_id, {"status": "stopped", "config": "not a list"}) == {}


def test_a_stopped_service_keeps_its_status_on_a_config_update(v1, model):
    service_id = v1.create_service([real_time(model)])
    v1.wait_status(service_id, "running")
    put(v1, service_id, {"status": "stopped"})
    v1.wait_status(service_id, "stopped")
    put(v1, service_id, {"config": [real_time(model, count=4)]})
    shown = v1.show(service_id)
    assert shown["status"] == "stopped" and shown["config"][0]["instance_count"] == 4
    put(v1, service_id, {"status": "running"})
    assert v1.wait_status(service_id, "running")["config"][0]["instance_count"] == 4


def test_description_schedule_and_properties_are_updated_in_place(v1, model):
    service_id = v1.create_service([real_time(model)])
    running = v1.wait_status(service_id, "running")
    put(v1, service_id, {"description": "shop front",
                         "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 2}],
                         "additional_properties": {"websocket_upgrade": True}})
    shown = v1.show(service_id)
    assert shown["status"] == "running" and shown["description"] == "shop front"
    assert shown["schedule"] == [{"type": "stop", "time_unit": "HOURS", "duration": 2}]
    assert shown["due_time"] > running["operation_time"]
    assert shown["additional_properties"] == {"websocket_upgrade": True}
    put(v1, service_id, {"schedule": []})
    assert "due_time" not in v1.show(service_id) and "schedule" not in v1.show(service_id)
    status, _, message = refused(v1, service_id,
                                 {"additional_properties": {"websocket_upgrade": False}})
    assert status == 400 and "cannot be changed once WebSocket is enabled" in message


def test_create_only_fields_may_be_repeated_but_not_changed(v1, model):
    name = unique("fixed")
    service_id = v1.create_service([real_time(model)], name=name, pool_name=POOL)
    v1.wait_status(service_id, "running")
    assert put(v1, service_id, {"service_name": name, "infer_type": "real-time",
                                "pool_name": POOL, "description": "same"}) == {}
    for field, value in (("service_name", "renamed"), ("infer_type", "batch"),
                         ("vpc_id", "vpc-1"), ("workspace_id", "ws-2"), ("priority", 2)):
        status, _, message = refused(v1, service_id, {field: value})
        assert status == 400 and f"'{field}'" in message and "cannot be changed" in message


# ----- list, show, delete, events ------------------------------------------------------------

def test_list_filters_sorts_and_pages(v1, model):
    batch_model = v1.create_model(install_type=["batch"])
    first = v1.create_service([real_time(model)], name="alpha")
    second = v1.create_service([batch(batch_model)], name="beta", infer_type="batch")
    third = v1.create_service([real_time(model)], name="gamma", pool_name=POOL)
    listed = v1.ok("GET", "/services")
    assert (listed["total_count"], listed["count"]) == (3, 3)
    assert [s["service_id"] for s in listed["services"]] == [third, second, first]
    item = listed["services"][0]
    assert {"service_id", "service_name", "infer_type", "status", "publish_at", "owner",
            "workspace_id", "transition_at", "is_shared", "is_free"} <= set(item)
    assert "config" not in item
    query = lambda *pairs: [s["service_id"] for s in v1.ok("GET", "/services",  # noqa: E731
                                                          query=list(pairs))["services"]]
    assert query(("infer_type", "batch")) == [second]
    assert query(("service_name", "alpha")) == [first]
    assert query(("service_id", third)) == [third]
    assert query(("model_id", model), ("order", "asc")) == [first, third]
    assert query(("model_id", batch_model)) == [second]
    assert query(("cluster_id", POOL)) == [third]
    assert query(("workspace_id", "0"), ("sort_by", "service_name"), ("order", "asc")) == [
        first, second, third]
    assert query(("status", "stopped")) == []
    assert query(("tags", "team=ml")) == []
    page = v1.ok("GET", "/services", query=[("limit", "1"), ("offset", "1")])
    assert (page["total_count"], page["count"]) == (3, 1)
    assert page["services"][0]["service_id"] == second
    for bad in (("status", "RUNNING"), ("infer_type", "realtime"), ("sort_by", "name"),
                ("order", "DESC"), ("limit", "0"), ("limit", "1001")):
        status, _, message = error_of(v1.send("GET", "/services", query=[bad]))
        assert status == 400 and f"'{bad[0]}'" in message


def test_unknown_service_is_404_for_show_update_delete_and_events(v1):
    for method, path in (("GET", "/services/nope"), ("PUT", "/services/nope"),
                         ("DELETE", "/services/nope"), ("GET", "/services/nope/events")):
        response = v1.send(method, path, {} if method == "PUT" else None)
        status, code, message = error_of(response)
        assert (status, code) == (404, "ModelArts.3502") and "nope" in message


def test_delete_takes_several_ids_and_an_unknown_one_deletes_none(v1, model):
    ids = [v1.create_service([real_time(model)]) for _ in range(3)]
    status, _, _ = error_of(v1.send("DELETE", f"/services/{ids[0]},missing"))
    assert status == 404 and v1.ok("GET", "/services")["total_count"] == 3
    assert v1.ok("DELETE", f"/services/{ids[0]},{ids[1]}") == {}
    assert [s["service_id"] for s in v1.ok("GET", "/services")["services"]] == [ids[2]]
    v1.ok("DELETE", f"/services/{ids[2]}")
    assert v1.send("GET", f"/services/{ids[2]}").status_code == 404


def test_service_names_are_unique_in_a_project(v1, model):
    v1.create_service([real_time(model)], name="taken")
    status, code, message = error_of(v1.send("POST", "/services", {
        "service_name": "taken", "infer_type": "real-time", "config": [real_time(model)]}))
    assert (status, code) == (400, "ModelArts.4004") and "taken" in message


def test_events_filter_and_order(v1, model):
    service_id = v1.create_service([real_time(model)])
    v1.wait_status(service_id, "running")
    body = v1.ok("GET", f"/services/{service_id}/events")
    assert set(body) == {"service_id", "service_name", "total_count", "count", "events"}
    assert body["events"][0]["event_info"].endswith("started.")  # newest first
    assert all(set(e) == {"event_type", "event_info", "occur_time"} for e in body["events"])
    only = v1.ok("GET", f"/services/{service_id}/events",
                 query=[("event_info", "deploy"), ("event_type", "normal")])
    assert [e["event_info"] for e in only["events"]] == ["The service starts to deploy."]
    assert v1.ok("GET", f"/services/{service_id}/events",
                 query=[("event_type", "abnormal")])["total_count"] == 0
    assert error_of(v1.send("GET", f"/services/{service_id}/events",
                            query=[("event_type", "warning")]))[0] == 400


def test_at_most_20_real_time_services(v1, model):
    for _ in range(20):
        v1.create_service([real_time(model)])
    status, code, message = error_of(v1.send("POST", "/services", {
        "service_name": "one-too-many", "infer_type": "real-time",
        "config": [real_time(model)]}))
    assert (status, code) == (400, "ModelArts.4005") and "20" in message
    batch_id = v1.create_service([batch(model)], infer_type="batch")  # batch: its own quota
    assert v1.show(batch_id)["infer_type"] == "batch"


def test_undocumented_v1_apis_answer_501_and_unknown_paths_404(v1, model):
    service_id = v1.create_service([real_time(model)])
    for path in ("/services/specifications", f"/services/{service_id}/monitor",
                 f"/services/{service_id}/logs"):
        status, code, _ = error_of(v1.send("GET", path))
        assert (status, code) == (501, "ModelArts.5010")
    status, code, _ = error_of(v1.send("GET", "/jobs"))
    assert (status, code) == (404, "ModelArts.4040")
    status, code, _ = error_of(v1.send("PATCH", f"/services/{service_id}", {}))
    assert (status, code) == (405, "ModelArts.4050")


def test_repeating_the_current_settings_while_deploying_is_no_change(v1, model):
    schedule = [{"type": "stop", "time_unit": "HOURS", "duration": 3}]
    service_id = v1.create_service([real_time(model)], description="same", schedule=schedule)
    assert put(v1, service_id, {"description": "same", "schedule": schedule,
                                "config": [real_time(model, weight="100")]}) == {}
    assert v1.show(service_id)["status"] == "deploying"
    assert put(v1, service_id, {"status": "stopped", "schedule": schedule}) == {}
    v1.wait_status(service_id, "stopped")
