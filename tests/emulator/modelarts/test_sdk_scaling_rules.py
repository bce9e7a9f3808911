"""The official SDK drives the emulator's HPA (auto-scaling policy) endpoints unchanged."""

from __future__ import annotations

import pytest
from huaweicloudsdkmodelarts.v1 import (
    CreateHpaRequestBody,
    CreateInferDeploymentHpaRequest,
    CreateInferServiceRequest,
    DeleteInferDeploymentHpaRequest,
    HpaRules,
    ListInferDeploymentsRequest,
    ListInferDeploymentHpaEventsRequest,
    ShowInferDeploymentHpaRequest,
    StopInferDeploymentRequest,
    UpdateHpaRequestBody,
    UpdateInferDeploymentHpaRequest,
)

from modelarts_sdk_helpers import (
    group_config,
    new_deployment,
    service_body,
    unique_name,
    wait_deployment_status,
)
from modelarts_sdk_helpers import sdk_error as refused


@pytest.fixture
def deployment(client):
    """(service id, deployment id) of a RUNNING deployment on a dedicated pool."""
    service_id, dep_id = new_deployment(client)
    wait_deployment_status(client, service_id, dep_id, "RUNNING")
    return service_id, dep_id


def rule(name="scale-up", schedule="0 8 * * *", replicas=3, disable=False, **extra):
    return HpaRules(name=name, disable=disable, type="CRON_HPA", schedule=schedule, target_replicas=replicas, **extra)


def create(client, ids, rules, target=None, **extra):
    service_id, deployment_id = ids
    body = CreateHpaRequestBody(type="CRON_HPA", target_resource_id=target or deployment_id,
                                target_resource_type="GROUP", hpa_rules=rules, workspace_id="0", **extra)
    return client.create_infer_deployment_hpa(CreateInferDeploymentHpaRequest(
        service_id=service_id, deployment_id=deployment_id, body=body))


def show(client, ids):
    return client.show_infer_deployment_hpa(ShowInferDeploymentHpaRequest(service_id=ids[0], deployment_id=ids[1]))


def update(client, ids, rules):
    return client.update_infer_deployment_hpa(UpdateInferDeploymentHpaRequest(
        service_id=ids[0], deployment_id=ids[1], body=UpdateHpaRequestBody(id=ids[1], hpa_rules=rules)))


def test_policy_lifecycle(client, deployment):
    created = create(client, deployment, [rule(), rule("scale-down", "0 20 * * *", 1)])
    assert created.status == "ACTIVE" and created.target_resource_id == deployment[1]
    assert created.target_resource_type == "GROUP" and created.workspace_id == "0"
    assert (created.min_replicas, created.max_replicas) == (1, 3)
    assert [(r.name, r.disable, r.status, r.hpa_id) for r in created.hpa_rules] == [
        ("scale-up", "false", "CONFIG_SUCCESS", created.id), ("scale-down", "false", "CONFIG_SUCCESS", created.id)]

    shown = show(client, deployment)
    assert shown.id == created.id and [r.id for r in shown.hpa_rules] == [r.id for r in created.hpa_rules]

    # Per-rule edits: update one (keeps its id), delete one, add one.
    up_id, down_id = (r.id for r in created.hpa_rules)
    edited = update(client, deployment, [
        rule(replicas=5, id=up_id, operate="UPDATE"),
        rule("scale-down", "0 20 * * *", 1, id=down_id, operate="DELETE"),
        rule("noon-peak", "30 12 * * MON-FRI", 4, operate="ADD"),
    ])
    assert [(r.name, r.target_replicas) for r in edited.hpa_rules] == [("scale-up", 5), ("noon-peak", 4)]
    assert edited.hpa_rules[0].id == up_id

    # Without `operate`, the list replaces the rule set; all disabled -> INACTIVE.
    replaced = update(client, deployment, [rule(replicas=2, disable=True)])
    assert replaced.status == "INACTIVE" and [(r.name, r.disable) for r in replaced.hpa_rules] == [("scale-up", "true")]
    assert replaced.hpa_rules[0].id == up_id  # same name, same rule

    events = client.list_infer_deployment_hpa_events(ListInferDeploymentHpaEventsRequest(
        service_id=deployment[0], deployment_id=deployment[1], limit=2, sort_dir="ASC"))
    assert events.total >= 5 and events.size == 2 and events.pages >= 3
    assert events.data[0].hpa_id == created.id and events.data[0].status == "SUCCESS"
    assert "scale-up" in events.data[0].message and len(events.data[0].record_time) == 19

    deleted = client.delete_infer_deployment_hpa(DeleteInferDeploymentHpaRequest(
        service_id=deployment[0], deployment_id=deployment[1]))
    assert deleted.status == "DELETED"
    missing = refused(lambda: show(client, deployment))
    assert missing.status_code == 404 and missing.error_code == "ModelArts.3510"


