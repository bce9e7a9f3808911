"""TrafficShift provider methods against a running emulator: a full shift, a failed gate, a resumed shift."""

from __future__ import annotations

import pytest
from support import configured

from inference_iac.modelarts.models.traffic_shift import TrafficShiftSpec
from inference_iac.core.traffic_shift.planner import Weights
from inference_iac.core.poll import Waits
from inference_iac.modelarts.ids import TRAFFIC_SHIFT_ID
from inference_iac.modelarts.models.deployment import update_body
from inference_iac.modelarts.reconcilers import traffic_shift
from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.resources.service import ServiceProvider
from inference_iac.modelarts.reconcilers.traffic_shift import GateFailed
from inference_iac.modelarts.resources.traffic_shift import TrafficShiftProvider


def deployment_inputs(service_id, name, weight):
    return {"service_id": service_id, "name": name, "count": 1, "pool_id": "pool-dedicated-0001", "weight": weight,
            "unit_configs": [{"image": {"swr_path": f"swr.example/org/{name}:1"}, "flavor": "modelarts.vm.cpu.2u"}]}


@pytest.fixture
def pair(live_emulator, request):
    """(service id, stable id, canary id): stable at weight 100, canary RUNNING at weight 0."""
    services = configured(ServiceProvider(), live_emulator)
    svc_inputs = services.check({}, {"name": f"svc-shift-{request.node.name[5:30]}".replace("_", "-")}).inputs
    svc = services.create(svc_inputs)
    deployments = configured(DeploymentProvider(), live_emulator)
    ids = [deployments.create(deployments.check({}, deployment_inputs(svc.id, name, weight)).inputs).id
           for name, weight in (("stable", 100), ("canary", 0))]
    yield svc.id, ids[0], ids[1]
    services.delete(svc.id, {**svc_inputs, **svc.outs})


@pytest.fixture
def provider(live_emulator):
    return configured(TrafficShiftProvider(), live_emulator)


@pytest.fixture
def bakes(monkeypatch):
    """Bake hooks: a list of callables run, in order, one per bake instead of sleeping."""
    hooks: list = []
    monkeypatch.setattr(traffic_shift, "bake", lambda seconds: hooks.pop(0)() if hooks else None)
    return hooks


def inputs(provider, pair, **overrides):
    checked = provider.check({}, {"service_id": pair[0], "stable_deployment_id": pair[1],
                                  "canary_deployment_id": pair[2], "steps": [10, 50, 100], **overrides})
    assert checked.failures == []
    return checked.inputs


def weights(provider, pair):
    client = provider.client()
    return (client.deployments.get(pair[0], pair[2])["weight"], client.deployments.get(pair[0], pair[1])["weight"])


def versions(provider, pair):
    client = provider.client()
    return [client.deployments.get(pair[0], d)["version"] for d in pair[1:]]


def test_full_shift_promotes_without_new_versions(provider, pair, capsys):
    before = versions(provider, pair)
    props = inputs(provider, pair)
    created = provider.create(props)
    assert TRAFFIC_SHIFT_ID.split(created.id) == pair
    assert {k: created.outs[k] for k in ("current_step", "canary_weight", "stable_weight", "status")} == {
        "current_step": 3, "canary_weight": 100, "stable_weight": 0, "status": "promoted"}
    assert weights(provider, pair) == (100, 0)
    assert versions(provider, pair) == before, "a weight change must not roll out a new version"
    log = capsys.readouterr().err
    assert [f"step {n}/3" in log for n in (1, 2, 3)] == [True, True, True]

    outs = {**props, **created.outs}
    assert provider.diff(created.id, outs, props).changes is False
    assert provider.read(created.id, outs).outs["status"] == "promoted"
    # Import-style read (no inputs at all) still yields valid inputs.
    imported = provider.read(created.id, {})
    assert imported.inputs["steps"] == [100] and imported.outs["canary_weight"] == 100


def test_failed_gate_restores_the_starting_weights(provider, pair, bakes, live_emulator):
    service_id, _, canary_id = pair
    client = provider.client()

    def break_canary():
        # The canary's upgrade fails and rolls back: an ABNORMAL service event during the bake.
        live_emulator.add_fault("deploy_fails", match="canary", count=1)
        live = client.deployments.get(service_id, canary_id)
        body = update_body(live, {"weight": live["weight"]})
        body["unit_configs"][0]["envs"] = {"BROKEN": "1"}
        client.deployments.update(service_id, canary_id, body)
        from inference_iac.modelarts.waiters.deployment import wait_deployment_in

        wait_deployment_in(client, service_id, canary_id, {"RUNNING"}, Waits(30))

    bakes.extend([lambda: None, break_canary])
    with pytest.raises(GateFailed) as failure:
        provider.create(inputs(provider, pair, bake_seconds=1))
    message = str(failure.value)
    assert "gate of step 2/3 (canary 50%) failed" in message
    assert "[ABNORMAL] Update of deployment [canary] failed" in message
    assert "Rolled back to the starting weights (canary 0, stable 100)" in message
    assert weights(provider, pair) == (0, 100)


