"""The plan of an ApiKey: its inputs are replace-only; the token and the claim are kept in place."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, classified_changes
from ..models.api_key import ApiKeySpec

HIDDEN = "(secret)"


@dataclass(frozen=True, kw_only=True)
class SetToken(Step):
    """Put the key's value back: the service's token was changed by someone else."""


@dataclass(frozen=True, kw_only=True)
class Claim(Step):
    """Label the service with the key's name (the claim was removed out of band)."""


def plan_api_key(desired: ApiKeySpec, recorded: ApiKeySpec, *, token_matches: bool, claimed_by: str | None) -> Plan:
    """`token_matches`: the live token is the key's value; `claimed_by`: the key the service's label names.
    The token never appears in a plan: a change of it is shown as (secret).

    An unclaimed token (imported, or its label removed out of band) bears no key name, so the recorded
    name, a stand-in, is no reason to replace the key: the desired name claims the token in place."""
    if claimed_by is None:
        recorded = recorded.model_copy(update={"name": desired.name})
    plan = Plan(changes=classified_changes(desired, recorded))
    if plan.action is Action.REPLACE:
        return plan
    changes, steps = list(plan.changes), []
    if not token_matches:
        changes.append(Change("token", Action.UPDATE, old=HIDDEN, new=HIDDEN))
        steps.append(SetToken(action=Action.UPDATE))
    if claimed_by != desired.name:
        changes.append(Change("claim", Action.UPDATE, old=claimed_by, new=desired.name))
        steps.append(Claim(action=Action.UPDATE))
    return Plan(changes=tuple(changes), steps=tuple(steps))
