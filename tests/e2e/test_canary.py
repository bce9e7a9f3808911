"""CanaryRelease through the real `pulumi` CLI: a full promotion, a failed gate that rolls back, a resumed shift."""

from __future__ import annotations

import pytest
from pulumi import automation as auto

from conftest import set_config
from inference_iac.modelarts.models.deployment import update_body

pytestmark = pytest.mark.e2e


def outputs(result):
    return {key: value.value for key, value in result.outputs.items()}


def live_weights(api, made):
    """(canary weight, stable weight) as the API reports them."""
    service_id = made["service_id"]
    return (api.deployments.get(service_id, made["canary_deployment_id"])["weight"],
            api.deployments.get(service_id, made["stable_deployment_id"])["weight"])


def live_weights_gone(api, made):
    return all(api.deployments.find(made["service_id"], made[f"{r}_deployment_id"]) is None
               for r in ("canary", "stable"))


def set_weights(api, made, canary, stable):
    for role, weight in (("canary", canary), ("stable", stable)):
        deployment_id = made[f"{role}_deployment_id"]
        live = api.deployments.get(made["service_id"], deployment_id)
        api.deployments.update(made["service_id"], deployment_id, update_body(live, {"weight": weight}))


def deployments_first(project_runner, prefix):
    """The stack without its release: both deployments RUNNING, stable 100, canary 0."""
    runner = project_runner("canary", {"prefix": prefix, "release": "false"})
    return runner, outputs(runner.up())


def test_promotion_then_no_op(project_runner, api):
    runner, made = deployments_first(project_runner, "canary-ok")
    assert live_weights(api, made) == (0, 100)
    versions = [api.deployments.get(made["service_id"], made[f"{r}_deployment_id"])["version"] for r in ("canary", "stable")]

    set_config(runner, {"prefix": "canary-ok", "release": "true"})
    up = runner.up()
    done = outputs(up)
    assert (done["canary_weight"], done["stable_weight"], done["current_step"], done["release_status"]) == (
        100, 0, 3, "promoted")
    assert live_weights(api, made) == (100, 0)
    assert all(f"step {n}/3: canary" in up.stdout for n in (1, 2, 3))
    # Weights moved in place: no deployment rolled out a new version.
    assert [api.deployments.get(made["service_id"], made[f"{r}_deployment_id"])["version"]
            for r in ("canary", "stable")] == versions
    # The deployments no longer declare a weight, so they do not fight the release.
    runner.preview(expect_no_changes=True)

    # New steps and bake time with the last step already live: recorded in place, no traffic moves.
    set_config(runner, {"prefix": "canary-ok", "release": "true", "steps": "25,100", "bakeSeconds": 1})
    preview = runner.preview()
    assert preview.change_summary.get("update") == 1 and "replace" not in preview.change_summary
    assert "TrafficShift" in preview.stdout and "in-place update (steps: [10, 50, 100] -> [25, 100]" in preview.stdout
    up = runner.up()
    assert "step 1/2" not in up.stdout and outputs(up)["current_step"] == 2
    runner.preview(expect_no_changes=True)
    runner.destroy()
    assert live_weights_gone(api, made)


def test_failed_gate_restores_the_starting_weights(project_runner, api, live_emulator):
    runner, made = deployments_first(project_runner, "canary-bad")
    live_emulator.add_fault("unhealthy", match="canary-bad-canary")
    try:
        set_config(runner, {"prefix": "canary-bad", "release": "true"})
        with pytest.raises(auto.CommandError) as failure:
            runner.up()
        message = str(failure.value)
        assert "gate of step 1/3 (canary 10%) failed" in message
        assert "canary deployment canary-bad-canary is CONCERNING" in message
        assert "Rolled back to the starting weights (canary 0, stable 100)" in message
        assert live_weights(api, made) == (0, 100)
    finally:
        live_emulator.clear_faults()
    # Healthy again: the next run starts the shift over and promotes.
    done = outputs(runner.up())
    assert done["release_status"] == "promoted" and live_weights(api, made) == (100, 0)
    runner.destroy()


def test_interrupted_shift_resumes_from_the_live_step(project_runner, api):
    runner, made = deployments_first(project_runner, "canary-resume")
    # What a run killed right after applying its first step leaves behind: step 1's weights, no state.
    set_weights(api, made, canary=10, stable=90)

    set_config(runner, {"prefix": "canary-resume", "release": "true"})
    up = runner.up()
    assert "step 1/3 (canary 10, stable 90) is already live; resuming there" in up.stdout
    assert "step 1/3: canary" not in up.stdout, "step 1 must not be applied again"
    assert "step 2/3: canary 50, stable 50" in up.stdout and "step 3/3: canary 100, stable 0" in up.stdout
    done = outputs(up)
    assert (done["current_step"], done["release_status"]) == (3, "promoted")
    assert live_weights(api, made) == (100, 0)

    # Interrupted again, this time an update half-way back: the preview names the step it resumes at.
    set_weights(api, made, canary=50, stable=50)
    runner.refresh()
    preview = runner.preview()
    assert "live weights are step 2/3: the shift resumes there" in preview.stdout
    assert "step 3/3: canary 100, stable 0" in runner.up().stdout
    runner.preview(expect_no_changes=True)
    runner.destroy()
