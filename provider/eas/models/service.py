"""Service: a PAI-EAS service group, the stable endpoint and token its Deployments serve behind.

API 2021-07-01 has no operation that creates, changes or deletes a group
(eas-api.md 4.2): a group exists while a service names it in
`metadata.group`. The Service is therefore its name: the group appears with
its first Deployment and goes with its last.
"""

from __future__ import annotations

from pydantic import field_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field
from .common import NAME, check_name


class ServiceSpec(Spec):
    name: str = spec_field(change=Action.REPLACE, pattern=NAME,
                           why="a group is its name: its members name it in metadata.group")
    """Name of the service group, unique in the region; Deployments join it with `metadata.group`."""

    _name = field_validator("name")(classmethod(lambda cls, v: check_name(v)))
