"""ApiKey: the token of one EAS service (a Deployment).

EAS keeps exactly one token per service and has no operation to create, list
or revoke one (eas-api.md 4.1, 6.3): the token is a key of the service JSON.
The ApiKey owns it: it sets a new random value, keeps it as a secret output,
claims the service with a label (so a second ApiKey for the same service is
refused) and, when deleted, revokes it by setting another random value that
nobody records. Rotation is a replacement: a new key, a new value.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import field_validator

from ...core.actions import Action
from ...core.spec import Spec, spec_field
from .common import MAX_LABEL_CHARS, NAME, check_name

_NO_UPDATE = "EAS has no API for keys: a new {} means a new key (and a new token value)"
TOKEN_BYTES = 32


class ApiKeySpec(Spec):
    unlisted_change: ClassVar[Action] = Action.REPLACE

    name: str = spec_field(change=Action.REPLACE, why=_NO_UPDATE.format("name"), min_length=1,
                           max_length=MAX_LABEL_CHARS, pattern=r"^[A-Za-z0-9._-]+$")
    """Name of the key, recorded on the service as the label `inference-iac.api-key`; a service whose label
    names another key refuses this one."""
    deployment_name: str = spec_field(change=Action.REPLACE, pattern=NAME,
                                      why="a token belongs to one service; another service's token is another key")
    """Name of the Deployment (EAS service) whose token this key is; one key per service."""
    rotation: str | None = spec_field(None, change=Action.REPLACE, why="rotating a token replaces the key",
                                      max_length=256)
    """Any text; changing it rotates the token: the key is replaced, with a new value."""

    _deployment = field_validator("deployment_name")(classmethod(lambda cls, v: check_name(v)))


