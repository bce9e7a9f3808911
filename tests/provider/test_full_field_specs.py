"""Specs using every field: the emulator accepts them, and reading them back plans nothing."""

from support import FULL_DEPLOYMENT_INPUTS, FULL_SERVICE_INPUTS, configured

from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.core.plan import Action
from inference_iac.core.poll import Waits
from inference_iac.modelarts.reconcilers.deployment import DeploymentReconciler
from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.resources.service import ServiceProvider


def test_full_specs_round_trip_through_the_emulator_without_drift(live_emulator):
    services = configured(ServiceProvider(), live_emulator)
    inputs = services.check({}, {**FULL_SERVICE_INPUTS, "name": "full-fields"}).inputs
    created = services.create(inputs)
    outs = {**inputs, **created.outs}
    assert services.diff(created.id, outs, inputs).changes is False

    deployments = configured(DeploymentProvider(), live_emulator)
    dep_inputs = deployments.check({}, {**FULL_DEPLOYMENT_INPUTS, "service_id": created.id}).inputs
    dep = deployments.create(dep_inputs)
    dep_outs = {**dep_inputs, **dep.outs}
    assert deployments.diff(dep.id, dep_outs, dep_inputs).changes is False
    desired = DeploymentSpec.model_validate({k: v for k, v in dep_inputs.items()
                                             if k not in ("timeout_seconds", "allow_replace")})
    reconciler = DeploymentReconciler(deployments.client(), Waits())
    plan = reconciler.plan(created.id, desired, deployments.client().deployments.get(created.id, dep.id))
    assert plan.action is Action.NOOP, plan.summary()

    deployments.delete(dep.id, dep_outs)
    services.delete(created.id, outs)
