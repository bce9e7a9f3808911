"""Autoscaler and cron scaler through the official SDK: per-service singletons, request ->
describe renaming, defaults and limits, the autoscaler owning the instance count."""

from __future__ import annotations

import json

import pytest

from eas_sdk_helpers import M, REGION, create, describe, refused, unique, wait_status

Strategy = M.CreateServiceAutoScalerRequestScaleStrategies
Behavior = M.CreateServiceAutoScalerRequestBehavior
Job = M.CreateServiceCronScalerRequestScaleJobs


def autoscaler_request(low=1, high=8, strategies=None, behavior=None):
    return M.CreateServiceAutoScalerRequest(
        min=low, max=high, behavior=behavior,
        scale_strategies=strategies or [Strategy(metric_name="qps", threshold=10),
                                        Strategy(metric_name="cpu", threshold=80)])


def test_autoscaler_create_describe_update_delete(eas):
    name = unique()
    create(eas, name, instance=2)
    behavior = Behavior(scale_down=M.CreateServiceAutoScalerRequestBehaviorScaleDown(
        stabilization_window_seconds=120))
    answer = eas.create_service_auto_scaler(REGION, name, autoscaler_request(
        1, 8, behavior=behavior)).body
    assert answer.request_id and "1 to 8" in answer.message
    described = eas.describe_service_auto_scaler(REGION, name).body
    assert (described.service_name, described.min_replica, described.max_replica) == (name, 1, 8)
    assert [(s.metric_name, s.threshold, s.service) for s in described.scale_strategies] == [
        ("QPS", 10, name), ("CPU", 80, name)]
    assert described.behavior == {
        "onZero": {"scaleDownGracePeriodSeconds": 600, "scaleUpActivationReplicas": 1},
        "scaleDown": {"stabilizationWindowSeconds": 120},
        "scaleUp": {"stabilizationWindowSeconds": 0}}
    assert {m.metric_name for m in described.current_metrics} == {"QPS", "CPU"}
    refused(lambda: eas.create_service_auto_scaler(REGION, name, autoscaler_request()))
    update_request = M.UpdateServiceAutoScalerRequest(
        min=2, max=4, scale_strategies=[M.UpdateServiceAutoScalerRequestScaleStrategies(
            metric_name="gpu[util]", threshold=60)])
    eas.update_service_auto_scaler(REGION, name, update_request)
    described = eas.describe_service_auto_scaler(REGION, name).body
    assert (described.min_replica, described.max_replica) == (2, 4)
    assert described.scale_strategies[0].metric_name == "GPU[UTIL]"
    assert eas.delete_service_auto_scaler(REGION, name).body.request_id
    error = refused(lambda: eas.describe_service_auto_scaler(REGION, name), 404)
    assert error.code == "InvalidAutoscaler.NotFound"
    refused(lambda: eas.delete_service_auto_scaler(REGION, name), 404)
    refused(lambda: eas.update_service_auto_scaler(REGION, name, update_request), 404)


@pytest.mark.parametrize("low, high, strategies, field", [
    (4, 4, None, "max"),
    (-1, 4, None, "min"),
    (1, 4, [Strategy(metric_name="memory", threshold=10)], "metricName"),
    (1, 4, [Strategy(metric_name="qps")], "threshold"),
    (1, 4, [Strategy(metric_name="cpu", threshold=150)], "threshold"),
    (1, 4, [Strategy(metric_name="qps", threshold=-1)], "threshold"),
    (1, 4, [Strategy(threshold=5)], "metricName"),
])
def test_autoscaler_limits(eas, low, high, strategies, field):
    name = unique()
    create(eas, name)
    request = autoscaler_request(low, high, strategies)
    error = refused(lambda: eas.create_service_auto_scaler(REGION, name, request))
    assert field in error.message


def test_autoscaler_needs_its_required_fields(eas):
    name = unique()
    create(eas, name)
    for missing in ("min", "max", "scale_strategies"):
        request = autoscaler_request()
        setattr(request, missing, None)
        refused(lambda: eas.create_service_auto_scaler(REGION, name, request))


def test_the_autoscaler_owns_the_instance_count(eas):
    name = unique()
    create(eas, name, instance=1)
    wait_status(eas, name, "Running")
    eas.create_service_auto_scaler(REGION, name, autoscaler_request(3, 6))
    scaling = describe(eas, name)
    assert scaling.status == "Scaling" and scaling.total_instance == 3
    assert json.loads(scaling.service_config)["metadata"]["instance"] == 3  # drift, by design
    assert wait_status(eas, name, "Running").running_instance == 3
    assert scaling.latest_version == 1


