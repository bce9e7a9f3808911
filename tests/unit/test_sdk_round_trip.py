"""Every request body the provider produces survives the official SDK's model classes.

A field the SDK does not know would be dropped on the way through, so this
catches misspelled or invented field names against the ground truth.
"""

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization
from huaweicloudsdkmodelarts.v1 import ModelArtsClient

from inference_iac.modelarts.models.api_key import ApiKeySpec
from inference_iac.modelarts.models.deployment import DeploymentSpec
from inference_iac.modelarts.models.intranet_connection import IntranetConnectionSpec
from inference_iac.modelarts.models.scaling_rule import ScalingRuleSpec
from inference_iac.modelarts.models.scaling_rule import LivePolicy
from inference_iac.modelarts.planner.scaling_rule import rule_edits
from inference_iac.modelarts.models.service import ServiceSpec
from support import FULL_DEPLOYMENT_INPUTS, FULL_SERVICE_INPUTS
from inference_iac.modelarts.client.deployments import decoded
from inference_iac.modelarts.models.deployment import update_body

FULL_SERVICE = ServiceSpec.model_validate(FULL_SERVICE_INPUTS)
FULL_DEPLOYMENT = DeploymentSpec.model_validate(FULL_DEPLOYMENT_INPUTS)


FULL_API_KEY = ApiKeySpec.model_validate({
    "name": "full-key",
    "description": "every field the create API knows",
    "scope": "SERVICE",
    "service_ids": ["svc-1"],  # bindings go through bind/unbind, not the create body
})


FULL_SCALING_RULE = ScalingRuleSpec.model_validate({
    "service_id": "svc-1",
    "deployment_id": "dep-1",
    "workspace_id": "0",
    "enabled": True,
    "rules": [{"name": "scale-up", "type": "CRON_HPA", "schedule": "0 8 * * MON-FRI", "target_replicas": 3},
              {"name": "scale-down", "type": "CRON_HPA", "schedule": "0 20 * * *", "target_replicas": 1}],
})
# The update carries one edit of each kind against a live policy.
SCALING_RULE_UPDATE = FULL_SCALING_RULE.edit_body(rule_edits(FULL_SCALING_RULE, LivePolicy.from_api({"hpa_rules": [
    {"id": "r1", "name": "scale-up", "type": "CRON_HPA", "schedule": "0 9 * * *", "target_replicas": 3, "disable": False},
    {"id": "r2", "name": "old-rule", "type": "CRON_HPA", "schedule": "0 7 * * *", "target_replicas": 2, "disable": False},
]})))

FULL_INTRANET_CONNECTION = IntranetConnectionSpec.model_validate({
    "name": "label-not-sent",
    "service_id": "svc-1",
    "scene": "VPC",
    "type": "SERVICE",
    "vpc_id": "vpc-1",
    "subnet_id": "subnet-1",
    "dispatcher_group_id": "dg-1",
    "custom_urls": ["https://api.example.com/v1/chat", "http://10.0.0.8:8080/predict"],
})


@pytest.fixture(scope="module")
def sdk():
    credentials = BasicCredentials("AK", "SK", "project")
    return ModelArtsClient.new_builder().with_credentials(credentials).with_endpoint("http://127.0.0.1:1").build()


@pytest.mark.parametrize(
    "body,sdk_model",
    [
        (FULL_SERVICE.create_body(), "ServiceCreateRequest"),
        (FULL_SERVICE.update_body(), "ServiceUpdateRequest"),
        (FULL_DEPLOYMENT.create_body(), "GroupConfig"),
        (FULL_DEPLOYMENT.update_body({}), "GroupConfigUpdateRequest"),
        (FULL_INTRANET_CONNECTION.create_body(), "IntranetConnectionRequest"),
        ({"custom_urls": FULL_INTRANET_CONNECTION.custom_urls}, "IntranetConnectionModifyRequest"),
        (FULL_API_KEY.create_body(), "CreateApiKeyReq"),
        ({"key_ids": [{"key_id": "k1"}, {"key_id": "k2"}]}, "BatchBindApiKeyRequest"),
        ({"key_ids": [{"key_id": "k1"}]}, "BatchUnBindApiKeyRequest"),
        (FULL_SCALING_RULE.create_body(), "CreateHpaRequestBody"),
        (SCALING_RULE_UPDATE, "UpdateHpaRequestBody"),
        # A traffic-shift step: a deployment as GET returns it, only the weight changed.
        (update_body(decoded({**FULL_DEPLOYMENT.create_body(), "id": "dep-1", "status": "RUNNING", "version": "1.0.0",
                              "workload_type": "DEPLOYMENT", "mirror_traffic_weight": "0"}), {"weight": 30}),
         "GroupConfigUpdateRequest"),
    ],
)
def test_body_round_trips_through_sdk_models(sdk, body, sdk_model):
    model = sdk._deserialize(body, sdk_model)
    assert sanitize_for_serialization(model) == body
