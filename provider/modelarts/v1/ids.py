"""The ids of ModelArts v1 resources, which are also the ids to import them with.

Both are the platform's own single ids (no composite ids): a service is
addressed by its `service_id` alone, a model version by its `model_id`.
"""

from __future__ import annotations

SERVICE_IMPORT_ID = "<service_id>"
MODEL_IMPORT_ID = "<model_id>"