def test_cron_scaler_create_describe_update_delete(eas):
    name = unique()
    create(eas, name)
    request = M.CreateServiceCronScalerRequest(
        scale_jobs=[Job(name="morning", schedule="0 0 8 * * *", target_size=4),
                    Job(name="night", schedule="0 0 22 * * *", target_size=1)],
        exclude_dates=["* * * * * 0,6"])
    assert eas.create_service_cron_scaler(REGION, name, request).body.request_id
    described = eas.describe_service_cron_scaler(REGION, name).body
    assert described.service_name == name and described.exclude_dates == ["* * * * * 0,6"]
    jobs = {j.name: j for j in described.scale_jobs}
    assert (jobs["morning"].schedule, jobs["morning"].target_size) == ("0 0 8 * * *", 4)
    assert jobs["morning"].create_time.endswith("Z") and jobs["morning"].state
    refused(lambda: eas.create_service_cron_scaler(REGION, name, request))
    eas.update_service_cron_scaler(REGION, name, M.UpdateServiceCronScalerRequest(
        scale_jobs=[M.UpdateServiceCronScalerRequestScaleJobs(
            schedule="0 30 9 * * MON-FRI", target_size=2)]))
    described = eas.describe_service_cron_scaler(REGION, name).body
    assert [(j.schedule, j.target_size) for j in described.scale_jobs] == [
        ("0 30 9 * * MON-FRI", 2)]
    assert described.exclude_dates == []
    eas.delete_service_cron_scaler(REGION, name)
    assert refused(lambda: eas.describe_service_cron_scaler(REGION, name), 404).code == \
        "InvalidCronScaler.NotFound"


@pytest.mark.parametrize("schedule", [
    "0 8 * * *",            # 5 fields: cron here is seconds first
    "60 0 8 * * *",         # second out of range
    "0 0 24 * * *",         # hour out of range
    "0 0 8 32 * *",         # day of month out of range
    "0 0 8 * 13 *",         # month out of range
    "0 0 8 * * 7",          # day of week 0-6
    "0 0 8 * * FUNDAY",
    "0 */0 8 * * *",        # step 0
    "? 0 8 * * *",          # '?' only in the day fields
])
def test_cron_expressions_are_checked(eas, schedule):
    name = unique()
    create(eas, name)
    request = M.CreateServiceCronScalerRequest(scale_jobs=[Job(schedule=schedule, target_size=1)])
    assert "ScaleJobs[0].Schedule" in refused(
        lambda: eas.create_service_cron_scaler(REGION, name, request)).message


@pytest.mark.parametrize("schedule", ["0 0 8 * * *", "*/30 * * * * ?", "0 0 9-17/2 1,15 JAN-MAR *",
                                      "0 18 * * * *", "0 0 0 ? * SUN"])
def test_valid_cron_expressions(eas, schedule):
    name = unique()
    create(eas, name)
    request = M.CreateServiceCronScalerRequest(scale_jobs=[Job(schedule=schedule, target_size=1)])
    eas.create_service_cron_scaler(REGION, name, request)


def test_cron_job_rules(eas):
    name = unique()
    create(eas, name)
    twice = M.CreateServiceCronScalerRequest(scale_jobs=[
        Job(name="a", schedule="0 0 8 * * *", target_size=1),
        Job(name="a", schedule="0 0 9 * * *", target_size=1)])
    assert "unique" in refused(lambda: eas.create_service_cron_scaler(REGION, name, twice)).message
    no_size = M.CreateServiceCronScalerRequest(scale_jobs=[Job(schedule="0 0 8 * * *")])
    assert "TargetSize" in refused(
        lambda: eas.create_service_cron_scaler(REGION, name, no_size)).message
    empty = M.CreateServiceCronScalerRequest(scale_jobs=[])
    assert "ScaleJobs" in refused(lambda: eas.create_service_cron_scaler(REGION, name, empty)).message
    bad_exclude = M.CreateServiceCronScalerRequest(
        scale_jobs=[Job(schedule="0 0 8 * * *", target_size=1)], exclude_dates=["weekends"])
    assert "ExcludeDates[0]" in refused(
        lambda: eas.create_service_cron_scaler(REGION, name, bad_exclude)).message
