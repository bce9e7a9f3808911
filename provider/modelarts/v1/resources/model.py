"""The Pulumi resource for a model version in the ModelArts v1 registry (a thin adapter over ModelReconciler)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import CreateResult, DiffResult, ReadResult, UpdateResult

from ....core.plan import Plan
from ....core.provider import CloudProvider, recorded_inputs
from ..args import ModelArgs
from ..models.common import as_recorded
from ..models.model import ModelSpec
from ..planner.model import plan_model
from ..reconcilers.model import ModelReconciler
from ..settings import MODELARTS_V1

OUTPUT_KEYS = ("model_id",)


def outputs(spec: ModelSpec, meta: dict[str, Any], model_id: str) -> dict[str, Any]:
    return {**recorded_inputs(spec, meta), "model_id": model_id}


def _identity(props: dict[str, Any]) -> tuple[Any, Any]:
    return props.get("model_name"), props.get("model_version")


class ModelProvider(CloudProvider):
    cloud = MODELARTS_V1
    kind = "Model"
    spec_cls = ModelSpec
    output_keys = frozenset(OUTPUT_KEYS)
    stable_outputs = frozenset(OUTPUT_KEYS)
    identity_field = "model_version"

    @staticmethod
    def label(spec: ModelSpec, fallback: str) -> str:
        return spec.label or fallback

    def reconciler(self, name: str, meta: dict[str, Any]) -> ModelReconciler:
        return ModelReconciler(self.client(), self.waits(name, meta))

    def plan(self, id_: str, olds: dict[str, Any], desired: ModelSpec, meta: dict[str, Any]) -> Plan | None:
        live = self.client().models.find_by_id(id_)
        return None if live is None else plan_model(desired, ModelSpec.from_api(live, olds))

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """A new name or version is a new model beside the old one: created first, so the services
        using the old one can move to it before it is deleted."""
        result = super().diff(id_, olds, news)
        if result.replaces and _identity(olds) != _identity(news):
            return DiffResult(changes=result.changes, replaces=result.replaces, delete_before_replace=False)
        return result

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec, meta = self.desired(props)
        live = self.reconciler(spec.label, meta).create(spec)
        return CreateResult(live["model_id"], outputs(spec, meta, live["model_id"]))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        # Only provider options get here (every model field is replace-only): nothing to send.
        spec, meta = self.desired(news)
        return UpdateResult(outputs(spec, meta, id_))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _, meta = self.split(props)
        found = self.reconciler(str(props.get("model_name") or id_), meta).read(id_, props)
        if found is None:
            return ReadResult(None, {})
        spec, _ = found
        shown = as_recorded(spec.body(), props)
        return ReadResult(id_, {**shown, **meta, "model_id": id_}, {**shown, **meta})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _, meta = self.split(props)
        label = f"{props.get('model_name')} {props.get('model_version')}"
        self.reconciler(label, meta).delete(id_, label)


class Model(pulumi.dynamic.Resource, module="modelarts-v1", name="Model"):
    """One version of a model in the ModelArts v1 registry (`/v1/{project_id}/models`), which v1 `Service`s
    deploy by its `model_id`; usable once published. `model_name` defaults to the resource name. Nothing
    changes in place: a new `model_version` makes a new model, created before the old one is deleted.

    Import an existing one with `pulumi.ResourceOptions(import_="<model_id>")`.
    """

    model_id: pulumi.Output[str]

    def __init__(self, resource_name: str, args: ModelArgs | Mapping[str, Any],
                 opts: Optional[pulumi.ResourceOptions] = None):
        props = {"model_name": resource_name, **args, **{key: None for key in OUTPUT_KEYS}}
        super().__init__(ModelProvider(), resource_name, props, opts)
