"""Model: one version of a model in the v1 registry (an "AI application"), which v1 services deploy.

The registry has no update: each (model_name, model_version) is a model of its
own, made once and published. Every field is therefore replace-only, and a
new version of a model is a new `Model` (a new `model_version`), created
before the old one is deleted so the services using it can move over.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from ....core.actions import Action
from ....core.spec import Spec, not_echoed_paths, spec_field
from .common import NAME, NAME_RULE, NonBlank, matching, without

# Digit.Digit.Digit, each a number from 0 to 99 without a leading 0 (S1: "01.01.01" is invalid).
MODEL_VERSION = r"(0|[1-9][0-9]?)\.(0|[1-9][0-9]?)\.(0|[1-9][0-9]?)"
MODEL_VERSION_RULE = ("Digit.Digit.Digit, each part a number from 0 to 99 without a leading zero (e.g. 1.0.0; "
                      "01.01.01 is invalid)")
MODEL_DESCRIPTION_FORBIDDEN = "&!'\"<>="
MODEL_TYPES = Literal["TensorFlow", "MXNet", "Caffe", "Spark_MLlib", "Scikit_Learn", "XGBoost", "Image",
                      "PyTorch", "Template", "MindSpore", "Custom"]
INSTALL_TYPES = Literal["real-time", "batch", "edge"]

NO_UPDATE = "the model registry has no update: a changed model is a new model version"


def fixed(default: Any = ..., **kwargs: Any) -> Any:
    """A model field: set at creation, never changed (see NO_UPDATE)."""
    return spec_field(default, change=Action.REPLACE, why=NO_UPDATE, **kwargs)


class TemplateInput(Spec):
    input_id: NonBlank = Field(min_length=1)
    """ID of the template's input."""
    input: NonBlank = Field(min_length=1)
    """Where the input comes from (an OBS path)."""


class Template(Spec):
    unlisted_change: ClassVar[Action] = Action.REPLACE
    template_id: NonBlank = Field(min_length=1)
    """ID of the template the model is built from."""
    infer_format: str | None = None
    """Input and output mode of the template."""
    template_inputs: list[TemplateInput] | None = None
    """The template's inputs."""


