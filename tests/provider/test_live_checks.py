"""What only the platform knows is judged at preview too: flavors, pools and the service quota."""

from __future__ import annotations

from support import configured

from inference_iac.modelarts.resources.deployment import DeploymentProvider
from inference_iac.modelarts.resources.service import ServiceProvider


def deployment_inputs(**overrides):
    return {"service_id": "svc-1", "name": "main", "pool_id": "pool-dedicated-0001",
            "unit_configs": [{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.2u"}],
            **overrides}


def test_unknown_flavor_and_pool_are_refused_naming_the_field(live_emulator):
    provider = configured(DeploymentProvider(), live_emulator)
    assert provider.check({}, deployment_inputs()).failures == []
    bad = provider.check({}, deployment_inputs(
        pool_id="pool-nowhere",
        unit_configs=[{"image": {"swr_path": "swr.example/org/app:1"}, "flavor": "modelarts.vm.cpu.999u"}]))
    reasons = sorted(f.reason for f in bad.failures)
    assert reasons[0].startswith("pool_id: 'pool-nowhere' is not a resource pool of this project")
    assert reasons[1].startswith("unit_configs[0].flavor: 'modelarts.vm.cpu.999u' is not offered in this region")


def test_an_unchanged_deployment_reads_no_catalogue(live_emulator):
    provider = configured(DeploymentProvider(), live_emulator)
    inputs = provider.check({}, deployment_inputs()).inputs
    before = live_emulator.api_requests()
    assert provider.check(inputs, inputs).failures == []
    assert live_emulator.api_requests() == before


def test_a_plan_past_the_service_quota_is_reported_at_preview(live_emulator, api):
    existing = {s["name"] for s in api.services.list_all()}
    provider = configured(ServiceProvider(), live_emulator)
    room = 20 - len(existing)
    results = [provider.check({}, {"name": f"quota-{index}"}) for index in range(room + 1)]
    assert all(r.failures == [] for r in results[:room])
    [failure] = results[room].failures
    assert failure.property == "name" and "more than its quota of 20" in failure.reason
