"""IntranetConnection: a dedicated gateway's intranet endpoint in one of your VPCs (a linked VPC).

EAS identifies it by the gateway, the VPC and the vSwitch, and has no update
operation (eas-api.md 4.5, 7.9): every input is replace-only.
"""

from __future__ import annotations

from typing import ClassVar

from ...core.actions import Action
from ...core.spec import Spec, spec_field

_NO_UPDATE = "EAS has no update for a linked VPC: a new {} is another intranet endpoint"


class IntranetConnectionSpec(Spec):
    unlisted_change: ClassVar[Action] = Action.REPLACE

    gateway_id: str = spec_field(change=Action.REPLACE, why=_NO_UPDATE.format("gateway"), pattern=r"^gw-[A-Za-z0-9]+$")
    """ID of the dedicated Gateway (its `gateway_id` output) the endpoint belongs to."""
    vpc_id: str = spec_field(change=Action.REPLACE, why=_NO_UPDATE.format("VPC"), pattern=r"^vpc-[A-Za-z0-9]+$")
    """ID of your VPC the endpoint is placed in."""
    vswitch_id: str = spec_field(change=Action.REPLACE, why=_NO_UPDATE.format("vSwitch"),
                                 pattern=r"^vsw-[A-Za-z0-9]+$")
    """ID of the vSwitch (in a zone the gateway supports) the endpoint takes its IP address from."""
    enable_authoritative_dns: bool | None = spec_field(None, change=Action.REPLACE,
                                                       why=_NO_UPDATE.format("DNS setting"))
    """Whether the gateway's intranet domain resolves authoritatively in the VPC."""
