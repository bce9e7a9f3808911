"""How each deployment field can change, and the plan for a given desired/live pair.

The plan's first step is what the reconciler does next; after it settles the
reconciler plans again from the new live state, so each step starts from a
state the platform accepts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, classified_changes
from ...core.rollout import RolloutShape
from ..models.common import rollout_shape
from ..models.deployment import DeploymentSpec



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


# Not part of a version's configuration: changing them makes no new version.
OUTSIDE_A_VERSION = ("service_id", "name", "count", "weight", "initial_weight", "state", "description",
                     "mirror_traffic_enable", "mirror_traffic_weight")
# How many versions' configurations a deployment's state remembers (the platform keeps 20).
VERSIONS_REMEMBERED = 20


def configuration_digest(spec: DeploymentSpec) -> str:
    """A fingerprint of what a version is made of: equal digests, equal configurations."""
    body = {k: v for k, v in spec.body().items() if k not in OUTSIDE_A_VERSION}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:20]


def remember_version(recorded: Mapping[str, str] | None, version: str | None, spec: DeploymentSpec) -> dict[str, str]:
    """The versions a deployment's state remembers (version -> configuration digest), `version` added."""
    versions = dict(recorded or {})
    if version:
        versions.pop(version, None)
        versions[version] = configuration_digest(spec)
    return dict(list(versions.items())[-VERSIONS_REMEMBERED:])


def matching_version(desired: DeploymentSpec, recorded: Mapping[str, str], live_version: str | None) -> str | None:
    """A version this stack rolled out earlier whose configuration is what `desired` asks for.

    Reverting a stack to an earlier configuration then switches the
    deployment back to that version instead of rolling out a new one. The
    configurations are remembered in the state as digests, so planning costs
    no API call; a version the platform has since deleted makes the switch
    fall back to an upgrade.
    """
    wanted = configuration_digest(desired)
    for version, digest in reversed(list(recorded.items())):
        if digest == wanted and version != live_version:
            return version
    return None


def plan_deployment(
    desired: DeploymentSpec,
    live: DeploymentSpec | None,
    *,
    live_version: str | None = None,
    owned: Iterable[str] = (),
    recorded: Mapping[str, str] | None = None,
) -> Plan:
    """`owned` names fields something else manages (a scaling rule owns `count`);
    `recorded` are the versions this stack rolled out (version -> configuration digest)."""
    if live is None:
        return Plan(notes=("deployment not found: it will be created",))
    owned = set(owned)
    notes = tuple(f"{field} is owned by a scaling rule; its drift is ignored" for field in sorted(owned))
    plan = Plan(changes=classified_changes(desired, live, skip=owned), notes=notes, ignored=tuple(sorted(owned)))
    actions = plan.actions
    if plan.action is Action.REPLACE:
        return plan
    if Action.ROLLING_UPGRADE in actions:
        version = matching_version(desired, recorded or {}, live_version)
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


__all__ = ["Change", "PutConfig", "Scale", "SetRunState", "SwitchVersion", "configuration_digest",
           "matching_version", "plan_deployment", "remember_version"]
