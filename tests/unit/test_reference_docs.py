"""The reference docs and typed arguments are generated from the models; a stale copy fails here."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

from inference_iac.core.docgen import generated_files
from inference_iac.core.spec import walk_fields
from inference_iac.registry import resource_docs

REPO = Path(__file__).resolve().parents[2]


def test_generated_files_are_up_to_date():
    stale = [str(path.relative_to(REPO)) for path, text in generated_files(REPO).items()
             if not path.exists() or path.read_text() != text]
    assert stale == [], f"run `python -m inference_iac.core.docgen`: stale {stale}"


def test_the_typed_args_name_only_what_they_import_or_define():
    # Annotations are strings at run time, so an undefined name shows only to an IDE or a type checker.
    for path, text in generated_files(REPO).items():
        if path.suffix != ".py":
            continue
        tree = ast.parse(text)
        imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom | ast.Import)]
        defined = {alias.asname or alias.name for node in imports for alias in node.names}
        defined |= {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
        used = {node.id for stmt in ast.walk(tree) if isinstance(stmt, ast.AnnAssign)
                for node in ast.walk(stmt.annotation) if isinstance(node, ast.Name)}
        assert used - defined - set(dir(builtins)) == set(), path.name


def test_every_field_of_every_resource_is_described():
    undocumented = [f"{doc.kind}.{path}" for doc in resource_docs()
                    for path, model, name in walk_fields(doc.spec_cls) if not model.model_fields[name].description]
    assert undocumented == []


def test_every_resource_takes_its_typed_args():
    from importlib import import_module

    for doc in resource_docs():
        args = getattr(import_module(doc.module), f"{doc.kind}Args")
        assert set(doc.spec_cls.model_fields) <= set(args.__annotations__), doc.kind
        assert doc.resource_cls.__init__.__annotations__["args"].startswith(f"{doc.kind}Args")


def test_a_replace_only_field_says_why_in_the_docs():
    text = (REPO / "docs" / "reference" / "modelarts" / "deployment.md").read_text()
    assert "| `service_id` |" in text and "replace: a deployment belongs to one service for life" in text
    assert "| `count` |" in text and "scale (no new version)" in text


def test_a_nested_field_declares_its_own_change():
    text = (REPO / "docs" / "reference" / "eas" / "deployment.md").read_text()
    assert "| `metadata.instance` |" in text and "scale (no new version)" in text
    assert "| `name` |" in text and "replace: EAS addresses a service by its name" in text
