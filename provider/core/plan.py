"""Plan vocabulary and the field-by-field comparison every cloud's planners share.

A `Plan` says what differs (`changes`: one classified `Change` per changed
path), what will be done about it (`steps`: typed operations a reconciler
carries out in order) and why (`notes`). The same planning function serves
`diff` (preview) and the update itself, so what preview shows is what runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from pydantic import BaseModel

from .actions import Action
from .spec import change_rules, compared_fields

__all__ = ["Action", "Change", "Plan", "Step", "changed_paths", "classified_changes", "classify", "top_level"]


@dataclass(frozen=True)
class Change:
    path: str
    action: Action
    old: Any = None
    new: Any = None

    def describe(self) -> str:
        return f"{self.path}: {_short(self.old)} -> {_short(self.new)}"


@dataclass(frozen=True, kw_only=True)
class Step:
    """One operation of a plan. Clouds subclass it with the operation's data."""

    action: Action

    def describe(self) -> str:
        return self.action.value


@dataclass(frozen=True)
class Plan:
    changes: tuple[Change, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    steps: tuple[Step, ...] = ()
    # Fields another resource owns: not compared, and kept at their live value by an update.
    ignored: tuple[str, ...] = ()

    @property
    def action(self) -> Action:
        return max((c.action for c in self.changes), key=lambda a: a.rank, default=Action.NOOP)

    @property
    def actions(self) -> set[Action]:
        return {c.action for c in self.changes}

    def fields(self, action: Action) -> list[str]:
        return [c.path for c in self.changes if c.action is action]

    @property
    def replace_fields(self) -> list[str]:
        # Top-level input names, which is what the engine expects in `replaces`.
        return sorted({top_level(c.path) for c in self.changes if c.action is Action.REPLACE})

    def summary(self) -> str:
        if not self.changes:
            return "no-op"
        details = "; ".join(c.describe() for c in self.changes)
        notes = "".join(f"; {note}" for note in self.notes)
        return f"{self.action.value} ({details}){notes}"

    def with_note(self, note: str) -> "Plan":
        return replace(self, notes=self.notes + (note,))

    def with_steps(self, *steps: Step) -> "Plan":
        return replace(self, steps=self.steps + steps)

    @property
    def top_fields(self) -> set[str]:
        """Top-level input names that changed."""
        return {top_level(c.path) for c in self.changes}


def top_level(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def changed_paths(desired: Any, live: Any, prefix: str = "") -> list[tuple[str, Any, Any]]:
    """Paths where `desired` differs from `live`.

    Only fields the desired model sets (not None) are compared, so values the
    platform fills in by itself never show up as drift. Lists and maps are
    compared as wholes element by element: an extra live element is drift.
    """
    if isinstance(desired, BaseModel):
        out: list[tuple[str, Any, Any]] = []
        for name in compared_fields(type(desired)):
            want = getattr(desired, name)
            if want is None:
                continue
            have = getattr(live, name, None) if live is not None else None
            out += changed_paths(want, have, f"{prefix}.{name}" if prefix else name)
        return out
    if isinstance(desired, list) and desired and isinstance(desired[0], BaseModel):
        if not isinstance(live, list) or len(live) != len(desired):
            return [(prefix, _dump(desired), _dump(live))]
        out = []
        for index, (want, have) in enumerate(zip(desired, live)):
            out += changed_paths(want, have, f"{prefix}[{index}]")
        return out
    if _dump(desired) != _dump(live):
        return [(prefix, _dump(desired), _dump(live))]
    return []


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def classify(
    differences: Iterable[tuple[str, Any, Any]],
    rules: dict[str, Action],
    default: Action,
) -> tuple[Change, ...]:
    """Give each changed path the action of the longest rule prefix that matches it."""
    changes = []
    for path, new, old in differences:
        action = default
        best = -1
        for rule, rule_action in rules.items():
            if (path == rule or path.startswith(rule + ".") or path.startswith(rule + "[")) and len(rule) > best:
                action, best = rule_action, len(rule)
        changes.append(Change(path=path, action=action, old=old, new=new))
    return tuple(changes)


def classified_changes(desired: BaseModel, live: Any, skip: Iterable[str] = ()) -> tuple[Change, ...]:
    """Every difference between `desired` and `live`, classified by the fields' declared roles
    (undeclared fields take the model's `unlisted_change`); `skip` names top-level fields not compared."""
    skipped = set(skip)
    model = type(desired)
    differences = [d for d in changed_paths(desired, live) if top_level(d[0]) not in skipped]
    return classify(differences, change_rules(model), getattr(model, "unlisted_change", Action.UPDATE))