class ModelSpec(Spec):
    unlisted_change: ClassVar[Action] = Action.REPLACE

    model_name: str = fixed()
    """Model name: 1 to 64 letters, digits, hyphens (-) and underscores (_). The versions of a model share
    it."""
    model_version: str = fixed()
    """Version, as Digit.Digit.Digit with each part a number from 0 to 99 without a leading zero (e.g. 1.0.0);
    a model name holds each version once."""
    model_type: MODEL_TYPES = fixed("Image")
    """What the model is: Image (a container image in SWR, the usual choice) or a framework's model files
    (TensorFlow, PyTorch, MindSpore, ...), or Template."""
    source_location: str | None = fixed(None, min_length=1, max_length=1024)
    """Where the model is: the SWR image address for an Image model, else the OBS path of its files; required
    unless model_type is Template."""
    source_copy: Literal["true", "false"] | None = fixed(None)
    """Whether the registry keeps its own copy of the image ('true', the platform's default) or uses it where
    it is; only for Image models."""
    install_type: list[INSTALL_TYPES] | None = fixed(None, min_length=1)
    """The kinds of service the model may be deployed as (real-time, batch, edge), each once; the platform
    takes real-time and batch when it is not set."""
    description: str | None = fixed(None, min_length=1, max_length=100)
    """Free text about the model: 1 to 100 characters, none of &!'\"<>=."""
    initial_config: dict[str, Any] | None = fixed(None)
    """The model's configuration file (config.json) as an object: protocol, port, health check, apis, ...
    A JSON string of an object is taken too. The registry shows it back as `config`."""
    workspace_id: NonBlank = fixed("0", min_length=1, max_length=64)
    """ModelArts workspace of the model: '0' for the default workspace."""
    runtime: str | None = fixed(None, max_length=1024)
    """Runtime environment of a framework model (e.g. python3.6); not for Image models."""
    execution_code: str | None = fixed(None, max_length=1024)
    """OBS path of the model's inference code."""
    model_algorithm: str | None = fixed(None, max_length=1024)
    """Algorithm of the model (e.g. image_classification)."""
    model_metrics: str | None = fixed(None, max_length=1024)
    """The model's precision figures, as a JSON string."""
    dependencies: list[dict[str, Any]] | None = fixed(None, echoed=False)
    """Packages the inference code needs ({installer, packages: [...]}), for framework models."""
    apis: list[dict[str, Any]] | None = fixed(None, echoed=False)
    """The inference APIs the model serves ({protocol, url, method, request, response})."""
    input_params: list[dict[str, Any]] | None = fixed(None, echoed=False)
    """Parameters the model takes."""
    output_params: list[dict[str, Any]] | None = fixed(None, echoed=False)
    """Parameters the model returns."""
    model_docs: list[dict[str, Any]] | None = fixed(None, echoed=False, max_length=3)
    """Links to the model's documentation ({doc_name, doc_url}); at most 3."""
    source_job_id: str | None = fixed(None, echoed=False, max_length=1024)
    """ID of the training job that produced the model."""
    source_job_version: str | None = fixed(None, echoed=False, max_length=1024)
    """Version of the training job that produced the model."""
    source_type: Literal["auto"] | None = fixed(None, echoed=False)
    """'auto' for a model made by ExeML; leave unset otherwise."""
    template: Template | None = fixed(None, echoed=False)
    """The template a Template model is built from; required for model_type Template."""

    _name = field_validator("model_name")(matching(NAME, NAME_RULE))
    _version = field_validator("model_version")(matching(MODEL_VERSION, MODEL_VERSION_RULE))
    _description = field_validator("description")(without(MODEL_DESCRIPTION_FORBIDDEN))

    @field_validator("initial_config", mode="before")
    @classmethod
    def _config_object(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise ValueError("must be the model configuration (config.json) as an object or a JSON "
                                 "string of one") from None
        if value is not None and not isinstance(value, dict):
            raise ValueError("must be the model configuration (config.json) as an object")
        return value

    @field_validator("install_type")
    @classmethod
    def _each_kind_once(cls, kinds: list[str] | None) -> list[str] | None:
        if kinds is not None and len(set(kinds)) != len(kinds):
            raise ValueError("must not name a deployment type twice")
        return kinds

    @model_validator(mode="after")
    def _type_rules(self) -> "ModelSpec":
        if self.model_type == "Template":
            if self.template is None:
                raise ValueError("template: required when model_type is Template")
        elif self.source_location is None:
            raise ValueError("source_location: required unless model_type is Template")
        if self.source_copy is not None and self.model_type != "Image":
            raise ValueError("source_copy: applies only to models of model_type Image")
        return self

    # ----- bodies and live projection ------------------------------------------------------------

    def create_body(self) -> dict[str, Any]:
        body = self.api_fields()
        if self.initial_config is not None:
            # The API takes the configuration file as a JSON string.
            body["initial_config"] = json.dumps(self.initial_config, ensure_ascii=False)
        return body

    @property
    def label(self) -> str:
        return f"{self.model_name} {self.model_version}"

    @classmethod
    def from_api(cls, live: dict[str, Any], previous: dict[str, Any] | None = None) -> "ModelSpec":
        """Project a show-model response; `previous` (the last outputs) supplies what it does not show."""
        flat = {**live, "initial_config": live.get("config") or None,
                "description": live.get("description") or None}
        for path in not_echoed_paths(cls):
            if previous and path[0] in previous:
                flat[path[0]] = previous[path[0]]
            else:
                flat.pop(path[0], None)
        return cls.project(flat)
