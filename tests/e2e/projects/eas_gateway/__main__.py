"""A PAI-EAS dedicated Gateway and, optionally, its IntranetConnection (an intranet endpoint in a VPC).

Stack config (all optional): alias, instanceType, replicas, chargeType,
allowReplace, timeoutSeconds (the gateway's), link (false: no connection),
vpc, vswitch, linkAllowReplace, linkTimeoutSeconds (the connection's),
importGateway ("<region>/<gateway_id>", alias importAlias) and importLink
("<region>/<gateway_id>/<vpc_id>/<vswitch_id>"): also import those existing ones.

Each resource has its own allow_replace: a change of provider options alone is
an update, whose outputs a preview cannot know, so flipping the gateway's
would hide the connection's gateway_id from the connection's preview.
"""

import pulumi

from inference_iac.eas import Gateway, IntranetConnection

config = pulumi.Config()
allow_replace = config.get_bool("allowReplace") is not False

args = {"name": config.get("alias") or "e2e-gw", "instance_type": config.get("instanceType") or "2c4g",
        "replicas": config.get_int("replicas") or 2, "charge_type": config.get("chargeType") or "PostPaid",
        "allow_replace": allow_replace}
if config.get("timeoutSeconds"):
    args["timeout_seconds"] = config.get_float("timeoutSeconds")
gateway = Gateway("gw", args)
pulumi.export("gateway_id", gateway.gateway_id)
pulumi.export("gateway_status", gateway.status)

if config.get_bool("link") is not False:
    link_args = {"gateway_id": gateway.gateway_id, "vpc_id": config.get("vpc") or "vpc-e2e1",
                 "vswitch_id": config.get("vswitch") or "vsw-e2e1",
                 "allow_replace": config.get_bool("linkAllowReplace") is not False}
    if config.get("linkTimeoutSeconds"):
        link_args["timeout_seconds"] = config.get_float("linkTimeoutSeconds")
    link = IntranetConnection("link", link_args)
    pulumi.export("link_id", link.id)
    pulumi.export("link_ip", link.ip)
    pulumi.export("link_status", link.status)

import_gateway = config.get("importGateway")
if import_gateway:
    legacy = Gateway("legacy-gw", {"name": config.get("importAlias"), "instance_type": "2c4g",
                                   "charge_type": "PrePaid"},
                     opts=pulumi.ResourceOptions(import_=import_gateway))
    pulumi.export("legacy_gateway_status", legacy.status)

import_link = config.get("importLink")
if import_link:
    _, gateway_id, vpc_id, vswitch_id = import_link.split("/")
    legacy_link = IntranetConnection("legacy-link", {"gateway_id": gateway_id, "vpc_id": vpc_id,
                                                     "vswitch_id": vswitch_id},
                                     opts=pulumi.ResourceOptions(import_=import_link))
    pulumi.export("legacy_link_ip", legacy_link.ip)
