"""CanaryRelease under Pulumi mocks: one TrafficShift child, parented, named after the component, outputs registered."""

from __future__ import annotations

import pulumi
import pytest

from inference_iac.components.canary import TYPE, CanaryRelease, CanaryReleaseArgs, GateArgs

SHIFT_TYPE = "pulumi-python:dynamic/modelarts:TrafficShift"


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.created: list[pulumi.runtime.MockResourceArgs] = []
        self.registered_outputs: dict = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.created.append(args)
        if args.typ == SHIFT_TYPE:
            final = args.inputs["steps"][-1]
            outs = {**args.inputs, "canary_weight": final, "stable_weight": 100 - final,
                    "current_step": len(args.inputs["steps"]), "status": "promoted"}
            ids = (args.inputs["service_id"], args.inputs["stable_deployment_id"], args.inputs["canary_deployment_id"])
            return "/".join(ids), outs
        # A Deployment's `deployment_id` output is its id.
        return f"{args.name}-id", {**args.inputs, "deployment_id": f"{args.name}-id"}

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


@pytest.fixture
def mocks(use_mocks):
    return use_mocks(Mocks())


@pulumi.runtime.test
def test_creates_one_parented_shift_named_after_the_component(mocks):
    release = CanaryRelease("checkout", CanaryReleaseArgs(service_id="svc", stable="dep-stable", canary="dep-canary",
                                                          steps=[25, 100], bake_seconds=30,
                                                          gate=GateArgs(max_unhealthy_instances=1, fail_on_events=False)))

    def check(values):
        urn, shift_urn, canary_weight, status = values
        shifts = [r for r in mocks.created if r.typ == SHIFT_TYPE]
        assert [r.name for r in shifts] == ["checkout-shift"]
        inputs = shifts[0].inputs
        assert (inputs["service_id"], inputs["stable_deployment_id"], inputs["canary_deployment_id"]) == (
            "svc", "dep-stable", "dep-canary")
        assert (inputs["steps"], inputs["bake_seconds"], inputs["max_unhealthy_instances"], inputs["require_running"]) == (
            [25, 100], 30, 1, True)
        assert inputs["fail_on_events"] is False and "timeout_seconds" not in inputs
        # Parented: the child's URN nests the component's type.
        assert f"{TYPE}${SHIFT_TYPE}::checkout-shift" in shift_urn
        assert urn.endswith(f"{TYPE}::checkout")
        assert (canary_weight, status) == (100, "promoted")

    return pulumi.Output.all(release.urn, release.shift.urn, release.canary_weight, release.status).apply(check)


@pulumi.runtime.test
def test_accepts_deployment_resources_and_registers_outputs(mocks, monkeypatch):
    from inference_iac.modelarts.resources.deployment import Deployment

    registered = {}
    original = pulumi.ComponentResource.register_outputs

    def spy(self, outputs):
        registered.update(outputs)
        return original(self, outputs)

    monkeypatch.setattr(pulumi.ComponentResource, "register_outputs", spy)
    unit = [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}]
    stable = Deployment("stable", {"service_id": "svc", "unit_configs": unit})
    canary = Deployment("canary", {"service_id": "svc", "unit_configs": unit})
    release = CanaryRelease("rel", CanaryReleaseArgs(service_id="svc", stable=stable, canary=canary, timeout_seconds=60))

    assert set(registered) == {"shift_id", "canary_weight", "stable_weight", "current_step", "status"}

    def check(values):
        shift_id, step = values
        [shift] = [r for r in mocks.created if r.typ == SHIFT_TYPE]
        assert shift.inputs["steps"] == [10, 50, 100] and shift.inputs["timeout_seconds"] == 60
        # Deployment resources are turned into their ids.
        assert (shift.inputs["stable_deployment_id"], shift.inputs["canary_deployment_id"]) == ("stable-id", "canary-id")
        assert shift_id == "svc/stable-id/canary-id" and step == 3

    return pulumi.Output.all(release.shift.id, release.current_step).apply(check)
