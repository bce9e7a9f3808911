"""Reference docs and typed arguments, generated from the models (the one home of every field's rules).

For each resource of each cloud it writes `docs/reference/<cloud>/<resource>.md`
(each field's type, default, limits, what changing it does, and its
description) and `provider/<cloud>/args.py` (TypedDicts with a docstring per
field, for IDE help). `tests/unit/test_reference_docs.py` fails when either is
stale.

    python -m inference_iac.core.docgen [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .actions import Action
from .spec import field_role, model_in

_CHANGE_TEXT = {
    Action.UPDATE: "in-place update",
    Action.TRAFFIC: "traffic shift (no new version)",
    Action.SCALE: "scale (no new version)",
    Action.START_STOP: "start or stop",
    Action.SWITCH_BACK: "switch back",
    Action.ROLLING_UPGRADE: "rolling upgrade (a new version)",
    Action.REPLACE: "replace",
}


@dataclass(frozen=True)
class FieldDoc:
    path: str
    type: str
    required: bool
    default: str
    limits: str
    change: str
    description: str
    annotation: Any
    info: FieldInfo


@dataclass(frozen=True)
class ResourceDoc:
    """What the docs say about one resource besides its fields."""

    cloud: str  # folder name: modelarts, eas, ...
    kind: str
    resource_cls: type
    provider_cls: type
    import_id: str
    module: str  # where users import it from, e.g. inference_iac.modelarts

    @property
    def spec_cls(self) -> type[BaseModel]:
        return self.provider_cls.spec_cls


# ----- reading a field ------------------------------------------------------------------------------

def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _annotated(annotation: Any) -> tuple[Any, list[Any]]:
    """(base type, constraint metadata) of `Annotated[X, ...]`, else (annotation, [])."""
    if get_origin(annotation) is typing.Annotated:
        base, *extra = get_args(annotation)
        metadata = []
        for item in extra:
            metadata += list(item.metadata) if isinstance(item, FieldInfo) else [item]
        return base, metadata
    return annotation, []


def type_text(annotation: Any) -> str:
    annotation, _ = _annotated(_strip_optional(annotation))
    origin = get_origin(annotation)
    if origin is Literal:
        return "one of " + ", ".join(repr(v) for v in get_args(annotation))
    if origin is list:
        (item,) = get_args(annotation)
        return f"list of {type_text(item)}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"map of {type_text(key)} to {type_text(value)}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_text(a) for a in get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object"
    return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(annotation, str(annotation))


def limits_text(metadata: list[Any]) -> str:
    parts = []
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            parts.append(f">= {item.ge}")
        elif isinstance(item, annotated_types.Gt):
            parts.append(f"> {item.gt}")
        elif isinstance(item, annotated_types.Le):
            parts.append(f"<= {item.le}")
        elif isinstance(item, annotated_types.Lt):
            parts.append(f"< {item.lt}")
        elif isinstance(item, annotated_types.MinLen):
            parts.append(f"at least {item.min_length} long")
        elif isinstance(item, annotated_types.MaxLen):
            parts.append(f"at most {item.max_length} long")
        elif getattr(item, "pattern", None):
            parts.append(f"matches `{item.pattern}`")
    return ", ".join(parts)


def _field_limits(info: FieldInfo) -> str:
    own = limits_text(list(info.metadata))
    base = _strip_optional(info.annotation)
    if get_origin(base) is list:
        (item,) = get_args(base)
        inner = limits_text(_annotated(item)[1])
        if inner:
            own = ", ".join(p for p in (own, f"each item {inner}") if p)
    return own


def default_text(info: FieldInfo) -> str:
    if info.default_factory is not None:
        value = info.default_factory()
        if isinstance(value, BaseModel):
            return "see its fields"
        return repr(value)
    if info.default is PydanticUndefined or info.default is None:
        return ""
    return repr(info.default)


def _description(info: FieldInfo) -> str:
    return " ".join((info.description or "").split())


def model_fields(cls: type[BaseModel], default_change: Action, prefix: str = "",
                 inherited: str | None = None) -> list[FieldDoc]:
    """Every field of `cls` and of the models inside it, depth first."""
    docs: list[FieldDoc] = []
    for name, info in cls.model_fields.items():
        path = f"{prefix}{name}"
        role = field_role(cls, name)
        if inherited is not None and not role.get("change"):
            change = inherited
        elif role.get("create_only"):
            change = "used only when creating; never compared"
        else:
            action = Action(role["change"]) if role.get("change") else default_change
            change = _CHANGE_TEXT[action]
            if action is Action.REPLACE and role.get("why"):
                change += f": {role['why']}"
            if role.get("update_via"):
                change += f", through the {role['update_via']}"
        if role.get("echoed") is False:
            change += " (the API never returns it: compared with the last applied value)"
        docs.append(FieldDoc(path, type_text(info.annotation), info.is_required(), default_text(info),
                             _field_limits(info), change, _description(info), info.annotation, info))
        inner = model_in(info.annotation)
        if inner is not None and inner is not cls:
            plural = "[]" if "list of" in type_text(info.annotation) else ""
            docs += model_fields(inner, default_change, f"{path}{plural}.", inherited or _inherited(change))
    return docs


def _inherited(change: str) -> str:
    return change.split(":")[0] if change.startswith("replace") else change


# ----- markdown ---------------------------------------------------------------------------------------

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(doc: ResourceDoc) -> str:
    provider = doc.provider_cls
    spec_cls = doc.spec_cls
    lines = [
        f"# {doc.kind} ({doc.cloud})",
        "",
        "<!-- Generated by `python -m inference_iac.core.docgen` from the models; do not edit. -->",
        "",
        " ".join((doc.resource_cls.__doc__ or "").split()),
        "",
        f"- Import: `from {doc.module} import {doc.kind}, {doc.kind}Args`",
        f"- Type token: `pulumi-python:{doc.resource_cls._resource_type_name}`",
        f"- Id (and `import_` id): `{doc.import_id}`",
        f"- Outputs: {', '.join(f'`{k}`' for k in sorted(provider.output_keys)) or 'none'}",
        f"- A change to a field not marked otherwise: {_CHANGE_TEXT[spec_cls.unlisted_change]}",
        "",
        "## Inputs",
        "",
        "| field | type | required / default | limits | a change means | description |",
        "|---|---|---|---|---|---|",
    ]
    for field in model_fields(spec_cls, spec_cls.unlisted_change):
        required = "required" if field.required else (f"default {field.default}" if field.default else "optional")
        lines.append(f"| `{field.path}` | {_cell(field.type)} | {_cell(required)} | {_cell(field.limits)} | "
                     f"{_cell(field.change)} | {_cell(field.description)} |")
    lines += ["", "## Provider options", "", "| field | type | default | limits | description |", "|---|---|---|---|---|"]
    for name, info in provider.options_cls.model_fields.items():
        lines.append(f"| `{name}` | {type_text(info.annotation)} | {_cell(default_text(info))} | "
                     f"{_cell(limits_text(list(info.metadata)))} | {_cell(_description(info))} |")
    return "\n".join(lines) + "\n"


# ----- typed arguments ----------------------------------------------------------------------------------

def _py_type(annotation: Any, nested: dict[type, str]) -> str:
    annotation, _ = _annotated(_strip_optional(annotation))
    origin = get_origin(annotation)
    if origin is Literal:
        return f"pulumi.Input[Literal[{', '.join(repr(v) for v in get_args(annotation))}]]"
    if origin is list:
        (item,) = get_args(annotation)
        return f"pulumi.Input[Sequence[{_py_type(item, nested)}]]"
    if origin is dict:
        key, value = get_args(annotation)
        return f"pulumi.Input[Mapping[str, {_py_type(value, nested)}]]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"pulumi.Input[{nested[annotation]}]"
    name = {str: "str", int: "int", float: "float", bool: "bool"}.get(annotation, "Any")
    return f"pulumi.Input[{name}]"


def _models_in(cls: type[BaseModel], found: dict[type, str]) -> None:
    for info in cls.model_fields.values():
        inner = model_in(info.annotation)
        if inner is not None and inner not in found:
            found[inner] = f"{inner.__name__.removesuffix('Spec')}Args"
            _models_in(inner, found)


def _field_docstring(field: FieldDoc) -> str:
    parts = [field.description] if field.description else []
    facts = [field.type]
    if field.limits:
        facts.append(field.limits)
    if field.default:
        facts.append(f"default {field.default}")
    parts.append("; ".join(facts) + ".")
    parts.append(f"A change means: {field.change}.")
    return " ".join(parts).replace('"""', "'''").replace("\\", "\\\\")