def test_one_policy_per_deployment(client, deployment):
    create(client, deployment, [rule()])
    again = refused(lambda: create(client, deployment, [rule("other", "0 9 * * *")]))
    assert again.status_code == 400 and "already has an auto-scaling policy" in again.error_msg


@pytest.mark.parametrize("rules,field,why", [
    ([rule(f"rule-{i:02d}", f"{i} 8 * * *") for i in range(11)], "hpa_rules", "at most 10 periodic"),
    ([rule(), rule(schedule="0 9 * * *")], "hpa_rules[1].name", "duplicates the name"),
    ([rule(), rule("again", replicas=3)], "hpa_rules[1]", "same periodic rule"),
    ([HpaRules(name=f"metric-{i}", type="METRIC_HPA", schedule="* * * * *", target_replicas=2) for i in range(2)],
     "hpa_rules", "one rule per metric"),
    ([rule(schedule="0 0 8 * * *")], "hpa_rules[0].schedule", "5 fields"),
    ([rule(schedule="0 25 * * *")], "hpa_rules[0].schedule", "hour"),
    ([rule(replicas=0)], "hpa_rules[0].target_replicas", "between 1 and 128"),
    ([rule(replicas=129)], "hpa_rules[0].target_replicas", "between 1 and 128"),
    ([rule("Bad_Name")], "hpa_rules[0].name", "lower-case"),
])
def test_limits_are_enforced_with_the_field_named(client, deployment, rules, field, why):
    error = refused(lambda: create(client, deployment, rules))
    assert error.status_code == 400 and error.error_code == "ModelArts.4001"
    assert f"'{field}'" in error.error_msg and why in error.error_msg


def test_update_cannot_break_limits_or_touch_missing_rules(client, deployment):
    create(client, deployment, [rule()])
    added = [rule(f"rule-{i:02d}", f"{i} 9 * * *", operate="ADD") for i in range(10)]
    assert "at most 10 periodic" in refused(lambda: update(client, deployment, added)).error_msg
    ghost = refused(lambda: update(client, deployment, [rule("ghost-rule", operate="DELETE")]))
    assert "no rule 'ghost-rule'" in ghost.error_msg
    assert [r.name for r in show(client, deployment).hpa_rules] == ["scale-up"]  # all or nothing


def test_target_must_be_the_deployment_in_the_path(client, deployment):
    error = refused(lambda: create(client, deployment, [rule()], target="someone-else"))
    assert "target_resource_id" in error.error_msg


def test_public_pool_deployments_cannot_auto_scale(client):
    # A public-pool deployment can only come with its service.
    public = group_config("public")
    public.pool_id = None
    created = client.create_infer_service(CreateInferServiceRequest(body=service_body(unique_name(), [public])))
    service_id = created.id
    [dep] = client.list_infer_deployments(ListInferDeploymentsRequest(service_id=service_id)).data
    wait_deployment_status(client, service_id, dep.id, "RUNNING")
    error = refused(lambda: create(client, (service_id, dep.id), [rule()]))
    assert error.status_code == 400 and "dedicated resource pools" in error.error_msg


def test_rules_are_editable_only_when_stopped_running_or_concerning(client):
    service_id, dep_id = new_deployment(client)
    deploying = refused(lambda: create(client, (service_id, dep_id), [rule()]))
    assert "in status DEPLOYING" in deploying.error_msg
    wait_deployment_status(client, service_id, dep_id, "RUNNING")
    client.stop_infer_deployment(StopInferDeploymentRequest(service_id=service_id, deployment_id=dep_id))
    wait_deployment_status(client, service_id, dep_id, "STOPPED")
    assert create(client, (service_id, dep_id), [rule()]).status == "ACTIVE"


def test_unknown_deployment_is_404(client, deployment):
    error = refused(lambda: show(client, (deployment[0], "no-such-deployment")))
    assert error.status_code == 404 and error.error_code == "ModelArts.3503"
