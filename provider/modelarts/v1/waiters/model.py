"""Model waits: a new model is usable once the registry has published it."""

from __future__ import annotations

from typing import Any

from ....core.poll import WaitFailed, Waits
from ..client import ModelArtsV1Client
from ..statuses import MODEL_FAILED, MODEL_PUBLISHED, model_status_of


def wait_published(client: ModelArtsV1Client, model_id: str, waits: Waits,
                   known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Wait until the model is published; a model whose publishing (or image build) failed is a
    dead end, reported with its status."""

    def done(model: dict[str, Any]) -> bool:
        status = model_status_of(model)
        if status in MODEL_FAILED:
            label = f"{model.get('model_name')} {model.get('model_version')}"
            raise WaitFailed(f"model {label} ({model_id}) is {status}: the registry could not publish it")
        return status == MODEL_PUBLISHED

    def progress(model: dict[str, Any], elapsed: float) -> None:
        if waits.reporter is not None:
            waits.reporter.waiting(model_status_of(model), elapsed)

    return waits.until(lambda: client.models.get(model_id), done=done,
                       describe=lambda m: f"model {model_id} is still {model_status_of(m)}",
                       progress=progress, first=known)
