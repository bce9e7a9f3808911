"""Carrying out v1 model plans: create (or adopt) and wait until published, read, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ....core.errors import ApiError, ReportedError
from ....core.poll import Waits
from ..client import ModelArtsV1Client
from ..models.model import ModelSpec
from ..planner.model import plan_model
from ..waiters.model import wait_published


class ModelTaken(ReportedError):
    """A model of the same name and version exists, with other settings."""


class ModelNotDeleted(ReportedError):
    """The registry refused to delete a model (a service still deploys it)."""


@dataclass
class ModelReconciler:
    client: ModelArtsV1Client
    waits: Waits

    def create(self, desired: ModelSpec) -> dict[str, Any]:
        """Create the model version and wait until it is published. One of the same name and version
        that an earlier run left (or whose create answer was lost) is adopted when it has the desired
        settings; one with other settings is not taken over."""
        live, created = self.client.models.create_or_adopt(desired.create_body())
        if not created:
            left = plan_model(desired, ModelSpec.from_api(live, desired.body())).changes
            if left:
                differences = "; ".join(c.describe() for c in left)
                raise ModelTaken(f"model {desired.label} already exists ({live['model_id']}) with other settings "
                                 f"({differences}); give the new settings a new model_version")
            self.waits.say(f"adopting model {live['model_id']}, left by an earlier run")
        return wait_published(self.client, live["model_id"], self.waits, known=live)

    def read(self, model_id: str, recorded: dict[str, Any]) -> tuple[ModelSpec, dict[str, Any]] | None:
        live = self.client.models.find_by_id(model_id)
        if live is None:
            return None
        return ModelSpec.from_api(live, recorded), live

    def delete(self, model_id: str, label: str) -> None:
        """Delete the model version; the registry's refusal (a service still uses it) is reported
        with its code, message and request id."""
        try:
            self.client.models.delete(model_id)
        except ApiError as error:
            raise ModelNotDeleted(f"model {label} ({model_id}) was not deleted: {error}") from None
