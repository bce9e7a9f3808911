"""Response bodies in the SDK's wire names (eas-api.md section 7).

Every body is a JSON object with a `RequestId` (`requestId` for the three
*IntranetLinkedVpcPeer operations, whose SDK models spell it so: a
PascalCase one would be dropped by the SDK).
"""

from __future__ import annotations

import json
import math

from .errors import request_id
from .state import instances as instance_view
from .state.common import iso
from .state.gateway import Gateway
from .state.group import Group
from .state.service import Service, gateway_of


def ok(message: str = "", **fields) -> dict:
    body = {"RequestId": request_id()}
    if message:
        body["Message"] = message
    body.update(fields)
    return body


def peer_ok(**fields) -> dict:
    return {"requestId": request_id(), **fields}


def page(items: list, number: int, size: int) -> list:
    return items[(number - 1) * size: number * size]


def total_pages(total: int, size: int) -> int:
    return math.ceil(total / size) if total else 0


# ----- services ---------------------------------------------------------------------------------

def endpoints(service: Service, uid: str, gateway: Gateway | None) -> tuple[str, str]:
    """(InternetEndpoint, IntranetEndpoint): the shared gateway's, or the private gateway's."""
    path = f"/api/predict/{service.name}"
    if gateway is not None:
        internet, intranet = gateway.internet_domain(uid), gateway.intranet_domain(uid)
        return (f"http://{internet}{path}" if internet else "",
                f"http://{intranet}{path}" if intranet else "")
    return (f"http://{uid}.{service.region}.pai-eas.aliyuncs.com{path}",
            f"http://{uid}.vpc.{service.region}.pai-eas.aliyuncs.com{path}")


def service(svc: Service, uid: str, now: float, gateway: Gateway | None,
            with_request_id: bool = True) -> dict:
    """The `Service` model (DescribeService's whole body, ListServices' items)."""
    config = svc.config
    metadata = config.get("metadata") or {}
    running, pending, total = instance_view.counts(svc, now)
    internet, intranet = endpoints(svc, uid, gateway)
    containers = config.get("containers") if isinstance(config.get("containers"), list) else []
    image = containers[0].get("image", "") if containers and isinstance(containers[0], dict) else ""
    body = {
        "ServiceId": svc.service_id,
        "ServiceName": svc.name,
        "ServiceUid": svc.service_id,
        "Region": svc.region,
        "Status": svc.status,
        "Reason": svc.reason,
        "Message": svc.message,
        "CreateTime": iso(svc.create_time),
        "UpdateTime": iso(svc.update_time),
        "CallerUid": uid,
        "ParentUid": uid,
        "AccessToken": svc.token,
        "ServiceConfig": json.dumps(config, ensure_ascii=False, separators=(",", ":")),
        "CurrentVersion": svc.current_version,
        "LatestVersion": svc.latest_version,
        "RunningInstance": running,
        "PendingInstance": pending,
        "TotalInstance": total,
        "Cpu": _int(metadata.get("cpu")),
        "Memory": _int(metadata.get("memory")),
        "Gpu": _int(metadata.get("gpu")),
        "Image": image,
        "Resource": metadata.get("resource") or "",
        "ResourceAlias": metadata.get("resource") or "",
        "ServiceGroup": svc.group,
        "Gateway": gateway_of(config),
        "InternetEndpoint": internet,
        "IntranetEndpoint": intranet,
        "SecondaryInternetEndpoint": "",
        "SecondaryIntranetEndpoint": "",
        "Labels": [{"LabelKey": k, "LabelValue": v} for k, v in svc.labels.items()],
        "SafetyLock": svc.safety_lock,
        "TrafficState": svc.traffic_state,
        "Weight": svc.weight,
        "WorkspaceId": svc.workspace_id,
        "Namespace": svc.name,
        "Source": "",
        "Role": "",
        "RoleAttrs": "",
        "QuotaId": "",
        "ExtraData": "",
        "AppConfig": "",
        "AppSpecName": "",
        "AppType": "",
        "AppVersion": "",
    }
    if with_request_id:
        body = {"RequestId": request_id(), **body}
    return body


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def version(svc: Service, entry: dict) -> dict:
    config = entry["config"]
    custom_image = isinstance(config.get("containers"), list)
    return {
        "BuildTime": iso(entry["build_time"]),
        "ImageAvailable": "true",
        "ImageId": entry["version"],
        "Message": entry.get("message", ""),
        "ServiceConfig": json.dumps(config, ensure_ascii=False, separators=(",", ":"))
        if custom_image else "",
        "ServiceRunnable": "true",
    }


def event(item: dict) -> dict:
    return {"Time": item["Time"], "Type": item["Type"], "Reason": item["Reason"],
            "Message": item["Message"]}


def service_endpoints(svc: Service, uid: str, gateway: Gateway | None) -> list[dict]:
    internet, intranet = endpoints(svc, uid, None)
    found = [{"BackendId": svc.name, "EndpointType": "DefaultGateway", "PathType": "Service",
              "InternetEndpoints": [internet], "IntranetEndpoints": [intranet], "Port": 80}]
    if gateway is not None:
        internet, intranet = endpoints(svc, uid, gateway)
        found.append({"BackendId": gateway.gateway_id, "EndpointType": "PrivateGateway",
                      "PathType": "Service", "InternetEndpoints": [internet] if internet else [],
                      "IntranetEndpoints": [intranet] if intranet else [], "Port": 80})
    return found


# ----- groups -----------------------------------------------------------------------------------

def group_endpoints(group: Group, uid: str) -> tuple[str, str]:
    path = f"/api/predict/{group.name}"
    return (f"http://{uid}.{group.region}.pai-eas.aliyuncs.com{path}",
            f"http://{uid}.vpc.{group.region}.pai-eas.aliyuncs.com{path}")


def group(item: Group, uid: str, with_request_id: bool = False) -> dict:
    internet, intranet = group_endpoints(item, uid)
    body = {"Name": item.name, "ClusterId": item.region, "AccessToken": item.token,
            "CreateTime": iso(item.create_time), "UpdateTime": iso(item.update_time),
            "InternetEndpoint": internet, "IntranetEndpoint": intranet,
            "QueueService": item.queue_service, "TrafficMode": item.traffic_mode}
    if with_request_id:
        body = {"RequestId": request_id(), **body}
    return body


# ----- gateways ---------------------------------------------------------------------------------

def gateway(item: Gateway, uid: str, listed: bool = False) -> dict:
    body = {
        "GatewayId": item.gateway_id,
        "GatewayName": item.name,
        "InstanceType": item.instance_type,
        "Replicas": item.replicas,
        "Status": item.status,
        "InternetEnabled": item.internet_enabled,
        "InternetDomain": item.internet_domain(uid),
        "IntranetDomain": item.intranet_domain(uid),
        "IsDefault": item.is_default,
        "SSLRedirectionEnabled": item.ssl_redirection,
        "CreateTime": iso(item.create_time),
        "UpdateTime": iso(item.update_time),
    }
    if listed:
        body["ChargeType"] = item.charge_type
    else:
        body.update({"RequestId": request_id(), "InternetStatus": item.internet_status,
                     "ExternalClusterId": ""})
    return body


def linked_vpc(linked: dict) -> dict:
    return {key: linked[key] for key in ("VpcId", "VSwitchId", "SecurityGroupId", "Ip", "Status",
                                         "AuthoritativeDnsEnabled")}
