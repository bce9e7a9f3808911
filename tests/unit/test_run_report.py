"""What `inference-stack` says of a failed run, from the CLI's own output."""

from __future__ import annotations

from inference_iac.automation.report import Echo, explain, policy_violations


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


PROTECTED_RUN = """\
Diagnostics:
  pulumi-python:dynamic/modelarts:Service (svc):
    error: resource "urn:pulumi:dev::p::pulumi-python:dynamic/modelarts:Service::svc" cannot be deleted
    because it is protected. To unprotect the resource, remove the `protect` flag
  pulumi:pulumi:Stack (p-dev):
    a line the program printed
"""


def test_a_message_the_cli_wrapped_is_one_error_and_not_echoed_beside_it():
    text = explain(FakeCommandError(PROTECTED_RUN, ""))
    assert "cannot be deleted because it is protected" in text
    shown: list[str] = []
    echo = Echo(shown.append)
    for line in PROTECTED_RUN.splitlines() + ["Resources:"]:
        echo(line)
    assert not any("protected" in line for line in shown)
    assert "    a line the program printed" in shown


def test_advice_names_the_command_at_hand():
    shown: list[str] = []
    Echo(shown.append)("If you want to remove the stack completely, run `pulumi stack rm dev`.")
    assert shown == ["If you want to remove the stack completely, run `inference-stack --stack dev stack rm`."]
