"""Desired-state models: the `Spec` base class and how a field declares its role.

`Spec` models describe desired state with the management API's own field
names, so a validated spec dumps straight into a request body; the same model
projected from an API response gives the live state in the same shape, which
is what the planner compares.

A field declares, where it is declared, everything the rest of the code
derives from it (`spec_field`):

- `change`: the action a change of this field needs (replace, scale, traffic
  shift, in-place update, start/stop); undeclared fields take the resource's
  default action. A replace-only field must say `why`.
- `api=False`: an input of the provider itself (a run state, a path id), never
  part of a request body.
- `create_only`: sent when creating, never compared afterwards.
- `echoed=False`: the API accepts it but never returns it, so it is compared
  with the last applied value instead of the live one.
- `on_update`: whether an update request carries it (`None`: unless it is
  replace-only or changed through another API, `update_via`).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Iterator, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo

from .actions import Action

PERCENT = re.compile(r"^(100|[1-9][0-9]?)%$")
_META = "x-iac"


def spec_field(default: Any = ..., *, change: Action | None = None, why: str | None = None, api: bool = True,
               create_only: bool = False, echoed: bool = True, on_update: bool | None = None,
               update_via: str | None = None, **field_kwargs: Any) -> Any:
    """A pydantic Field that also records the field's role for planner, bodies and docs."""
    if change is Action.REPLACE and not why:
        raise ValueError("a replace-only field must say why it cannot change in place")
    meta = {"change": change.value if change else None, "why": why, "api": api, "create_only": create_only,
            "echoed": echoed, "on_update": on_update, "update_via": update_via}
    extra = {_META: {k: v for k, v in meta.items() if v is not None}}
    if "default_factory" in field_kwargs:
        return Field(json_schema_extra=extra, **field_kwargs)
    return Field(default, json_schema_extra=extra, **field_kwargs)


def field_role(cls: type[BaseModel], name: str) -> dict[str, Any]:
    extra = cls.model_fields[name].json_schema_extra
    return dict(extra.get(_META, {})) if isinstance(extra, dict) else {}


def change_rules(cls: type[BaseModel], prefix: str = "") -> dict[str, Action]:
    """Field path -> the action its change needs, for fields that declare one.

    A field of a nested model (not in a list or map) may declare its own role,
    e.g. `metadata.instance` -> scale; its dotted path is then a rule of its own.
    """
    rules = {}
    for name, info in cls.model_fields.items():
        change = field_role(cls, name).get("change")
        if change:
            rules[prefix + name] = Action(change)
        inner = model_in(info.annotation)
        if inner is not None and inner is not cls and get_origin(info.annotation) not in (list, dict) \
                and not any(get_origin(arg) in (list, dict) for arg in get_args(info.annotation)):
            rules.update(change_rules(inner, f"{prefix}{name}."))
    return rules


def replace_reasons(cls: type[BaseModel]) -> dict[str, str]:
    """Why each replace-only field cannot change in place."""
    return {name: field_role(cls, name)["why"] for name, action in change_rules(cls).items()
            if action is Action.REPLACE}


def compared_fields(cls: type[BaseModel]) -> list[str]:
    """Fields the planner compares: all but create-only ones."""
    return [name for name in cls.model_fields if not field_role(cls, name).get("create_only")]


