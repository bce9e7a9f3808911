"""Refusing a replacement the user has not allowed."""

from __future__ import annotations

from pydantic import BaseModel

from .actions import Action
from .errors import ReportedError
from .plan import Plan
from .spec import replace_reasons


class ReplaceRefused(ReportedError):
    """The plan needs a replacement but replacing is not allowed here."""


def refuse_replace(kind: str, name: str, plan: Plan, spec_cls: type[BaseModel], *, allowed: bool = False,
                   hint: str = "") -> None:
    """Raise ReplaceRefused when `plan` replaces and `allowed` is false, naming each field and why."""
    if plan.action is not Action.REPLACE or allowed:
        return
    reasons = replace_reasons(spec_cls)
    why = "; ".join(f"{f}: {reasons.get(f, 'cannot change in place')}" for f in plan.replace_fields)
    raise ReplaceRefused(f"{kind} {name} would have to be replaced ({why}){hint}")


ALLOW_REPLACE_HINT = (", and allow_replace is false. Revert the change, or set allow_replace: true to accept "
                      "a replacement.")
