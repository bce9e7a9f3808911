"""What every ModelArts dynamic provider shares: settings, client, validation, reporting.

Only plain values live on `self`: the provider object is pickled into the
state by reference to this module, and anything stored on it at program time
would be frozen there.
"""

from __future__ import annotations

import threading
from typing import Any

from pulumi.dynamic import CheckFailure, CheckResult, ConfigureRequest, DiffResult, ResourceProvider
from pulumi.output import Output, Unknown
from pulumi.runtime.rpc import UNKNOWN
from pydantic import ValidationError

from ..clients.modelarts import ModelArtsClient
from ..models.base import Spec, describe_errors
from ..planner.plan import Action, Plan
from ..progress import say
from ..settings import SOURCES, resolve

# Inputs that steer the provider itself and are not sent to the API.
META_DEFAULTS: dict[str, Any] = {"timeout_seconds": 1200, "allow_replace": True}

_clients: dict[tuple, ModelArtsClient] = {}
_clients_lock = threading.Lock()


class ReplaceRefused(Exception):
    """The plan needs a replacement but the resource set `allow_replace: false`."""


def is_unknown(value: Any) -> bool:
    """Not known until apply. Depending on how the engine sends it, an unknown
    arrives as the wire sentinel, an `Unknown` instance, or (when it carries
    dependencies) an output value, i.e. an `Output` object."""
    return isinstance(value, (Output, Unknown)) or (isinstance(value, str) and value == UNKNOWN)


def has_unknowns(value: Any) -> bool:
    if isinstance(value, dict):
        return any(has_unknowns(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknowns(v) for v in value)
    return is_unknown(value)


def split_meta(props: dict[str, Any], output_keys: frozenset[str] = frozenset()) -> tuple[dict[str, Any], dict[str, Any]]:
    """(spec inputs, provider options) with the options' defaults filled in.

    Output-only keys are dropped: they come back in `olds`, and tests and
    refresh hand outputs back as inputs.
    """
    skip = set(META_DEFAULTS) | set(output_keys)
    spec = {k: v for k, v in props.items() if k not in skip and not k.startswith("__")}
    meta = {k: props.get(k, default) if props.get(k) is not None else default for k, default in META_DEFAULTS.items()}
    return spec, meta


def check_failures(spec_cls: type[Spec], inputs: dict[str, Any]) -> list[CheckFailure]:
    """Validation failures, skipping fields whose values are not known yet (preview)."""
    try:
        spec_cls.model_validate(inputs)
    except ValidationError as error:
        failures = []
        for path, rule in describe_errors(error):
            if not _points_at_unknown(inputs, path):
                failures.append(CheckFailure(path.split(".")[0], f"{path}: {rule}"))
        return failures
    return []


def _points_at_unknown(inputs: Any, path: str) -> bool:
    node = inputs
    for part in path.split("."):
        if is_unknown(node):
            return True
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return has_unknowns(node)


def report_plan(kind: str, name: str, plan: Plan) -> None:
    """Make the planned action visible in `pulumi preview` output (dynamic
    providers cannot return a detailed diff)."""
    if plan.action is not Action.NOOP:
        say(f"{kind} {name}: {plan.summary()}")


def refuse_replace_if_needed(kind: str, name: str, plan: Plan, meta: dict[str, Any], reasons: dict[str, str]) -> None:
    if plan.action is Action.REPLACE and not meta["allow_replace"]:
        why = "; ".join(f"{f}: {reasons.get(f, 'cannot change in place')}" for f in plan.replace_fields)
        raise ReplaceRefused(
            f"{kind} {name} would have to be replaced ({why}), and allow_replace is false. "
            "Revert the change, or set allow_replace: true to accept a replacement."
        )


class ModelArtsProvider(ResourceProvider):
    # Nothing secret is captured in the provider object itself.
    serialize_as_secret_always = False
    output_keys: frozenset[str] = frozenset()
    # Set by each resource: its name in messages, its model, why fields need replacing.
    kind: str = ""
    spec_cls: type[Spec] = Spec
    replace_reasons: dict[str, str] = {}
    # The input named as "replaced" when the cloud resource vanished out of band.
    identity_field: str = "name"

    def __init__(self) -> None:
        super().__init__()
        self._config: dict[str, str] = {}

    def configure(self, req: ConfigureRequest) -> None:
        self._config = {key: req.config.get(key) for key, _, _ in SOURCES if req.config.get(key)}

    def split(self, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        return split_meta(props, self.output_keys)

    def client(self) -> ModelArtsClient:
        config = resolve(lambda key: getattr(self, "_config", {}).get(key))
        cache_key = (config.resolved_endpoint(), config.access_key, config.secret_key.get_secret_value(), config.project_id)
        with _clients_lock:
            if cache_key not in _clients:
                _clients[cache_key] = ModelArtsClient(config)
            return _clients[cache_key]

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate before anything is planned; normalised inputs keep later diffs stable."""
        spec_inputs, meta = self.split(news)
        failures = check_failures(self.spec_cls, spec_inputs)
        if failures or has_unknowns(spec_inputs):
            return CheckResult(news, failures)
        return CheckResult({**self.spec_cls.model_validate(spec_inputs).body(), **meta}, [])

    def plan_against_live(self, id_: str, olds: dict[str, Any], desired: Spec) -> Plan | None:
        """The plan from the live resource to `desired`; None when the resource is gone."""
        raise NotImplementedError

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        spec_inputs, meta = self.split(news)
        if has_unknowns(spec_inputs):
            return DiffResult(changes=True)
        desired = self.spec_cls.model_validate(spec_inputs)
        name = getattr(desired, "name", id_)
        plan = self.plan_against_live(id_, olds, desired)
        if plan is None:
            say(f"{self.kind} {name}: {id_} no longer exists; it will be created again")
            return DiffResult(changes=True, replaces=[self.identity_field], delete_before_replace=True)
        refuse_replace_if_needed(self.kind, name, plan, meta, self.replace_reasons)
        report_plan(self.kind, name, plan)
        meta_changed = any(olds.get(k) != v for k, v in meta.items())
        return DiffResult(
            changes=plan.action is not Action.NOOP or meta_changed,
            replaces=plan.replace_fields,
            # Names are unique (services in a project, deployments in a
            # service), so a replacement must delete the old one first.
            delete_before_replace=True,
        )
