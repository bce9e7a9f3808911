"""Errors only the v1 API (models, v1 services) raises; rendered like every ModelArts error.

Codes quoted from the ModelArts error-code appendix (modelarts-v1-models.md S6):
3009 (model used by a service), 3515 (model not published yet), 3516 (two
configs use the same model version). 3508 (unknown model) is the emulator's
own, next to the v2 plug-in's 3502-3507; unknown v1 services reuse 3502.
"""

from __future__ import annotations

from .errors import ApiError, service_not_found  # noqa: F401  (re-exported)


def model_not_found(model_id: str) -> ApiError:
    return ApiError(404, "ModelArts.3508", f"Model {model_id} not found.")


def model_in_use(model_id: str, model_name: str, model_version: str,
                 service_names: list[str]) -> ApiError:
    return ApiError(400, "ModelArts.3009", model_in_use_message(model_id, model_name,
                                                               model_version, service_names))


def model_in_use_message(model_id: str, model_name: str, model_version: str,
                         service_names: list[str]) -> str:
    return (f"Failed to delete model because the model ({model_name} {model_version}, "
            f"{model_id}) has been used to deploy a service: {', '.join(sorted(service_names))}. "
            "Delete the service first.")


def model_not_deployable(model_id: str, status: str, path: str) -> ApiError:
    if status == "publishing":
        return ApiError(400, "ModelArts.3515", f"The model {model_id} cannot be used for "
                                               "deploying services because it is still being "
                                               f"published ({path}: model_status publishing; "
                                               "wait until it is published).")
    return ApiError(400, "ModelArts.3515", f"The model {model_id} cannot be used for deploying "
                                           f"services: its status is {status}, only a published "
                                           f"model can be deployed ({path}).")


def duplicate_model_version(first: str, second: str, name: str, version: str) -> ApiError:
    return ApiError(400, "ModelArts.3516", "Failed to deploy services because the version of the "
                                           f"model that is used for deploying services is the "
                                           f"same: {first} and {second} both use model {name} "
                                           f"version {version} (model_id and model version must "
                                           "be unique across config).")
