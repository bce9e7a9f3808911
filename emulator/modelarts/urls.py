"""The ModelArts v2 routes: path template -> handler per method.

Literal path segments under /services (delete, api-keys, flavors, clusters)
are listed before /services/{service_id}, so they are never taken for ids.
"""

from __future__ import annotations

from ..core.plugin import ApiRoute
from . import errors
from .handlers import api_keys, catalog, deployments, instances, intranet_connections
from .handlers import scaling_rules, services, tags

PREFIX = "/v2/{project_id}"
SERVICE = PREFIX + "/services/{service_id}"
DEPLOYMENT = SERVICE + "/deployments/{deployment_id}"


def _unsupported(what: str):
    def handler(ctx) -> dict:
        raise errors.not_implemented(what)

    return handler


def route(path: str, **handlers) -> ApiRoute:
    return ApiRoute(path, handlers)


ROUTES = [
    route(PREFIX + "/services", GET=services.list_, POST=services.create),
    route(PREFIX + "/intranet-connection", POST=intranet_connections.create),
    route(PREFIX + "/intranet-connection/requests", GET=intranet_connections.list_requests),
    route(PREFIX + "/intranet-connection/reviews", GET=intranet_connections.list_reviews),
    route(PREFIX + "/intranet-connection/delete", POST=intranet_connections.batch_delete),
    route(PREFIX + "/intranet-connection/{connection_id}", PUT=intranet_connections.update),
    route(PREFIX + "/intranet-connection/{connection_id}/modify", POST=intranet_connections.modify),
    route(PREFIX + "/modelarts-service-v2/{resource_id}/tags/create", POST=tags.create),
    route(PREFIX + "/modelarts-service-v2/{resource_id}/tags/delete", DELETE=tags.delete),
    route(PREFIX + "/modelarts-service-v2/{resource_id}/tags", GET=tags.show),
    route(PREFIX + "/services/delete", POST=services.batch_delete),
    route(PREFIX + "/services/api-keys", GET=api_keys.list_, POST=api_keys.create),
    route(PREFIX + "/services/api-keys/temp", POST=_unsupported("The temporary API key API")),
    route(PREFIX + "/services/api-keys/{key_id}", DELETE=api_keys.delete),
    route(PREFIX + "/services/flavors", GET=catalog.list_flavors),
    route(PREFIX + "/pools", GET=catalog.list_pools),
    route(PREFIX + "/pools/{pool_name}", GET=catalog.show_pool),
    route(PREFIX + "/services/clusters/{cluster_id}", GET=_unsupported("The cluster API")),
    route(SERVICE, GET=services.show, PUT=services.update),
    route(SERVICE + "/start", POST=services.start),
    route(SERVICE + "/stop", POST=services.stop),
    route(SERVICE + "/events", GET=services.list_events),
    route(SERVICE + "/versions", GET=services.list_versions),
    route(SERVICE + "/versions/switch", POST=services.switch_version),
    route(SERVICE + "/api-keys/batch-bind", POST=api_keys.batch_bind),
    route(SERVICE + "/api-keys/batch-unbind", POST=api_keys.batch_unbind),
    route(SERVICE + "/api-keys/{key_id}/bind", POST=api_keys.bind),
    route(SERVICE + "/api-keys/{key_id}/unbind", POST=api_keys.unbind),
    route(SERVICE + "/deployments", GET=deployments.list_, POST=deployments.create),
    route(SERVICE + "/deployments/{deployment_name}/scale", PUT=deployments.scale),
    route(DEPLOYMENT, GET=deployments.show, PUT=deployments.update, DELETE=deployments.delete),
    route(DEPLOYMENT + "/start", POST=deployments.start),
    route(DEPLOYMENT + "/stop", POST=deployments.stop),
    route(DEPLOYMENT + "/interrupt", POST=deployments.interrupt),
    route(DEPLOYMENT + "/versions", GET=deployments.list_versions),
    route(DEPLOYMENT + "/versions/{version}", GET=deployments.show_version,
          DELETE=deployments.delete_version),
    route(DEPLOYMENT + "/versions/{version}/switch", POST=deployments.switch_version),
    route(PREFIX + "/services/{id}/deployments/{name}/instances", GET=instances.list_instances),
    route(PREFIX + "/services/{id}/deployments/{deployment_name}/instances/{name}/pods",
          GET=instances.list_pods),
    route(DEPLOYMENT + "/hpa", GET=scaling_rules.show, POST=scaling_rules.create,
          PUT=scaling_rules.update, DELETE=scaling_rules.delete),
    route(DEPLOYMENT + "/hpa/events", GET=scaling_rules.list_events),
]

# Routes that answer 501 (the emulator does not serve these APIs).
UNSUPPORTED = (PREFIX + "/services/api-keys/temp", PREFIX + "/services/clusters/{cluster_id}")