def not_echoed_paths(cls: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths (in nested models too) of fields the API accepts but never returns."""
    paths = []
    for name, info in cls.model_fields.items():
        path = prefix + (info.alias or name,)
        if field_role(cls, name).get("echoed") is False:
            paths.append(path)
            continue
        inner = model_in(info.annotation)
        if inner is not None and get_origin(info.annotation) not in (list, dict):
            paths += not_echoed_paths(inner, path)
    return paths


def _in_update(cls: type[BaseModel], name: str) -> bool:
    role = field_role(cls, name)
    if role.get("on_update") is not None:
        return role["on_update"]
    return role.get("change") != Action.REPLACE.value and not role.get("update_via") and not role.get("create_only")


# Validation context of a model built from what the platform reports (Spec.project).
LIVE = {"live": True}


def from_live(info: ValidationInfo) -> bool:
    """Whether a validator runs on a live resource rather than on a user's inputs: a rule about what
    the user must write (a required companion field) judges only the latter, as the platform may
    describe an accepted resource in a way the inputs never would."""
    return bool(info.context and info.context.get("live"))


class Spec(BaseModel):
    """Strict about unknown fields so a typo fails `check` instead of being ignored."""

    # What a change of a field that declares no `change` needs (the resource's default).
    unlisted_change: ClassVar[Action] = Action.UPDATE

    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_attribute_docstrings=True)

    def body(self) -> dict[str, Any]:
        """Every input that is set, as the provider records it (unset optional fields left out)."""
        return self.model_dump(mode="json", exclude_none=True)

    def api_fields(self) -> dict[str, Any]:
        """The request body fields: the inputs without the provider's own."""
        cls = type(self)
        return {k: v for k, v in self.body().items() if field_role(cls, k).get("api", True)}

    def update_fields(self) -> dict[str, Any]:
        """The fields an update request carries (no replace-only, create-only or other-API fields)."""
        cls = type(self)
        return {k: v for k, v in self.api_fields().items() if _in_update(cls, k)}

    def without_unmanaged(self, recorded: dict[str, Any], fields: tuple[str, ...]):
        """This spec (read from the platform) with each of `fields` unset where the stack never set it
        (None in `recorded`, its last inputs): a value the stack leaves to others is not its drift."""
        return self.model_copy(update={f: None for f in fields if recorded.get(f) is None})

    @classmethod
    def project(cls, data: dict[str, Any] | None):
        """Build the model from an API response, ignoring fields it does not declare.

        A live value the model would reject (a status or enum the platform
        added, a server default out of the user-facing range) is dropped
        rather than allowed to break planning; it then reads as unset.
        """
        known = _known_fields(cls, data or {})
        for _ in range(20):
            try:
                return cls.model_validate(known, context=LIVE)
            except ValidationError as error:
                if not _drop_invalid(known, error):
                    raise
        return cls.model_validate(known, context=LIVE)


def no_angle_brackets(cls, value: str) -> str:
    """Descriptions may not carry markup: the API rejects '<' and '>'."""
    if "<" in value or ">" in value:
        raise ValueError("must not contain '<' or '>'")
    return value


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The Spec class inside `X`, `X | None` or `list[X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None


def walk_fields(cls: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, type[BaseModel], str]]:
    """(dotted path, owning model, field name) for every field, nested models included."""
    for name, info in cls.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, cls, name
        inner = model_in(info.annotation)
        if inner is not None and inner is not cls:
            suffix = "[]" if get_origin(info.annotation) is list or list in map(get_origin, get_args(info.annotation)) else ""
            yield from walk_fields(inner, path + suffix)


def _known_fields(cls: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        key = field.alias or name
        if key not in data or data[key] is None:
            continue
        value = data[key]
        inner = model_in(field.annotation)
        if inner is not None and get_origin(field.annotation) is not dict:
            if isinstance(value, list):
                value = [_known_fields(inner, v) if isinstance(v, dict) else v for v in value]
            elif isinstance(value, dict):
                value = _known_fields(inner, value)
        kept[key] = value
    return kept


def _drop_invalid(data: dict[str, Any], error: ValidationError) -> bool:
    """Remove the values an error points at; False when nothing could be removed."""
    dropped = False
    for item in error.errors():
        loc = [part for part in item["loc"] if not isinstance(part, str) or part in _keys_along(data, item["loc"])]
        node: Any = data
        for part in loc[:-1]:
            node = node[part] if isinstance(node, (dict, list)) else None
            if node is None:
                break
        if isinstance(node, dict) and loc and loc[-1] in node:
            del node[loc[-1]]
            dropped = True
        elif isinstance(node, list) and loc and isinstance(loc[-1], int) and loc[-1] < len(node):
            node.pop(loc[-1])
            dropped = True
    return dropped


def _keys_along(data: Any, loc: tuple) -> set[str]:
    """Every dict key on the path, so validator-added loc parts can be skipped."""
    keys: set[str] = set()
    node = data
    for part in loc:
        if isinstance(node, dict):
            keys.update(node.keys())
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
    return keys


_SECRET_HINTS = ("secret", "password", "token", "key_value", "api_key")


def describe_errors(error: ValidationError) -> list[tuple[str, str]]:
    """(field path, rule) pairs, e.g. ("unit_configs[0].count", "Input should be less than or equal to 128 (got 200)")."""
    out = []
    for item in error.errors():
        path = error_path(item["loc"])
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        path, message = _field_named_in_message(path, message)
        out.append((path, message + _shown_input(path, item)))
    return out


def validation_message(error: ValidationError) -> str:
    """Every (field path, rule) of `error` on one line, as a user sees a refused input."""
    return "; ".join(f"{path}: {rule}" for path, rule in describe_errors(error))


_NAMED_FIELD = re.compile(r"^(?P<field>[a-z_][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])?)*): (?P<rule>.+)$", re.S)


def _field_named_in_message(path: str, message: str) -> tuple[str, str]:
    """A rule across fields (a model validator) names its field first: `secret_name: required when ...`.
    Report it under that field, below the model it was raised in."""
    match = _NAMED_FIELD.match(message)
    if not match:
        return path, message
    field = match["field"]
    if path == "(inputs)":
        return field, match["rule"]
    return f"{path}.{field}", match["rule"]


def _shown_input(path: str, item: dict) -> str:
    """The offending value, when it is short and cannot be a secret."""
    if item["type"] in ("missing", "extra_forbidden") or "input" not in item:
        return ""
    value = item["input"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # the engine sends every number as a float
    if any(hint in path.lower() for hint in _SECRET_HINTS):
        return ""
    if isinstance(value, bool) or isinstance(value, (int, float)) or (isinstance(value, str) and len(value) <= 80):
        return f" (got {value!r})"
    return ""


def error_path(loc: tuple) -> str:
    """A pydantic error location as the user writes it: `unit_configs[0].image.swr_path`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(inputs)"
