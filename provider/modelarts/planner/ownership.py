"""Fields of a deployment that another resource owns, so the deployment's diff must not fight over them.

An enabled auto-scaling policy moves a deployment's replica count on its own
schedule; if the Deployment resource kept planning its declared `count` back,
every preview after a scheduled scale-out would show a spurious scale.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from ..models.scaling_rule import LivePolicy

T = TypeVar("T", bound=BaseModel)


def owned_fields(policy: LivePolicy | None) -> set[str]:
    """{"count"} while the deployment's policy owns the replica count."""
    return {"count"} if policy is not None and policy.owns_replica_count else set()


def yield_owned(desired: T, live: T, fields: set[str]) -> T:
    """`desired` with each owned field set to its live value, so planning sees no change there.

    Use the result both for the plan and for the request body of an update,
    so a rolling upgrade does not reset what the owner set either.
    """
    update = {name: getattr(live, name) for name in fields if getattr(live, name, None) is not None}
    return desired.model_copy(update=update) if update else desired
