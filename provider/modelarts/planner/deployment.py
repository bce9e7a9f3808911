"""How each deployment field can change, and the plan for a given desired/live pair.

The plan's first step is what the reconciler does next; after it settles the
reconciler plans again from the new live state, so each step starts from a
state the platform accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, changed_paths, classified_changes
from ..models.deployment import DeploymentSpec
from .rollout import RolloutShape, rollout_shape



@dataclass(frozen=True, kw_only=True)
class SwitchVersion(Step):
    """Back to a recorded version whose configuration is the desired one."""

    version: str


@dataclass(frozen=True, kw_only=True)
class PutConfig(Step):
    """One update request carrying the whole desired configuration (count and weight included)."""

    upgrade: bool
    shape: RolloutShape | None = None


@dataclass(frozen=True, kw_only=True)
class Scale(Step):
    count: int


@dataclass(frozen=True, kw_only=True)
class SetRunState(Step):
    state: str


def matching_version(desired: DeploymentSpec, versions: Mapping[str, DeploymentSpec]) -> str | None:
    """A recorded version whose configuration is what `desired` asks for, if any.

    Reverting a stack to an earlier configuration then switches the
    deployment back to that version instead of rolling out a new one. Replica
    count, weight, run state and description are not part of a version.
    """
    for version, spec in versions.items():
        aligned = spec.model_copy(update={"count": desired.count, "weight": desired.weight,
                                          "state": desired.state, "description": desired.description})
        if not changed_paths(desired, aligned):
            return version
    return None


def plan_deployment(
    desired: DeploymentSpec,
    live: DeploymentSpec | None,
    *,
    live_version: str | None = None,
    owned: Iterable[str] = (),
    recorded: Mapping[str, DeploymentSpec] | None = None,
) -> Plan:
    """`owned` names fields something else manages (a scaling rule owns `count`);
    `recorded` are earlier versions a rolling upgrade could switch back to."""
    if live is None:
        return Plan(notes=("deployment not found: it will be created",))
    owned = set(owned)
    notes = tuple(f"{field} is owned by a scaling rule; its drift is ignored" for field in sorted(owned))
    plan = Plan(changes=classified_changes(desired, live, skip=owned), notes=notes, ignored=tuple(sorted(owned)))
    actions = plan.actions
    if plan.action is Action.REPLACE:
        return plan
    if Action.ROLLING_UPGRADE in actions:
        version = matching_version(desired, recorded or {})
        if version is not None:
            return _switch_back(plan, version)
        shape = rollout_shape(desired.count, desired.advanced_config.upgrade_config.rolling_update)
        return plan.with_note(f"from version {live_version} to a new version in {shape.describe()}").with_steps(
            PutConfig(action=Action.ROLLING_UPGRADE, upgrade=True, shape=shape))
    steps: list[Step] = []
    if actions & {Action.UPDATE, Action.TRAFFIC}:
        moved = [a for a in actions if a in (Action.UPDATE, Action.TRAFFIC, Action.SCALE)]
        steps.append(PutConfig(action=max(moved, key=lambda a: a.rank), upgrade=False))
    elif Action.SCALE in actions:
        steps.append(Scale(action=Action.SCALE, count=desired.count))
    if Action.START_STOP in actions and desired.state is not None:
        steps.append(SetRunState(action=Action.START_STOP, state=desired.state))
    return plan.with_steps(*steps)


def _switch_back(plan: Plan, version: str) -> Plan:
    changes = tuple(replace(c, action=Action.SWITCH_BACK) if c.action is Action.ROLLING_UPGRADE else c
                    for c in plan.changes)
    return replace(plan, changes=changes, notes=plan.notes + (
        f"switches back to version {version}, which has the desired configuration",),
        steps=(SwitchVersion(action=Action.SWITCH_BACK, version=version),))


def wants_versions(plan: Plan) -> bool:
    """Whether recorded versions could turn this plan into a switch back."""
    return plan.action is Action.ROLLING_UPGRADE


__all__ = ["Change", "PutConfig", "Scale", "SetRunState", "SwitchVersion", "matching_version",
           "plan_deployment", "wants_versions"]
