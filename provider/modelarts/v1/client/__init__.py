"""Client of the ModelArts v1 services API and model registry (no Pulumi imports).

The official SDK has no v1 operations; this client signs and sends with the
v2 client's transport (`ClientConfig`, SDK-HMAC-SHA256, retries), and errors
are the core's neutral classes (`inference_iac.core.errors`).
"""

from ...client.config import ClientConfig
from .client import ModelArtsV1Client
from .models import ModelDeleteRefused, ModelsV1Api
from .services import ServicesV1Api

__all__ = ["ClientConfig", "ModelArtsV1Client", "ModelDeleteRefused", "ModelsV1Api", "ServicesV1Api"]