def test_unhealthy_instances_fail_the_gate_unless_allowed(provider, pair, bakes):
    service_id, _, canary_id = pair
    client = provider.client()
    stop = lambda: client.deployments.stop(service_id, canary_id)  # noqa: E731  (instances go away, status STOPPING)
    bakes.append(stop)
    with pytest.raises(GateFailed, match=r"step 1/3 \(canary 10%\) failed: canary deployment canary is STOP"):
        provider.create(inputs(provider, pair, bake_seconds=1))
    assert weights(provider, pair) == (0, 100)


def test_interrupted_create_resumes_from_the_live_step(provider, pair, capsys, monkeypatch):
    props = inputs(provider, pair)
    spec = TrafficShiftSpec.model_validate(provider.split(props)[0])
    # What a run killed after its first step leaves: step 1's weights, nothing in the state.
    provider.reconciler("shift", provider.split(props)[1]).set_weights(spec, Weights(0, 100), Weights(10, 90))
    applied = []
    original = traffic_shift.TrafficShiftReconciler.set_weights
    monkeypatch.setattr(traffic_shift.TrafficShiftReconciler, "set_weights",
                        lambda self, s, current, w: (applied.append(w), original(self, s, current, w)))
    created = provider.create(props)
    assert applied == [Weights(50, 50), Weights(100, 0)], "step 1 must not be applied again"
    assert created.outs["status"] == "promoted" and weights(provider, pair) == (100, 0)
    assert "step 1/3 (canary 10, stable 90) is already live; resuming there" in capsys.readouterr().err


def test_interrupted_update_restores_the_recorded_weights_on_failure(provider, pair, bakes):
    service_id, stable_id, canary_id = pair
    props = inputs(provider, pair, steps=[20])
    created = provider.create(props)
    outs = {**props, **created.outs}
    assert weights(provider, pair) == (20, 80)
    # A later change to the steps was interrupted at 50/50; its state still says 20/80.
    client = provider.client()
    for dep_id, weight in ((canary_id, 50), (stable_id, 50)):
        client.deployments.update(service_id, dep_id,
                                  update_body(client.deployments.get(service_id, dep_id), {"weight": weight}))
    news = inputs(provider, pair, steps=[50, 100], bake_seconds=1)
    diff = provider.diff(created.id, outs, news)
    assert diff.changes and not diff.replaces
    bakes.append(lambda: client.deployments.stop(service_id, canary_id))
    with pytest.raises(GateFailed, match=r"step 1/2 \(canary 50%\) failed.*starting weights \(canary 20, stable 80\)"):
        provider.update(created.id, outs, news)
    assert weights(provider, pair) == (20, 80)


def test_canary_turning_unhealthy_during_a_bake_rolls_back(provider, pair, bakes, live_emulator):
    # The emulator's `unhealthy` fault: the matching RUNNING deployment goes CONCERNING.
    bakes.extend([lambda: None, lambda: live_emulator.add_fault("unhealthy", match="canary")])
    try:
        with pytest.raises(GateFailed) as failure:
            provider.create(inputs(provider, pair, bake_seconds=1))
    finally:
        live_emulator.clear_faults()
    message = str(failure.value)
    assert "step 2/3 (canary 50%) failed: canary deployment canary is CONCERNING" in message
    assert "unhealthy instance(s)" in message and "at most 0 allowed" in message
    assert weights(provider, pair) == (0, 100)


def test_allowance_and_require_running_relax_the_gate(provider, pair, bakes, live_emulator):
    bakes.append(lambda: live_emulator.add_fault("unhealthy", match="canary"))
    try:
        created = provider.create(inputs(provider, pair, steps=[100], bake_seconds=1,
                                         max_unhealthy_instances=1, require_running=False,
                                         fail_on_events=False))
    finally:
        live_emulator.clear_faults()
    assert created.outs["status"] == "promoted" and weights(provider, pair) == (100, 0)


def test_events_alone_fail_the_gate(provider, pair, bakes, live_emulator):
    # Allowed an unhealthy instance and a CONCERNING status, the WARNING event still counts.
    bakes.append(lambda: live_emulator.add_fault("unhealthy", match="canary"))
    try:
        with pytest.raises(GateFailed) as failure:
            provider.create(inputs(provider, pair, steps=[100], bake_seconds=1,
                                   max_unhealthy_instances=1, require_running=False))
    finally:
        live_emulator.clear_faults()
    assert str(failure.value).count("failed:") == 1
    assert "failed: 1 new ABNORMAL/WARNING service event(s)" in str(failure.value)
    assert "[WARNING] Some instances of deployment [canary] failed their health check" in str(failure.value)
    assert weights(provider, pair) == (0, 100)
