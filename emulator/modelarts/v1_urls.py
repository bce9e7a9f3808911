"""The old ModelArts v1 routes (services and the model registry): path template -> handlers.

Served by the same plug-in as v2 (same port, signature verifier, error format
and store). Literal segments under /services are listed before
/services/{service_id}, so they are never taken for ids; the documented v1
APIs the emulator does not serve answer 501.
"""

from __future__ import annotations

from ..core.plugin import ApiRoute
from . import errors
from .handlers import v1_models, v1_services

PREFIX = "/v1/{project_id}"
SERVICE = PREFIX + "/services/{service_id}"


def _unsupported(what: str):
    def handler(ctx) -> dict:
        raise errors.not_implemented(what)

    return handler


ROUTES = [
    ApiRoute(PREFIX + "/services", {"GET": v1_services.list_, "POST": v1_services.create}),
    ApiRoute(PREFIX + "/services/specifications",
             {"GET": _unsupported("The v1 service specifications API")}),
    ApiRoute(SERVICE, {"GET": v1_services.show, "PUT": v1_services.update,
                       "DELETE": v1_services.delete}),
    ApiRoute(SERVICE + "/events", {"GET": v1_services.list_events}),
    ApiRoute(SERVICE + "/monitor", {"GET": _unsupported("The v1 service monitoring API")}),
    ApiRoute(SERVICE + "/logs", {"GET": _unsupported("The v1 service update-log API")}),
    ApiRoute(PREFIX + "/models", {"GET": v1_models.list_, "POST": v1_models.create}),
    ApiRoute(PREFIX + "/models/{model_id}", {"GET": v1_models.show,
                                             "DELETE": v1_models.delete}),
]

# Routes that answer 501 (documented v1 APIs the emulator does not serve).
UNSUPPORTED = (PREFIX + "/services/specifications", SERVICE + "/monitor", SERVICE + "/logs")
