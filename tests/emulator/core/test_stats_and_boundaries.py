"""The request counter (per API plug-in) and the emulator's import boundary."""

from __future__ import annotations

import ast
from pathlib import Path

import httpx
from huaweicloudsdkmodelarts.v1 import ListInferServicesRequest

import inference_iac.emulator as emulator_package
from modelarts_sdk_helpers import make_client

EMULATOR_ROOT = Path(emulator_package.__file__).parent


def test_stats_count_every_api_request_per_plug_in(emulator):
    before = emulator.stats()
    make_client(emulator).list_infer_services(ListInferServicesRequest())
    httpx.get(f"{emulator.endpoint}/v2/{emulator.project_id}/services")  # unsigned: counted too
    httpx.get(f"{emulator.endpoint}/-/health")  # not an API request
    after = emulator.stats()
    assert after["api_requests"] - before["api_requests"] == 2
    assert after["by_api"]["modelarts"]["api_requests"] - \
        before["by_api"]["modelarts"]["api_requests"] == 2
    assert after["by_method"]["GET"] - before["by_method"].get("GET", 0) == 2
    assert emulator.api_requests() == after["api_requests"]


def test_nothing_in_the_emulator_imports_outside_it():
    """The emulator is self-contained: no import of the provider side (inference_iac.*)."""
    offenders = []
    for path in EMULATOR_ROOT.rglob("*.py"):
        depth = len(path.relative_to(EMULATOR_ROOT).parts) - 1  # package levels below emulator/
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            elif isinstance(node, ast.ImportFrom):
                if node.level > depth + 1:
                    offenders.append(f"{path}: relative import above the emulator")
                continue
            else:
                continue
            offenders += [f"{path}: {name}" for name in names
                          if name.split(".")[0] in ("inference_iac", "provider", "components",
                                                    "policy", "emulator")
                          and not name.startswith("inference_iac.emulator")]
    assert offenders == []
