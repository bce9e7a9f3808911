"""ModelArts v1 provider methods (check/diff/create/read/update/delete) against a running emulator."""

from __future__ import annotations

import pytest
from support import configured

from inference_iac.core.errors import ReportedError
from inference_iac.core.replace import ReplaceRefused
from inference_iac.modelarts.v1.client import ClientConfig, ModelArtsV1Client
from inference_iac.modelarts.v1.resources.model import ModelProvider
from inference_iac.modelarts.v1.resources.service import ServiceProvider

CPU = "modelarts.vm.cpu.2u"


@pytest.fixture(scope="module")
def v1(live_emulator):
    config = ClientConfig(endpoint=live_emulator.endpoint, access_key=live_emulator.access_key,
                          secret_key=live_emulator.secret_key, project_id=live_emulator.project_id)
    with ModelArtsV1Client(config) as client:
        yield client


@pytest.fixture
def models(live_emulator):
    return configured(ModelProvider(), live_emulator)


@pytest.fixture
def services(live_emulator):
    return configured(ServiceProvider(), live_emulator)


def model_inputs(name, version="1.0.0", **extra):
    return {"model_name": name, "model_version": version, "source_location": f"swr.example.com/org/{name}:{version}",
            **extra}


def entry(model_id, weight=100, **extra):
    return {"model_id": model_id, "specification": CPU, "instance_count": 1, "weight": weight, **extra}


def created(provider, inputs):
    checked = provider.check({}, inputs)
    assert checked.failures == [], [f.reason for f in checked.failures]
    result = provider.create(checked.inputs)
    return result.id, result.outs


def failures(result):
    return [f.reason for f in result.failures]


def test_bad_input_is_refused_at_check_without_calling_the_api():
    result = ServiceProvider().check({}, {"service_name": "svc", "config": [entry("m1", weight=70)]})
    assert failures(result) == ["config[0].weight: the weights of a real-time service must sum to 100, got 70"]
    result = ModelProvider().check({}, model_inputs("m", "01.0.0"))
    assert [f.property for f in result.failures] == ["model_version"]


def test_values_not_known_yet_are_not_judged_and_do_not_hide_the_others():
    from pulumi.output import Unknown

    # A model id made in the same run is unknown at preview (the engine's `Unknown`).
    assert ServiceProvider().check({}, {"service_name": "svc", "config": [entry(Unknown())]}).failures == []
    result = ServiceProvider().check({}, {"service_name": "svc", "config": [entry(Unknown(), weight="70")]})
    assert failures(result) == ["config[0].weight: the weights of a real-time service must sum to 100, got 70"]


def test_what_only_the_platform_knows_is_refused_at_check(services, models):
    model_id, _ = created(models, model_inputs("batch-only", install_type=["batch"]))
    result = services.check({}, {"service_name": "svc-bad", "pool_name": "pool-nope", "config": [
        entry("no-such-model", 50, specification="modelarts.vm.cpu.99u"), entry(model_id, 50)]})
    reasons = failures(result)
    assert any(r.startswith("pool_name: 'pool-nope' is not a resource pool of this project") for r in reasons)
    assert any(r.startswith("config[0].specification: 'modelarts.vm.cpu.99u' is not a flavor this region offers")
               for r in reasons)
    assert "config[0].model_id: no model 'no-such-model' in this project" in reasons
    assert any(r.startswith("config[1].model_id: model batch-only 1.0.0 may be deployed as batch, not as a "
                            "real-time service") for r in reasons)


def test_model_lifecycle_and_a_delete_refused_while_a_service_uses_it(models, services, v1):
    model_id, outs = created(models, model_inputs("life", initial_config={"port": 8080}))
    assert v1.models.get(model_id)["model_status"] == "published"
    assert models.diff(model_id, outs, outs).changes is False
    assert models.read(model_id, outs).outs == outs

    # A new version is a new model beside the old one; a new source for the same version replaces it in place.
    new_version = models.diff(model_id, outs, {**outs, "model_version": "1.0.1"})
    assert new_version.replaces and new_version.delete_before_replace is False
    same_version = models.diff(model_id, outs, {**outs, "source_location": "swr.example.com/org/life:2"})
    assert same_version.replaces and same_version.delete_before_replace is True

    imported = models.read(model_id, model_inputs("life", initial_config={"port": 8080}))
    assert imported.outs["model_id"] == model_id and imported.inputs["initial_config"] == {"port": 8080}

    service_id, svc = created(services, {"service_name": "svc-user", "config": [entry(model_id)]})
    with pytest.raises(ReportedError, match="ModelArts.3009.*svc-user.*request id"):
        models.delete(model_id, outs)
    services.delete(service_id, svc)
    models.delete(model_id, outs)
    assert v1.models.find_by_id(model_id) is None


