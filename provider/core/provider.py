"""The base of every cloud's Pulumi dynamic providers: check, diff, unknowns, allow_replace, reporting.

Only plain values live on `self`: the provider object is pickled into the
state by reference to its module, and anything stored on it at program time
would be frozen there.
"""

from __future__ import annotations

import os
import threading
from typing import Any, ClassVar

from pulumi.runtime.rpc import UNKNOWN
from pulumi.dynamic import CheckFailure, CheckResult, ConfigureRequest, DiffResult, ResourceProvider
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .actions import Action
from .cloud import CloudApi
from .plan import Plan
from .poll import Waits
from .progress import Reporter
from .replace import ALLOW_REPLACE_HINT, refuse_replace
from .serialization import install as guard_provider_serialization
from .spec import Spec
from .unknowns import has_unknowns, known_problems, path_parts


PROGRESS_ENV = "INFERENCE_IAC_PROGRESS_SECONDS"

guard_provider_serialization()

# The inputs a diff found changed, handed to the plugin host on the same thread: the SDK's
# DiffResult has no place for them, and without them the engine lists every input that
# differs from the state (defaults a refresh recorded included) as changed.
_changed_inputs = threading.local()


def record_changed_inputs(names: set[str] | list[str]) -> None:
    _changed_inputs.names = sorted(names)


def take_changed_inputs() -> list[str] | None:
    """The inputs the last diff on this thread found changed (None when it recorded none)."""
    names = getattr(_changed_inputs, "names", None)
    _changed_inputs.names = None
    return names


