"""Fields of a deployment that another resource owns, so the deployment's diff must not fight over them.

An enabled auto-scaling policy moves a deployment's replica count on its own
schedule; if the Deployment resource kept planning its declared `count` back,
every preview after a scheduled scale-out would show a spurious scale.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


def _enabled(rule: dict[str, Any]) -> bool:
    # `disable` is a bool in requests and the string "true"/"false" in responses.
    value = rule.get("disable", False)
    return not (value is True or str(value).lower() == "true")


def owned_fields(hpa_policy: dict[str, Any] | None) -> set[str]:
    """{"count"} while `hpa_policy` (a GET .../hpa response, or None) is enabled with an enabled rule."""
    if not hpa_policy:
        return set()
    if str(hpa_policy.get("status", "ACTIVE")).upper() in ("INACTIVE", "DELETED"):
        return set()
    if any(_enabled(rule) for rule in hpa_policy.get("hpa_rules") or []):
        return {"count"}
    return set()


def yield_owned(desired: T, live: T, fields: set[str]) -> T:
    """`desired` with each owned field set to its live value, so planning sees no change there.

    Use the result both for the plan and for the request body of an update,
    so a rolling upgrade does not reset what the owner set either.
    """
    update = {name: getattr(live, name) for name in fields if getattr(live, name, None) is not None}
    return desired.model_copy(update=update) if update else desired
