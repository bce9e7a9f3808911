"""The Pulumi resource for a PAI-EAS ApiKey: the token of one service (a thin adapter over ApiKeyReconciler).

The id is `<region>/<deployment_name>`. The value is the output `api_key`,
which the resource marks secret; it is never part of any diffed JSON.

A second key for one service is refused at preview: `check` (`live_problems`) reads the
service's claim label (a key already applied), and the program refuses two
ApiKeys that name the same service by a literal name.
"""

from __future__ import annotations

import threading
from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ...core.errors import CloudError, ReportedError
from ...core.plan import Plan
from ...core.provider import CloudProvider, recorded_inputs
from ...core.settings import SettingsError
from ..args import ApiKeyArgs
from ..ids import API_KEY_ID, in_region
from ..models.api_key import ApiKeySpec
from ..reconcilers.api_key import ApiKeyReconciler, claimant, taken_message
from ..settings import EAS

SECRET_OUTPUTS = ["api_key"]
OUTPUT_KEYS = frozenset({"api_key", "region"})


def outputs(spec: ApiKeySpec, meta: dict[str, Any], region: str, value: str) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "region": region, "api_key": value}


class ApiKeyProvider(CloudProvider):
    cloud = EAS
    kind = "ApiKey"
    spec_cls = ApiKeySpec
    identity_field = "deployment_name"
    output_keys = OUTPUT_KEYS
    stable_outputs = frozenset({"api_key", "region"})  # rotation is a replacement

    def reconciler(self, name: str, meta: dict[str, Any]) -> ApiKeyReconciler:
        return ApiKeyReconciler(self.client(), self.waits(name, meta))

    def live_problems(self, olds: dict[str, Any], desired: ApiKeySpec) -> list[tuple[str, str]]:
        """The claim: a service whose token another ApiKey holds refuses this one, at preview."""
        if olds.get("deployment_name") == desired.deployment_name:
            return []  # an update of the key that holds it
        try:
            owner = ApiKeyReconciler(self.client(), self.waits(desired.name, {"timeout_seconds": 60})).owner(
                desired.deployment_name)
        except (CloudError, SettingsError, ValueError):
            return []  # the cloud not reachable: create checks again
        if owner and owner != desired.name:
            return [("deployment_name", taken_message(desired.deployment_name, owner, desired.name))]
        return []

    def recorded(self, olds: dict[str, Any]) -> ApiKeySpec:
        return ApiKeySpec.model_validate(self.split(olds)[0])

    def plan(self, id_: str, olds: dict[str, Any], desired: ApiKeySpec, meta: dict[str, Any]) -> Plan | None:
        in_region(API_KEY_ID, id_, self.client().region)
        return self.reconciler(desired.name, meta).plan(desired, self.recorded(olds), olds.get("api_key") or "")

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        region = self.client().region
        value = self.reconciler(spec.name, meta).create(spec)
        return CreateResult(API_KEY_ID.join(region, spec.deployment_name), outputs(spec, meta, region, value))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec, meta = self.desired(news)
        value = olds.get("api_key") or ""
        self.reconciler(spec.name, meta).update(spec, self.recorded(olds), value)
        return UpdateResult(outputs(spec, meta, self.client().region, value))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        spec_inputs, meta = self.split(props)
        (deployment,) = in_region(API_KEY_ID, id_, self.client().region)
        live = self.reconciler(str(props.get("name") or id_), meta).read(deployment)
        if live is None:
            return ReadResult(None, {})  # gone: the engine drops it from state
        name = spec_inputs.get("name") or claimant(live) or deployment
        spec = ApiKeySpec.model_validate({**spec_inputs, "name": name, "deployment_name": deployment})
        # EAS returns the token in plain text: the value is the live one (also after an import).
        return ReadResult(id_, outputs(spec, meta, self.client().region, live.get("AccessToken") or ""),
                          recorded_inputs(spec, meta))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        self.reconciler(str(props.get("name") or id_), self.split(props)[1]).delete(self.recorded(props))


class DuplicateApiKey(ReportedError, ValueError):
    """Two ApiKeys of one program name the same service."""


_claims: dict[tuple[str, str, str], str] = {}
_claims_lock = threading.Lock()


def claim_in_program(resource_name: str, deployment_name: Any) -> None:
    """Refuse a second ApiKey for a service named by a literal string in the same program."""
    if not isinstance(deployment_name, str):
        return  # an Output: check (and create) judge it once it is known
    key = (pulumi.get_project(), pulumi.get_stack(), deployment_name)
    with _claims_lock:
        owner = _claims.setdefault(key, resource_name)
    if owner != resource_name:
        raise DuplicateApiKey(taken_message(deployment_name, owner, resource_name))


class ApiKey(pulumi.dynamic.Resource, module="eas", name="ApiKey"):
    """The token of one PAI-EAS service (a `Deployment`): EAS keeps exactly one per service, with no API to
    create, list or revoke keys. `api_key` (the value) is a secret output. Changing `name`,
    `deployment_name` or `rotation` replaces the key, with a new value; deleting it revokes the token.

    Import an existing token with `pulumi.ResourceOptions(import_="<region>/<deployment_name>")`.
    """

    api_key: pulumi.Output[str]
    region: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ApiKeyArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        claim_in_program(resource_name, props.get("deployment_name"))
        # Returning Output.secret from a dynamic provider does not work; the
        # engine keeps an output secret only when the resource asks for it.
        secret = pulumi.ResourceOptions(additional_secret_outputs=SECRET_OUTPUTS)
        super().__init__(ApiKeyProvider(), resource_name, props, pulumi.ResourceOptions.merge(opts, secret))