class ProviderOptions(BaseModel):
    """Inputs that steer the provider itself; never sent to the API."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    timeout_seconds: float = Field(default=1200, gt=0, le=7 * 24 * 3600)
    """How long, in seconds, the provider waits for the platform at each step before it gives up."""
    allow_replace: bool = True
    """False turns a change that needs a replacement into an error at preview."""


def as_failures(problems: list[tuple[str, str]]) -> list[CheckFailure]:
    """(path, rule) pairs as the engine takes them: on the top-level input, the message naming the path."""
    return [CheckFailure(str((path_parts(path) or [path])[0]), f"{path}: {rule}") for path, rule in problems]


def recorded_inputs(spec: Spec, meta: dict[str, Any]) -> dict[str, Any]:
    """The inputs the engine keeps for a resource: the spec's fields and the provider's options. `check`
    returns them, a read gives them back (so a refresh diffs cleanly) and every output set starts with them."""
    return {**spec.body(), **meta}


def check_failures(model: type[BaseModel], inputs: dict[str, Any]) -> list[CheckFailure]:
    """Validation failures, each naming the field and the rule; fields whose
    values are not known yet (preview) are not judged."""
    return as_failures(known_problems(model, inputs))


def progress_seconds() -> float:
    """Seconds between the progress lines of a long wait ($INFERENCE_IAC_PROGRESS_SECONDS, default 15)."""
    try:
        return max(1.0, float(os.environ.get(PROGRESS_ENV, "15")))
    except ValueError:
        return 15.0


class CloudProvider(ResourceProvider):
    # Nothing secret is captured in the provider object itself.
    serialize_as_secret_always = False
    cloud: ClassVar[CloudApi]
    kind: ClassVar[str] = ""
    spec_cls: ClassVar[type[Spec]] = Spec
    options_cls: ClassVar[type[ProviderOptions]] = ProviderOptions
    output_keys: ClassVar[frozenset[str]] = frozenset()
    # Outputs an in-place update never changes (ids: a new id is a replacement). At preview
    # they stay known, so what depends on them is planned (and refused) at preview too.
    stable_outputs: ClassVar[frozenset[str]] = frozenset()
    # The input named as "replaced" when the cloud resource vanished out of band.
    identity_field: ClassVar[str] = "name"

    def __init__(self) -> None:
        super().__init__()
        self._config: dict[str, str] = {}

    # ----- plumbing -------------------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        self._config = {key: req.config.get(key) for key in self.cloud.config_keys() if req.config.get(key)}

    def client(self) -> Any:
        return self.cloud.client(lambda key: getattr(self, "_config", {}).get(key))

    def split(self, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """(spec inputs, provider options with defaults). Output-only keys are dropped:
        they come back in `olds`, and refresh hands outputs back as inputs."""
        option_names = set(self.options_cls.model_fields)
        skip = option_names | set(self.output_keys)
        spec = {k: v for k, v in props.items() if k not in skip and not k.startswith("__")}
        given = {k: props[k] for k in option_names if props.get(k) is not None}
        try:
            meta = self.options_cls.model_validate(given).model_dump()
        except ValidationError:
            meta = self.options_cls().model_dump()
        return spec, meta

    def desired(self, props: dict[str, Any]) -> tuple[Spec, dict[str, Any]]:
        spec_inputs, meta = self.split(props)
        return self.spec_cls.model_validate(spec_inputs), meta

    def reporter(self, name: str) -> Reporter:
        return Reporter(self.kind, name)

    def waits(self, name: str, meta: dict[str, Any]) -> Waits:
        return Waits(timeout_seconds=float(meta["timeout_seconds"]), reporter=self.reporter(name),
                     progress_every=progress_seconds())

    @staticmethod
    def label(spec: Spec, fallback: str) -> str:
        return str(getattr(spec, "name", None) or fallback)

    def preview_update(self, olds: dict[str, Any], news: dict[str, Any]) -> dict[str, Any]:
        """The outputs an in-place update is expected to leave, for a preview (nothing is changed):
        the new inputs over the old outputs; outputs the update may change are unknown."""
        predicted = dict(olds)
        predicted.update({k: v for k, v in news.items() if k not in self.output_keys})
        for key in self.output_keys - self.stable_outputs:
            predicted[key] = UNKNOWN
        return predicted

    # ----- check and diff -------------------------------------------------------------------

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate before anything is planned; normalised inputs keep later diffs stable."""
        spec_inputs, _ = self.split(news)
        options = {k: news[k] for k in self.options_cls.model_fields if news.get(k) is not None}
        failures = check_failures(self.options_cls, options) + check_failures(self.spec_cls, spec_inputs)
        if failures or has_unknowns(spec_inputs) or has_unknowns(options):
            return CheckResult(news, failures)
        meta = self.options_cls.model_validate(options).model_dump()
        spec = self.spec_cls.model_validate(spec_inputs)
        live = as_failures(self.live_problems(olds, spec))
        return CheckResult(recorded_inputs(spec, meta) if not live else news, live)

    def live_problems(self, olds: dict[str, Any], desired: Spec) -> list[tuple[str, str]]:
        """(path, rule) for what only the platform can judge (a catalogue, a quota); none by default.
        Called once the inputs are valid and known; `olds` tells a create from an update."""
        return []

    def plan(self, id_: str, olds: dict[str, Any], desired: Spec, meta: dict[str, Any]) -> Plan | None:
        """The plan from the live resource to `desired`; None when the resource is gone."""
        raise NotImplementedError

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        spec_inputs, meta = self.split(news)
        if has_unknowns(spec_inputs):
            return DiffResult(changes=True)
        desired = self.spec_cls.model_validate(spec_inputs)
        name = self.label(desired, id_)
        reporter = self.reporter(name)
        plan = self.plan(id_, olds, desired, meta)
        if plan is None:
            reporter.say(f"replace: {id_} no longer exists; it will be created again")
            record_changed_inputs([self.identity_field])
            return DiffResult(changes=True, replaces=[self.identity_field], delete_before_replace=True)
        refuse_replace(self.kind, name, plan, self.spec_cls, allowed=meta["allow_replace"], hint=ALLOW_REPLACE_HINT)
        if plan.action is not Action.NOOP:
            reporter.say(plan.summary(), ephemeral=True)
        changed_options = {k for k, v in meta.items() if olds.get(k) != v}
        options_changed = bool(changed_options)
        record_changed_inputs(plan.top_fields | changed_options)
        return DiffResult(
            changes=plan.action is not Action.NOOP or options_changed,
            replaces=plan.replace_fields,
            # Names are unique (services in a project, deployments in a
            # service), so a replacement must delete the old one first.
            delete_before_replace=True,
        )
