"""The layers hold: the cores name no cloud, the emulator imports nothing of the provider,
the Pulumi-free layers import no Pulumi. Read from the source with `ast`, so a lazy import counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE_OF_FOLDER = {"provider": "inference_iac", "components": "inference_iac.components",
                     "emulator": "inference_iac.emulator", "policy": "inference_iac.policy"}
CLOUD_FOLDERS = ("modelarts", "eas")


def module_name(path: Path) -> str:
    relative = path.relative_to(REPO).with_suffix("")
    parts = list(relative.parts)
    package = PACKAGE_OF_FOLDER[parts[0]]
    rest = [p for p in parts[1:] if p != "__init__"]
    return ".".join([package, *rest])


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
    return found


def sources(folder: str) -> list[Path]:
    return sorted(p for p in (REPO / folder).rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("core", ["provider/core", "emulator/core"])
def test_cores_import_no_cloud_folder(core):
    package = module_name(REPO / core / "__init__.py").rsplit(".", 1)[0]
    clouds = [f"{package}.{cloud}" for cloud in CLOUD_FOLDERS]
    offenders = {str(p.relative_to(REPO)): sorted(m for m in imported_modules(p) if m.startswith(tuple(clouds)))
                 for p in sources(core)}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_emulator_imports_nothing_from_the_provider():
    offenders = {}
    for path in sources("emulator"):
        bad = [m for m in imported_modules(path)
               if m.startswith("inference_iac") and not m.startswith("inference_iac.emulator")]
        if bad:
            offenders[str(path.relative_to(REPO))] = bad
    assert offenders == {}


@pytest.mark.parametrize("cloud", CLOUD_FOLDERS)
@pytest.mark.parametrize("layer", ["client", "models", "planner", "reconcilers", "waiters"])
def test_pulumi_free_layers(cloud, layer):
    offenders = {}
    for path in sources(f"provider/{cloud}/{layer}"):
        bad = [m for m in imported_modules(path) if m == "pulumi" or m.startswith("pulumi.")]
        if bad:
            offenders[str(path.relative_to(REPO))] = bad
    assert offenders == {}


def test_the_layering_check_sees_relative_imports():
    imports = imported_modules(REPO / "provider" / "modelarts" / "resources" / "service.py")
    assert "inference_iac.core.provider" in imports and "inference_iac.modelarts.settings" in imports


@pytest.mark.parametrize("cloud", CLOUD_FOLDERS)
def test_the_pulumi_free_layers_import_without_pulumi(cloud):
    """Importing a cloud's client, models, planner, waiters and reconcilers loads no Pulumi module."""
    import subprocess
    import sys

    code = (f"import sys\nimport inference_iac.{cloud}.reconcilers, inference_iac.{cloud}.planner\n"
            f"import pkgutil, importlib\n"
            f"for layer in ('client', 'models', 'planner', 'waiters', 'reconcilers'):\n"
            f"    package = importlib.import_module('inference_iac.{cloud}.' + layer)\n"
            f"    for info in pkgutil.iter_modules(package.__path__):\n"
            f"        importlib.import_module(package.__name__ + '.' + info.name)\n"
            f"print(sorted(m for m in sys.modules if m == 'pulumi' or m.startswith('pulumi.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_source_folder_is_a_package():
    """setup.py installs packages only: a folder of modules without __init__.py would be left out of the wheel."""
    missing = [str(folder.relative_to(REPO)) for root in PACKAGE_OF_FOLDER for folder in (REPO / root).rglob("*")
               if folder.is_dir() and "__pycache__" not in folder.parts and any(folder.glob("*.py"))
               and not (folder / "__init__.py").exists()]
    assert missing == []
