"""The ModelArts v1 resources, by type token (the plugin host rebuilds providers from it), and their docs.

Tokens are part of every URN in users' stacks, so a resource's `module` and
`name` never change.
"""

from __future__ import annotations

from ...core.docgen import ResourceDoc
from ...core.registry import providers_by_type
from .ids import MODEL_IMPORT_ID, SERVICE_IMPORT_ID
from .resources import Model, ModelProvider, Service, ServiceProvider

# (resource, provider, the id to import an existing one with)
RESOURCES = [
    (Model, ModelProvider, MODEL_IMPORT_ID),
    (Service, ServiceProvider, SERVICE_IMPORT_ID),
]

PROVIDERS_BY_TYPE = providers_by_type((resource, provider) for resource, provider, _ in RESOURCES)


def resource_docs() -> list[ResourceDoc]:
    return [ResourceDoc("modelarts-v1", provider.kind, resource, provider, import_id, "inference_iac.modelarts.v1")
            for resource, provider, import_id in RESOURCES]
