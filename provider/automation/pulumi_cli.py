"""Which `pulumi` CLI the runner drives.

The repository builds the CLI from Go modules (`make pulumi`, scripts/build-pulumi.sh)
at CLI_VERSION into `$PULUMI_CACHE_ROOT/<version>/bin` (default
~/.cache/pulumi-offline); the Makefile reads the version from this file. A
CLI on PATH (a stock Pulumi install) is used when that build is absent, and
`INFERENCE_IAC_PULUMI` names a binary explicitly.
"""

from __future__ import annotations

import os
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from ..core.errors import ReportedError

CLI_VERSION = "3.274.1"


class PulumiNotFound(ReportedError):
    """No usable pulumi CLI."""


def offline_bin_dir() -> Path:
    root = os.environ.get("PULUMI_CACHE_ROOT") or str(Path.home() / ".cache" / "pulumi-offline")
    return Path(root) / CLI_VERSION / "bin"


def pulumi_binary() -> Path:
    explicit = os.environ.get("INFERENCE_IAC_PULUMI")
    if explicit:
        if not Path(explicit).is_file():
            raise PulumiNotFound(f"INFERENCE_IAC_PULUMI names {explicit}, which does not exist")
        return Path(explicit)
    built = offline_bin_dir() / "pulumi"
    if built.is_file():
        return built
    on_path = shutil.which("pulumi")
    if on_path:
        return Path(on_path)
    raise PulumiNotFound(
        f"no pulumi CLI found: none at {built} (build it with `make pulumi` in the inference-iac repository), "
        "none on PATH, and INFERENCE_IAC_PULUMI is not set")


def pulumi_root() -> Path:
    """A directory whose `bin/` holds the CLI and this package's dynamic-provider plugin host.

    The Automation API runs `<root>/bin/pulumi` and puts `<root>/bin` first on
    the PATH the CLI sees, and the CLI takes plugins from PATH: so this
    package's `pulumi-resource-pulumi-python` (beside this interpreter) must be
    in that directory, or a Pulumi install's stock one would serve the stacks.
    The CLI is hard-linked there (copied across file systems) and the plugin is
    a small launcher, both real files, so the CLI sees its plugin "bundled"
    beside it and has nothing to warn about. One directory per CLI and interpreter.
    """
    binary = pulumi_binary().resolve()
    host = Path(sys.executable).parent / "pulumi-resource-pulumi-python"
    key = hashlib.sha256(f"{binary}|{host}".encode()).hexdigest()[:12]
    root = Path(tempfile.gettempdir()) / f"inference-iac-pulumi-{os.getuid()}-{key}"
    bin_dir = root / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    _place_binary(bin_dir / "pulumi", binary)
    if host.exists():
        _write_if_changed(bin_dir / host.name, f'#!/bin/sh\nexec "{host}" "$@"\n')
    return root


def _place_binary(target: Path, binary: Path) -> None:
    if target.exists() and target.stat().st_size == binary.stat().st_size and \
            target.stat().st_mtime >= binary.stat().st_mtime:
        return
    staging = target.with_name(f".{target.name}.{os.getpid()}")
    staging.unlink(missing_ok=True)
    try:
        os.link(binary, staging)
    except OSError:
        shutil.copy2(binary, staging)
    os.replace(staging, target)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        staging = path.with_name(f".{path.name}.{os.getpid()}")
        staging.write_text(text)
        staging.chmod(0o755)
        os.replace(staging, path)
