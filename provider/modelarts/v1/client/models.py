"""The v1 model registry: `/v1/{project_id}/models[/{model_id}]` (create, show, list, delete).

A model is one (name, version) pair with its own id; it is usable once
`published`. The registry has no update: a new version is a new model.
"""

from __future__ import annotations

import json
from typing import Any

from ....core.errors import ApiError, NotFoundError, only_match
from ....core.retry import create_or_find
from ....core.transport import path_segment
from ...client.errors import API
from ...client.http import ModelArtsHttp
from .pagination import list_all

MODELS = "/models"


def _model_path(model_id: str) -> str:
    return f"{MODELS}/{path_segment(model_id)}"


# The ShowModel example spells the real-time deployment type without its hyphen.
_INSTALL_TYPE_SPELLINGS = {"realtime": "real-time"}


def decoded(model: Any) -> Any:
    """A model as the rest of the code reads it: `install_type` in the request's spelling, and
    `apis` (a JSON-encoded string in the show response) as the list it encodes."""
    if not isinstance(model, dict):
        return model
    model = dict(model)
    if isinstance(model.get("install_type"), list):
        model["install_type"] = [_INSTALL_TYPE_SPELLINGS.get(kind, kind) for kind in model["install_type"]]
    if isinstance(model.get("apis"), str):
        try:
            model["apis"] = json.loads(model["apis"])
        except ValueError:
            pass
    return model


class ModelDeleteRefused(ApiError):
    """The registry answered a delete with the model in `delete_failed_list` (e.g. ModelArts.3009:
    a service still uses it). The answer itself was a 200, so it carries no request id."""


class ModelsV1Api:
    def __init__(self, http: ModelArtsHttp) -> None:
        self.http = http

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        """The model's details. (name, version) is unique in a project, so a create whose answer
        was lost, or an earlier run already made, yields the model that exists."""
        model, _ = self.create_or_adopt(body)
        return model

    def create_or_adopt(self, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """(model details, created)."""
        def create() -> dict[str, Any]:
            return self.get(self.http.request("POST", MODELS, body=body)["model_id"])

        return create_or_find(create, lambda: self.find(body["model_name"], body["model_version"]))

    def get(self, model_id: str) -> dict[str, Any]:
        return decoded(self.http.request("GET", _model_path(model_id)))

    def find_by_id(self, model_id: str) -> dict[str, Any] | None:
        """The model's details, or None when it is gone."""
        try:
            return self.get(model_id)
        except NotFoundError:
            return None

    def list(self, **filters: Any) -> list[dict[str, Any]]:
        """Summaries of every model matching the filters (`model_name` (a substring unless
        `exact_match=True`), `model_version`, `model_status`, `model_type`, `workspace_id`, ...)."""
        return [decoded(m) for m in list_all(self.http, MODELS, "models", filters)]

    def find(self, name: str, version: str) -> dict[str, Any] | None:
        """The details of model `name` at `version`, or None."""
        item = only_match(self.list(model_name=name, exact_match=True, model_version=version),
                          lambda m: m.get("model_name") == name and m.get("model_version") == version,
                          f"ModelArts v1 models are named {name!r} at version {version}", "model_id")
        return None if item is None else self.find_by_id(item["model_id"])

    def delete(self, model_id: str) -> None:
        """Delete one model version; an unknown one counts as already deleted. A model a service
        still uses is refused by the API (a 400, or a 200 naming it in `delete_failed_list`)."""
        try:
            answer = self.http.request("DELETE", _model_path(model_id)) or {}
        except NotFoundError:
            return
        for failed in answer.get("delete_failed_list") or [] if isinstance(answer, dict) else []:
            if failed.get("model_id") in (None, model_id):
                raise ModelDeleteRefused(200, str(failed.get("error_code") or "unknown"),
                                         str(failed.get("error_msg") or "the model was not deleted"), api=API)