def test_service_lifecycle(models, services, v1, live_emulator):
    first, _ = created(models, model_inputs("svc-life"))
    second, _ = created(models, model_inputs("svc-life", "1.0.1"))
    service_id, outs = created(services, {"service_name": "svc-life", "description": "first",
                                          "config": [entry(first)]})
    live = v1.services.get(service_id)
    assert live["status"] == "running" and outs["access_address"] == live["access_address"]
    assert services.diff(service_id, outs, outs).changes is False
    # A refresh without drift reads back exactly what was applied (no platform fill-ins such as empty envs).
    assert services.read(service_id, outs).outs == outs
    # What the platform's catalogue judges is read only when it changes: a no-op check makes no call.
    calls = services.client().calls
    assert services.check(outs, {**outs, "description": "next"}).failures == []
    assert services.client().calls == calls

    # In place: description and weights, sent in one update; the service redeploys on the new config.
    split = {**outs, "description": "split", "config": [entry(first, "70"), entry(second, 30)]}
    assert services.check(outs, split).failures == []
    diff = services.diff(service_id, outs, split)
    assert diff.changes and not diff.replaces
    outs = services.update(service_id, outs, split).outs
    live = v1.services.get(service_id)
    assert [c["weight"] for c in live["config"]] == [70, 30] and live["description"] == "split"
    assert services.diff(service_id, outs, outs).changes is False

    # Stop, then start with a new config: the config first (kept while stopped), then the status.
    stopped = services.update(service_id, outs, {**outs, "state": "stopped"}).outs
    assert v1.services.get(service_id)["status"] == "stopped"
    assert services.diff(service_id, stopped, stopped).changes is False
    back = {**stopped, "state": "running", "config": [entry(first, 100, instance_count=2)]}
    outs = services.update(service_id, stopped, back).outs
    live = v1.services.get(service_id)
    assert live["status"] == "running" and live["config"][0]["instance_count"] == 2

    # Drift shows in a read, and a diff plans it back.
    v1.services.update(service_id, {"description": "by hand"})
    read = services.read(service_id, outs)
    assert read.outs["description"] == "by hand"
    assert services.diff(service_id, read.outs, outs).changes is True

    # A replace-only field is refused when replacing is not allowed, naming the field and why.
    with pytest.raises(ReplaceRefused, match="workspace_id: the v1 update API does not take it"):
        services.diff(service_id, outs, {**outs, "workspace_id": "ws-2", "allow_replace": False})

    # An update the platform rolls back fails with its events; the service keeps serving the old config.
    live_emulator.add_fault("deploy_fails", match="svc-life", count=1)
    with pytest.raises(ReportedError, match="rolled back by the platform.*The update has been rolled back"):
        services.update(service_id, outs, {**outs, "config": [entry(second, 100)]})
    assert v1.services.get(service_id)["config"][0]["model_id"] == first

    # Import: read by id with the program's inputs, then nothing to change.
    program = {"service_name": "svc-life", "description": "split", "config": [entry(first, 100, instance_count=2)]}
    imported = services.read(service_id, program)
    assert imported.id == service_id
    assert imported.inputs["config"] == program["config"]
    options = {k: imported.outs[k] for k in ("timeout_seconds", "allow_replace")}
    assert services.diff(service_id, imported.outs, {**program, **options}).changes is False

    services.delete(service_id, outs)
    assert v1.services.find(service_id) is None


def test_a_create_adopts_what_an_interrupted_run_left(models, services, v1):
    model_id, _ = created(models, model_inputs("left"))
    left = v1.services.create({"service_name": "svc-left", "infer_type": "real-time", "config": [entry(model_id)]})
    service_id, outs = created(services, {"service_name": "svc-left", "description": "adopted",
                                          "config": [entry(model_id)]})
    assert service_id == left["service_id"]
    assert [s["service_id"] for s in v1.services.list(service_name="svc-left")] == [service_id]
    assert v1.services.get(service_id)["description"] == "adopted"
    services.delete(service_id, outs)


def test_a_new_service_past_the_quota_is_refused_at_check(models, services, v1, monkeypatch):
    from inference_iac.modelarts import catalogue

    model_id, _ = created(models, model_inputs("quota"))
    monkeypatch.setattr(catalogue, "_catalogues", {})  # a new run: the catalogue is read once per run
    existing = [s for s in v1.services.list() if s.get("infer_type") == "real-time"]
    made = [v1.services.create({"service_name": f"fill-{i}", "infer_type": "real-time", "config": [entry(model_id)]})
            for i in range(20 - len(existing))]
    try:
        result = services.check({}, {"service_name": "one-too-many", "config": [entry(model_id)]})
        assert any(r.startswith("service_name: the project would hold 21 real-time v1 services, more than its "
                                "quota of 20") for r in failures(result))
    finally:
        for service in made:
            v1.services.delete(service["service_id"])
