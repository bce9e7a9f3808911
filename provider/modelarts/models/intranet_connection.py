"""IntranetConnection: reach a service from your own VPC (or resource-pool network) privately."""

from __future__ import annotations

import ipaddress
import re
from typing import Any, ClassVar, Literal

from pydantic import field_validator, model_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field

MAX_CUSTOM_URLS = 10
MAX_URL_LENGTH = 1024
# The ids a connection names (service, VPC, subnet, pool, dispatcher group).
ID = r"^[A-Za-z0-9_.-]{1,64}$"
_URL = re.compile(r"(?P<scheme>https?|wss?)://(?P<host>[^/:]+)(?::(?P<port>\d{1,5}))?(?P<path>/[A-Za-z0-9._/-]*)?")
_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")


def custom_url_problem(url: str) -> str | None:
    """Why `url` breaks the documented custom-URL rules (IntranetConnectionRequest.custom_urls), or None."""
    if len(url) > MAX_URL_LENGTH:
        return f"must be at most {MAX_URL_LENGTH} characters"
    match = _URL.fullmatch(url)
    if match is None:
        return "must look like {http|https|ws|wss}://{domain or IP:port}{/path}; the path may hold A-Z a-z 0-9 . _ / -"
    if match["port"] is not None and not 1 <= int(match["port"]) <= 65535:
        return "port must be 1-65535"
    host = match["host"]
    try:
        ipaddress.IPv4Address(host)
        return None if match["port"] else "an IP address needs a port (IP:port)"
    except ValueError:
        pass
    labels = host.split(".")
    if len(host) > 63 or len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return "domain must be at most 63 characters of letters, digits and '-' (not at either end of a label)"
    if any(ch.isdigit() for ch in labels[-1]):
        return "the top-level domain must not contain digits"
    return None


class IntranetConnectionSpec(Spec):
    unlisted_change: ClassVar[Action] = Action.REPLACE

    # Only the custom URLs have an update operation (`/modify`); the rest defines
    # which network reaches which service, i.e. another VPC endpoint.
    name: str | None = spec_field(None, api=False, create_only=True)
    """Label of the connection in the provider's messages; the API has no name for connections, so it is never
    sent."""
    service_id: str = spec_field(change=Action.REPLACE, why="a connection links one service for life", pattern=ID)
    """ID of the service the connection reaches; always required, as the provider manages service-scoped
    connections. Like every ID here: 1-64 letters, digits, '.', '_' or '-'."""
    scene: Literal["VPC", "POOL"] = spec_field(
        "VPC", change=Action.REPLACE, why="the network type (VPC or resource pool) is fixed at creation")
    """Network the service is reached from: VPC (your VPC: vpc_id and subnet_id, no pool_id) or POOL (the
    network of your dedicated resource pool: pool_id, no vpc_id or subnet_id)."""
    type: Literal["SERVICE", "GLOBAL"] = spec_field(
        "SERVICE", change=Action.REPLACE, why="the access granularity (SERVICE or GLOBAL) is fixed at creation")
    """Access granularity of the connection: SERVICE (this one service) or GLOBAL."""
    vpc_id: str | None = spec_field(None, change=Action.REPLACE, why="the VPC endpoint lives in the VPC chosen at "
                                    "creation", pattern=ID)
    """ID of your VPC that reaches the service, with at most one connection per service and VPC; required for
    scene VPC, refused for POOL."""
    subnet_id: str | None = spec_field(None, change=Action.REPLACE, why="the VPC endpoint lives in the subnet "
                                       "chosen at creation", pattern=ID)
    """ID of the subnet of vpc_id that the connection's VPC endpoint is created in; required for scene VPC,
    refused for POOL."""
    pool_id: str | None = spec_field(None, change=Action.REPLACE, why="the resource pool is fixed at creation",
                                     pattern=ID)
    """ID of the dedicated resource pool whose network reaches the service; required for scene POOL, refused
    for VPC."""
    dispatcher_group_id: str | None = spec_field(None, change=Action.REPLACE,
                                                 why="the dispatcher group is fixed at creation", pattern=ID)
    """ID of the dispatcher group the service is bound to."""
    custom_urls: list[str] | None = spec_field(None, change=Action.UPDATE, max_length=MAX_CUSTOM_URLS)
    """Own addresses the service is called at through this connection, each given once, as
    {http|https|ws|wss}://{domain or IP:port}{/path}. Unset leaves the connection's as they are; [] clears
    them."""

    @field_validator("custom_urls")
    @classmethod
    def _valid_urls(cls, urls: list[str] | None) -> list[str] | None:
        for index, url in enumerate(urls or []):
            problem = custom_url_problem(url)
            if problem:
                raise ValueError(f"custom_urls[{index}] {url!r}: {problem}")
        if urls and len(set(urls)) != len(urls):
            raise ValueError("custom_urls must not repeat a URL")
        return urls

    @model_validator(mode="after")
    def _network_matches_scene(self) -> "IntranetConnectionSpec":
        wanted, unwanted = (("vpc_id", "subnet_id"), ("pool_id",)) if self.scene == "VPC" else \
            (("pool_id",), ("vpc_id", "subnet_id"))
        for name in wanted:
            if getattr(self, name) is None:
                raise ValueError(f"{name}: required for scene {self.scene} (scene VPC needs vpc_id and subnet_id, "
                                 "scene POOL needs pool_id)")
        for name in unwanted:
            if getattr(self, name) is not None:
                raise ValueError(f"{name}: not used in scene {self.scene}: leave it out (scene VPC takes vpc_id and "
                                 "subnet_id, and no pool_id; scene POOL takes pool_id, and no vpc_id or subnet_id)")
        return self

    def create_body(self) -> dict[str, Any]:
        return self.api_fields()

    @classmethod
    def from_api(cls, live: dict[str, Any], name: str | None = None) -> "IntranetConnectionSpec":
        """Project an IntranetConnectionInfo onto the create-body shape."""
        flat = {**live, "name": name, "custom_urls": live.get("custom_url_list") or []}
        # Only the network fields of the connection's own scene are inputs.
        unused = ("pool_id",) if live.get("scene", "VPC") == "VPC" else ("vpc_id", "subnet_id")
        for key in unused:
            flat.pop(key, None)
        return cls.project(flat)
