"""The EAS routes (eas-api.md Appendix A): path template -> operation per HTTP method.

EAS paths carry names that may hold any character once percent-encoded (the
SDK encodes path parameters with `quote(param, safe='~')`, so `a b/c` arrives
as `a%20b%2Fc`). Routing therefore happens here, on the raw path: it is split
on '/' first and each segment decoded after (Appendix C.1), under one
catch-all route of the core app. A path that matches no template is a 404, a
known path with another method a 405.

Every request must name its operation in `x-acs-action` (and the API version
2021-07-01 in `x-acs-version`), as the SDK always does: a request whose
action is not the one its method and path select is refused (400), so a
client cannot believe it called one operation while the emulator ran another.

Operations the emulator does not serve (Appendix A's out-of-scope families:
resource groups, virtual resources, benchmark tasks, app services, tenant
add-ons, machine specs, spot prices, signed URLs, instance diagnosis) are
routed too and answer
501 UnsupportedOperation, so a client learns that rather than a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.plugin import ApiRoute
from . import errors
from .handlers import gateways, groups, instances, regions, scalers, service_settings, services
from .handlers.context import Context
from .signing import path_segments

API_VERSION = "2021-07-01"
PREFIX = "/api/v2"
SERVICE = PREFIX + "/services/{ClusterId}/{ServiceName}"
GATEWAY = PREFIX + "/gateways/{ClusterId}/{GatewayId}"
GROUP = PREFIX + "/groups/{ClusterId}/{GroupName}"
CATCH_ALL = PREFIX + "/{path:path}"


@dataclass(frozen=True)
class Operation:
    action: str
    handler: Callable[[Context], dict] | None  # None: not served (501)


@dataclass(frozen=True)
class Route:
    path: str
    operations: dict[str, Operation]

    @property
    def segments(self) -> list[str]:
        return self.path.strip("/").split("/")


def route(path: str, **operations) -> Route:
    return Route(path, {method: Operation(*spec) if isinstance(spec, tuple) else
                        Operation(spec, None) for method, spec in operations.items()})


ROUTES = [
    route(PREFIX + "/services", GET=("ListServices", services.list_),
          POST=("CreateService", services.create)),
    route(SERVICE, GET=("DescribeService", services.describe),
          PUT=("UpdateService", services.update), DELETE=("DeleteService", services.delete)),
    route(SERVICE + "/start", PUT=("StartService", services.start)),
    route(SERVICE + "/stop", PUT=("StopService", services.stop)),
    route(SERVICE + "/restart", PUT=("RestartService", services.restart)),
    route(SERVICE + "/clone", POST=("CloneService", services.clone)),
    route(SERVICE + "/develop", PUT=("DevelopService", services.develop)),
    route(SERVICE + "/commit", PUT=("CommitService", services.commit)),
    route(SERVICE + "/version", PUT=("UpdateServiceVersion", services.switch_version)),
    route(SERVICE + "/versions", GET=("ListServiceVersions", services.list_versions)),
    route(SERVICE + "/release", PUT=("ReleaseService", service_settings.release)),
    route(SERVICE + "/endpoints", GET=("DescribeServiceEndpoints", service_settings.endpoints)),
    route(SERVICE + "/events", GET=("DescribeServiceEvent", service_settings.events)),
    route(SERVICE + "/diagnosis", GET=("DescribeServiceDiagnosis", service_settings.diagnosis)),
    route(SERVICE + "/logs", GET=("DescribeServiceLog", service_settings.logs)),
    route(SERVICE + "/signed_url", GET="DescribeServiceSignedUrl"),
    route(SERVICE + "/instances", GET=("ListServiceInstances", instances.list_),
          DELETE=("DeleteServiceInstances", instances.restart_instances)),
    route(SERVICE + "/instances/{InstanceName}",
          PUT=("UpdateServiceInstance", instances.update_instance)),
    route(SERVICE + "/instances/{InstanceName}/containers",
          GET=("ListServiceContainers", instances.containers)),
    route(SERVICE + "/instances/{InstanceName}/diagnosis",
          GET="DescribeServiceInstanceDiagnosis"),
    route(SERVICE + "/label", PUT=("UpdateServiceLabel", service_settings.update_labels),
          DELETE=("DeleteServiceLabel", service_settings.delete_labels)),
    route(SERVICE + "/lock", PUT=("UpdateServiceSafetyLock", service_settings.update_lock)),
    route(SERVICE + "/mirror", POST=("CreateServiceMirror", service_settings.create_mirror),
          GET=("DescribeServiceMirror", service_settings.describe_mirror),
          PUT=("UpdateServiceMirror", service_settings.update_mirror),
          DELETE=("DeleteServiceMirror", service_settings.delete_mirror)),
    route(SERVICE + "/autoscaler", POST=("CreateServiceAutoScaler", scalers.create_autoscaler),
          GET=("DescribeServiceAutoScaler", scalers.describe_autoscaler),
          PUT=("UpdateServiceAutoScaler", scalers.update_autoscaler),
          DELETE=("DeleteServiceAutoScaler", scalers.delete_autoscaler)),
    route(SERVICE + "/cronscaler", POST=("CreateServiceCronScaler", scalers.create_cronscaler),
          GET=("DescribeServiceCronScaler", scalers.describe_cronscaler),
          PUT=("UpdateServiceCronScaler", scalers.update_cronscaler),
          DELETE=("DeleteServiceCronScaler", scalers.delete_cronscaler)),
    route(PREFIX + "/groups", GET=("ListGroups", groups.list_)),
    route(GROUP, GET=("DescribeGroup", groups.describe)),
    route(GROUP + "/endpoints", GET=("DescribeGroupEndpoints", groups.endpoints)),
    route(PREFIX + "/gateways", GET=("ListGateway", gateways.list_),
          POST=("CreateGateway", gateways.create)),
    route(GATEWAY, GET=("DescribeGateway", gateways.describe),
          PUT=("UpdateGateway", gateways.update), DELETE=("DeleteGateway", gateways.delete)),
    route(GATEWAY + "/intranet_supported_zone",
          GET=("ListGatewayIntranetSupportedZone", gateways.zones)),
    route(GATEWAY + "/intranet_endpoint_linked_vpc",
          POST=("CreateGatewayIntranetLinkedVpc", gateways.create_linked_vpc),
          GET=("ListGatewayIntranetLinkedVpc", gateways.list_linked_vpcs),
          DELETE=("DeleteGatewayIntranetLinkedVpc", gateways.delete_linked_vpc)),
    route(GATEWAY + "/intranet_endpoint_linked_vpc_peer",
          POST=("CreateGatewayIntranetLinkedVpcPeer", gateways.create_peers),
          GET=("ListGatewayIntranetLinkedVpcPeer", gateways.list_peers),
          DELETE=("DeleteGatewayIntranetLinkedVpcPeer", gateways.delete_peers)),
    route(GATEWAY + "/acl_policy", POST=("CreateAclPolicy", gateways.create_acl),
          GET=("ListAclPolicy", gateways.list_acl), DELETE=("DeleteAclPolicy", gateways.delete_acl)),
    route(GATEWAY + "/domain/attach", PUT=("AttachGatewayDomain", gateways.attach_domain)),
    route(GATEWAY + "/domain/detach", PUT=("DetachGatewayDomain", gateways.detach_domain)),
    route(GATEWAY + "/domains", GET=("ListGatewayDomains", gateways.list_domains)),
    route(PREFIX + "/regions", GET=("DescribeRegions", regions.describe)),
    # Not served (501): outside the emulator's scope.
    route(PREFIX + "/app_services", POST="CreateAppService"),
    route(PREFIX + "/app_services/{ClusterId}/{ServiceName}", PUT="UpdateAppService"),
    route(PREFIX + "/benchmark-tasks", GET="ListBenchmarkTask", POST="CreateBenchmarkTask"),
    route(PREFIX + "/benchmark-tasks/{ClusterId}/{TaskName}", GET="DescribeBenchmarkTask",
          PUT="UpdateBenchmarkTask", DELETE="DeleteBenchmarkTask"),
    route(PREFIX + "/benchmark-tasks/{ClusterId}/{TaskName}/report",
          GET="DescribeBenchmarkTaskReport"),
    route(PREFIX + "/benchmark-tasks/{ClusterId}/{TaskName}/start", PUT="StartBenchmarkTask"),
    route(PREFIX + "/benchmark-tasks/{ClusterId}/{TaskName}/stop", PUT="StopBenchmarkTask"),
    route(PREFIX + "/public/instance_types", GET="DescribeMachineSpec"),
    route(PREFIX + "/public/spot_discount", GET="DescribeSpotDiscountHistory"),
    route(PREFIX + "/resources", GET="ListResources", POST="CreateResource"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}", GET="DescribeResource",
          PUT="UpdateResource", DELETE="DeleteResource"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/dlink", GET="DescribeResourceDLink",
          PUT="UpdateResourceDLink", DELETE="DeleteResourceDLink"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/instance/{InstanceName}/workers",
          GET="ListResourceInstanceWorker"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/instances", GET="ListResourceInstances",
          POST="CreateResourceInstances", DELETE="DeleteResourceInstances"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/instances/{InstanceId}",
          PUT="UpdateResourceInstance"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/label",
          PUT="UpdateResourceInstanceLabel", DELETE="DeleteResourceInstanceLabel"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/log", GET="DescribeResourceLog",
          POST="CreateResourceLog", DELETE="DeleteResourceLog"),
    route(PREFIX + "/resources/{ClusterId}/{ResourceId}/services", GET="ListResourceServices"),
    route(PREFIX + "/tenantaddons", GET="ListTenantAddons"),
    route(PREFIX + "/tenantaddons/{ClusterId}/{AddonName}/reinstall", PUT="ReinstallTenantAddon"),
    route(PREFIX + "/virtualresources", GET="ListVirtualResource", POST="CreateVirtualResource"),
    route(PREFIX + "/virtualresources/{ClusterId}/{VirtualResourceId}",
          GET="DescribeVirtualResource", PUT="UpdateVirtualResource",
          DELETE="DeleteVirtualResource"),
]


def match(raw_path: str) -> tuple[Route, dict[str, str]] | None:
    """The route a raw path selects and its decoded parameters; literal segments win."""
    segments = path_segments(raw_path)[1:]  # the path starts with '/'
    best, best_literals = None, -1
    for candidate in ROUTES:
        template = candidate.segments
        if len(template) != len(segments):
            continue
        params, literals = {}, 0
        for expected, actual in zip(template, segments):
            if expected.startswith("{"):
                if not actual:
                    break
                params[expected[1:-1]] = actual
            elif expected == actual:
                literals += 1
            else:
                break
        else:
            if literals > best_literals:
                best, best_literals = (candidate, params), literals
    return best


def dispatch(ctx: Context) -> dict:
    raw = ctx.raw
    path = raw.raw_path.split("?", 1)[0]
    found = match(path)
    if found is None:
        raise errors.ApiError(404, "InvalidAction.NotFound",
                              f"No EAS operation matches path {path[:300]}.")
    selected, params = found
    operation = selected.operations.get(raw.method)
    if operation is None:
        raise errors.ApiError(405, "UnsupportedHTTPMethod",
                              f"Method {raw.method} is not supported on {path[:300]} (allowed: "
                              f"{', '.join(selected.operations)}).")
    version = raw.headers.get("x-acs-version")
    if version != API_VERSION:
        raise errors.ApiError(400, "InvalidVersion" if version else "MissingParameter",
                              f"x-acs-version must be {API_VERSION} (the EAS API version "
                              f"served here), got {(version or 'none')[:40]}.")
    action = raw.headers.get("x-acs-action")
    if not action:
        raise errors.missing_field("x-acs-action (the operation name, e.g. "
                                   f"{operation.action})")
    if action != operation.action:
        raise errors.mismatched_action(action, operation.action, raw.method, path)
    if operation.handler is None:
        raise errors.not_implemented(f"The EAS operation {operation.action}")
    ctx.path = params
    return operation.handler(ctx)


def api_routes() -> list[ApiRoute]:
    """One catch-all route of the core app; `dispatch` routes on the raw path."""
    return [ApiRoute(CATCH_ALL, {method: dispatch for method in ("GET", "POST", "PUT", "DELETE")})]


UNSUPPORTED = [(r.path, method) for r in ROUTES for method, op in r.operations.items()
               if op.handler is None]
