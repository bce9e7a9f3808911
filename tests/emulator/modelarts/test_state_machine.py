"""The lifecycle rules themselves, without HTTP."""

from __future__ import annotations

import pytest

from inference_iac.emulator.modelarts.state.common import TransitionNotAllowed
from inference_iac.emulator.modelarts.state.deployment import Deployment
from inference_iac.emulator.modelarts.state.service import aggregate_status


@pytest.mark.parametrize("statuses,expected", [
    ([], "INIT"),
    (["RUNNING", "DEPLOYING"], "DEPLOYING"),
    (["RUNNING", "UPGRADING"], "UPGRADING"),
    (["STOPPED", "STOPPED"], "STOPPED"),
    (["RUNNING", "STOPPED"], "RUNNING"),
    (["RUNNING", "ERROR"], "CONCERNING"),
    (["ERROR", "STOPPED"], "ERROR"),
    (["FAILED", "FAILED"], "FAILED"),
])
def test_service_status_aggregate(statuses, expected):
    assert aggregate_status(statuses) == expected


def new_deployment(now=100.0, delay=3.0):
    return Deployment.create("svc", "dep", {"count": 1}, None, now, delay)


def test_deploying_becomes_running_at_due_time():
    dep = new_deployment()
    assert dep.advance(102.9) == [] and dep.status == "DEPLOYING"
    [change] = dep.advance(103.0)
    assert (change.old, change.new, change.at) == ("DEPLOYING", "RUNNING", 103.0)


def test_update_bumps_version_and_scale_does_not():
    dep = new_deployment()
    dep.advance(200)
    dep.update("dep", {"count": 1, "x": 1}, 201, 3.0)
    assert (dep.status, dep.version, dep.version_count) == ("UPGRADING", "1.0.1", 2)
    dep.advance(204)
    dep.scale(5, 205)
    assert (dep.version, dep.version_count, dep.config["count"]) == ("1.0.1", 2, 5)


def test_guards():
    dep = new_deployment()
    with pytest.raises(TransitionNotAllowed):
        dep.start(101, 3.0)
    with pytest.raises(TransitionNotAllowed):
        dep.stop(101, 0.0)
    dep.advance(200)
    with pytest.raises(TransitionNotAllowed):
        dep.interrupt(201)
