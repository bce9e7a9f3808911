"""How each deployment field can change, and the plan for a given desired/live pair.

The plan's first step is what the reconciler does next; after it settles the
reconciler plans again from the new live state, so each step starts from a
state the platform accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from ...core.actions import Action
from ...core.plan import Change, Plan, Step, changed_paths, classified_changes
from ...core.rollout import RolloutShape
from ..models.deployment import DeploymentSpec, Mirror
from ..statuses import LOCKS, UNLOCKED
from .rollout import rollout_shape

# Fields outside the service JSON: a recorded version says nothing about them.
NOT_VERSIONED = ("weight", "initial_weight", "labels", "safety_lock", "mirror", "state", "workspace_id")
# How loose each lock is: a larger number refuses less.
LOOSER_LOCK = {lock: looseness for looseness, lock in enumerate(reversed(LOCKS))}


@dataclass(frozen=True, kw_only=True)
class SwitchVersion(Step):
    """UpdateServiceVersion back to a recorded version whose configuration is the desired one."""

    version: int


@dataclass(frozen=True, kw_only=True)
class PutConfig(Step):
    """UpdateService (replace) with the whole desired service JSON: a new version, rolled out."""

    shape: RolloutShape


@dataclass(frozen=True, kw_only=True)
class Scale(Step):
    """UpdateService (replace) with the live JSON at a new instance count: no new version."""

    count: int


@dataclass(frozen=True, kw_only=True)
class Release(Step):
    """ReleaseService: the weight, in grouping state."""

    weight: int


@dataclass(frozen=True, kw_only=True)
class SyncLabels(Step):
    add: dict[str, str]
    remove: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class SetLock(Step):
    lock: str


@dataclass(frozen=True, kw_only=True)
class SetMirror(Step):
    """Create or update the mirror (on this, the stable, deployment)."""

    mirror: Mirror
    exists: bool


@dataclass(frozen=True, kw_only=True)
class SetRunState(Step):
    state: str


def owning_count(desired: DeploymentSpec, live: DeploymentSpec) -> DeploymentSpec:
    """`desired` at the live instance count: while a ScalingRule exists it owns the count, and neither
    the plan nor an update body may move it."""
    metadata = desired.metadata.model_copy(update={"instance": live.metadata.instance})
    return desired.model_copy(update={"metadata": metadata})


def matching_version(desired: DeploymentSpec, versions: Mapping[int, DeploymentSpec]) -> int | None:
    """The newest recorded version whose service JSON is what `desired` asks for, if any.

    Reverting a stack to an earlier configuration then switches the service
    back to that version instead of rolling out a new one. The instance count
    and everything outside the JSON are not part of a version.
    """
    for version in sorted(versions, reverse=True):
        spec = versions[version]
        aligned = spec.model_copy(update={field: getattr(desired, field) for field in NOT_VERSIONED})
        aligned = aligned.model_copy(update={"metadata": aligned.metadata.model_copy(
            update={"instance": desired.metadata.instance})})
        if not changed_paths(desired, aligned):
            return version
    return None


def label_edits(desired: DeploymentSpec, live: DeploymentSpec) -> SyncLabels | None:
    if desired.labels is None:
        return None
    current = live.labels or {}
    add = {k: v for k, v in desired.labels.items() if current.get(k) != v}
    remove = tuple(sorted(k for k in current if k not in desired.labels))
    return SyncLabels(action=Action.UPDATE, add=add, remove=remove) if add or remove else None


def plan_deployment(
    desired: DeploymentSpec,
    live: DeploymentSpec | None,
    *,
    live_version: int | None = None,
    count_owned: bool = False,
    recorded: Mapping[int, DeploymentSpec] | None = None,
) -> Plan:
    """`count_owned`: a ScalingRule owns the instance count; `recorded`: earlier versions (below the
    current one) a rolling update could switch back to."""
    if live is None:
        return Plan(notes=("deployment not found: it will be created",))
    notes: tuple[str, ...] = ()
    if count_owned:
        desired = owning_count(desired, live)
        notes = ("metadata.instance is owned by a scaling rule; its drift is ignored",)
    plan = Plan(changes=classified_changes(desired, live), notes=notes,
                ignored=("metadata.instance",) if count_owned else ())
    if plan.action is Action.REPLACE:
        return plan
    actions = plan.actions
    fields = plan.top_fields
    steps: list[Step] = []
    lock = SetLock(action=Action.UPDATE, lock=desired.safety_lock) if "safety_lock" in fields and desired.safety_lock else None
    loosens = lock is not None and LOOSER_LOCK[lock.lock] < LOOSER_LOCK.get(live.safety_lock or UNLOCKED, 0)
    if lock is not None and loosens:
        steps.append(lock)
    if Action.ROLLING_UPGRADE in actions:
        version = matching_version(desired, recorded or {})
        if version is not None:
            plan = _switch_back(plan, version)
            steps.append(SwitchVersion(action=Action.SWITCH_BACK, version=version))
        else:
            shape = rollout_shape(desired.metadata.instance, desired.metadata.rolling_strategy)
            plan = plan.with_note(f"from version {live_version} to a new version in {shape.describe()}")
            steps.append(PutConfig(action=Action.ROLLING_UPGRADE, shape=shape))
    elif "metadata" in fields:
        steps.append(Scale(action=Action.SCALE, count=desired.metadata.instance))
    if "weight" in fields and desired.weight is not None:
        steps.append(Release(action=Action.TRAFFIC, weight=desired.weight))
    if "mirror" in fields and desired.mirror is not None:
        steps.append(SetMirror(action=Action.TRAFFIC, mirror=desired.mirror, exists=live.mirror is not None))
    labels = label_edits(desired, live)
    if labels is not None:
        steps.append(labels)
    if lock is not None and not loosens:
        steps.append(lock)
    if "state" in fields and desired.state is not None:
        steps.append(SetRunState(action=Action.START_STOP, state=desired.state))
    return plan.with_steps(*steps)


def _switch_back(plan: Plan, version: int) -> Plan:
    changes = tuple(replace(c, action=Action.SWITCH_BACK) if c.action is Action.ROLLING_UPGRADE else c
                    for c in plan.changes)
    return replace(plan, changes=changes, notes=plan.notes + (
        f"switches back to version {version}, which has the desired configuration",))


def wants_versions(plan: Plan) -> bool:
    """Whether recorded versions could turn this plan into a switch back."""
    return Action.ROLLING_UPGRADE in plan.actions


__all__ = ["Change", "PutConfig", "Release", "Scale", "SetLock", "SetMirror", "SetRunState", "SwitchVersion",
           "SyncLabels", "matching_version", "owning_count", "plan_deployment", "wants_versions"]