def _typed_dict(name: str, doc: str, cls: type[BaseModel], default_change: Action, nested: dict[type, str],
                extra: list[tuple[str, str, str]] = (), inherited: str | None = None) -> list[str]:
    lines = [f"class {name}(TypedDict, total=False):", f'    """{doc}"""', ""]
    for field in model_fields(cls, default_change, inherited=inherited):
        if "." in field.path:
            continue
        py_type = _py_type(field.annotation, nested)
        if field.required:
            py_type = f"Required[{py_type}]"
        lines += [f"    {field.path}: {py_type}", f'    """{_field_docstring(field)}"""']
    for field_name, py_type, text in extra:
        lines += [f"    {field_name}: {py_type}", f'    """{text}"""']
    return lines + ["", ""]


def typed_args(cloud: str, docs: list[ResourceDoc]) -> str:
    nested: dict[type, str] = {}
    for doc in docs:
        _models_in(doc.spec_cls, nested)
    lines = [
        f'"""Typed arguments of the {cloud} resources: IDE help for every input (generated; do not edit).',
        "",
        "Each resource also takes a plain dict with the same keys.",
        "Regenerate with `python -m inference_iac.core.docgen` after changing a model.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import {typing_names}",
        "",
        "import pulumi",
        "from typing_extensions import Required, TypedDict",
        "",
        "",
    ]
    owners: dict[type, set[str]] = {}
    for doc in docs:
        for field in model_fields(doc.spec_cls, doc.spec_cls.unlisted_change):
            inner = model_in(field.annotation)
            if inner is not None:
                owners.setdefault(inner, set()).add(_inherited(field.change))
    # A model used under fields that change differently says so instead of picking one.
    owner_change = {model: changes.pop() if len(changes) == 1 else "what a change of the field holding it means"
                    for model, changes in owners.items()}
    for model, name in sorted(nested.items(), key=lambda item: item[1]):
        summary = " ".join((model.__doc__ or f"The `{name.removesuffix('Args')}` object.").split())
        if summary.startswith("Usage docs") or "pydantic" in summary.lower():
            summary = f"The `{name.removesuffix('Args')}` object."
        lines += _typed_dict(name, summary, model, Action.UPDATE, nested, inherited=owner_change.get(model, "in-place update"))
    for doc in docs:
        options = [(n, _py_type(i.annotation, nested), _description(i) or n)
                   for n, i in doc.provider_cls.options_cls.model_fields.items()]
        summary = f"Inputs of a {doc.kind}: see docs/reference/{doc.cloud}/{_file_name(doc.kind)}.md."
        lines += _typed_dict(f"{doc.kind}Args", summary, doc.spec_cls, doc.spec_cls.unlisted_change, nested, options)
    names = sorted([f"{d.kind}Args" for d in docs] + list(nested.values()))
    lines.append("__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]")
    text = "\n".join(lines).rstrip() + "\n"
    # `Any` stands for a union of scalars (e.g. int | str): imported only where a field has one.
    typing_names = ", ".join((["Any"] if "[Any]" in text else []) + ["Literal", "Mapping", "Sequence"])
    return text.replace("{typing_names}", typing_names, 1)


def _file_name(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()


# ----- the files --------------------------------------------------------------------------------------

def generated_files(repo: Path) -> dict[Path, str]:
    from ..registry import resource_docs

    files: dict[Path, str] = {}
    by_cloud: dict[str, list[ResourceDoc]] = {}
    for doc in resource_docs():
        by_cloud.setdefault(doc.cloud, []).append(doc)
        files[repo / "docs" / "reference" / doc.cloud / f"{_file_name(doc.kind)}.md"] = markdown(doc)
    for cloud, docs in by_cloud.items():
        folder = repo / "provider" / Path(*docs[0].module.split(".")[1:])
        files[folder / "args.py"] = typed_args(docs[0].module, docs)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference_iac.core.docgen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 when any)")
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[2])
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated_files(args.repo).items():
        if not path.exists() or path.read_text() != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(args.repo)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
