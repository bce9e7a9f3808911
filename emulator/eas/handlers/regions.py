"""DescribeRegions: the regions the emulator serves."""

from __future__ import annotations

from .. import responses
from ..state.common import REGIONS
from .context import Context


def describe(ctx: Context) -> dict:
    return responses.ok(Regions=[{"RegionId": region, "RegionName": name}
                                 for region, name in REGIONS.items()])
