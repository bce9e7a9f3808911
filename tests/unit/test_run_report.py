"""What `inference-stack` says of a failed run, from the CLI's own output."""

from __future__ import annotations

from inference_iac.automation.report import explain, policy_violations


class FakeCommandError(Exception):
    """The text shape of pulumi.automation's CommandError."""

    def __init__(self, stdout: str, stderr: str) -> None:
        super().__init__(f"\n code: 255\n stdout: {stdout}\n stderr: {stderr}")


POLICY_RUN = """\
Policies:
    \u274c inference-platform@v0.0.1 (local: /venv/bin/inference-policy-pack)
        - [mandatory]  prod-deployment-min-replicas  (pulumi-python:dynamic/modelarts:Deployment: shop-main)
          Production deployments must run at least `min_replicas` replicas (default 2).
        - [advisory]  no-new-v1-services  (pulumi-python:dynamic/modelarts/v1:Service: old)
          advice only
"""

ERROR_RUN = """\
Diagnostics:
  pulumi-python:dynamic/modelarts:Deployment (shop-main):
    error: pulumi-python:dynamic/modelarts:Deployment resource 'shop-main' has a problem: weight: must be 0-100
  pulumi:pulumi:Stack (shop-dev):
    error: update failed
    error: pulumi-python:dynamic/modelarts:Deployment resource 'shop-main' has a problem: weight: must be 0-100
"""


def test_each_mandatory_violation_is_named_once_and_advice_is_not_an_error():
    assert policy_violations(POLICY_RUN) == [
        "mandatory policy prod-deployment-min-replicas is violated by shop-main (details under Policies above)"]


def test_a_failed_preview_by_policy_names_the_policy_not_a_generic_failure():
    text = explain(FakeCommandError(POLICY_RUN, "error: preview failed\n"))
    assert "prod-deployment-min-replicas" in text and "preview failed" not in text


def test_an_error_reported_on_the_resource_and_the_stack_is_shown_once():
    text = explain(FakeCommandError(ERROR_RUN, ""))
    assert text.count("weight: must be 0-100") == 1 and "update failed" not in text
