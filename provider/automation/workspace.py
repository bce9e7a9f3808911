"""Drive the real `pulumi` CLI for a project directory, offline.

The Python language host could not be built from the Go module proxy (see
README), so projects run as Automation API *inline* programs: the CLI talks
to a language runtime served from this process (`--client`). The inline
program executes the project's own `__main__.py`, exactly what the language
host would run, so every project here also works with a stock `pulumi up`.
"""

from __future__ import annotations

import os
import runpy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml
from pulumi import automation as auto

REPO_ROOT = Path(__file__).resolve().parents[2]
PULUMI_VERSION = os.environ.get("PULUMI_CLI_VERSION", "3.274.1")
DEFAULT_PASSPHRASE = "offline-emulator-passphrase"


def pulumi_bin_dir() -> Path:
    root = os.environ.get("PULUMI_CACHE_ROOT", str(Path.home() / ".cache" / "pulumi-offline"))
    return Path(root) / PULUMI_VERSION / "bin"


def offline_env(state_dir: Path, home_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for the CLI: local file backend, passphrase secrets, no network."""
    env = {
        "PULUMI_BACKEND_URL": f"file://{state_dir}",
        "PULUMI_HOME": str(home_dir),
        "PULUMI_CONFIG_PASSPHRASE": os.environ.get("PULUMI_CONFIG_PASSPHRASE", DEFAULT_PASSPHRASE),
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_SKIP_CONFIRMATIONS": "true",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # The dynamic-provider plugin runs this interpreter, which has our packages.
        "PULUMI_PYTHON_CMD": sys.executable,
        # The virtualenv comes first: its pulumi-resource-pulumi-python carries
        # the import fix (provider/dynamic_host.py) and wins over the bundled one.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{pulumi_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.update(extra or {})
    return env


def project_program(project_dir: Path) -> Callable[[], None]:
    """An inline program that runs the project's `__main__.py` as the language host would."""

    def program() -> None:
        if str(project_dir) not in sys.path:
            sys.path.insert(0, str(project_dir))
        runpy.run_path(str(project_dir / "__main__.py"), run_name="__main__")

    return program


@dataclass
class StackRunner:
    """One stack of one project directory, with its own state and home dirs."""

    project_dir: Path
    stack_name: str
    state_dir: Path = field(default_factory=lambda: REPO_ROOT / ".pulumi-state")
    home_dir: Path = field(default_factory=lambda: REPO_ROOT / ".pulumi-home")
    env: dict[str, str] = field(default_factory=dict)
    config: dict[str, auto.ConfigValue] = field(default_factory=dict)
    # When set (by use_config), keys missing from `config` are removed from the stack.
    exact_config: bool = False

    def __post_init__(self) -> None:
        self.project_dir = Path(self.project_dir).resolve()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.home_dir.mkdir(parents=True, exist_ok=True)

    def project_name(self) -> str:
        settings = yaml.safe_load((self.project_dir / "Pulumi.yaml").read_text())
        return settings["name"]

    def stack(self) -> auto.Stack:
        command = auto.PulumiCommand(root=str(pulumi_bin_dir().parent), skip_version_check=False)
        # The dynamic-provider plugin inherits the CLI's environment, which is
        # how it gets the endpoint and credentials without them entering state.
        opts = auto.LocalWorkspaceOptions(
            work_dir=str(self.project_dir),
            pulumi_command=command,
            pulumi_home=str(self.home_dir),
            env_vars=offline_env(self.state_dir, self.home_dir, self.env),
        )
        stack = auto.create_or_select_stack(
            stack_name=self.stack_name,
            project_name=self.project_name(),
            program=project_program(self.project_dir),
            opts=opts,
        )
        if self.config:
            stack.set_all_config(self.config)
        if self.exact_config:
            stale = [key for key in stack.get_all_config() if key not in self.config]
            if stale:
                stack.remove_all_config(stale)
        return stack

    def use_config(self, values: dict[str, Any]) -> None:
        """Replace the stack config the next operation uses; keys without a
        namespace get the project's name, values are sent as strings."""
        namespace = self.project_name()
        self.exact_config = True
        self.config = {
            (key if ":" in key else f"{namespace}:{key}"): auto.ConfigValue(value if isinstance(value, str) else str(value))
            for key, value in values.items()
        }

    def up(self, **kwargs: Any) -> auto.UpResult:
        # The CLI runs 8 operations at once by default; waits are cheap, so allow more.
        kwargs.setdefault("parallel", int(os.environ.get("INFERENCE_IAC_PARALLEL", "64")))
        return self.stack().up(on_output=_echo, **kwargs)

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        return self.stack().preview(on_output=_echo, **kwargs)

    def refresh(self, **kwargs: Any) -> auto.RefreshResult:
        return self.stack().refresh(on_output=_echo, **kwargs)

    def destroy(self, **kwargs: Any) -> auto.DestroyResult:
        return self.stack().destroy(on_output=_echo, **kwargs)

    def outputs(self) -> dict[str, Any]:
        return {key: out.value for key, out in self.stack().outputs().items()}


def _echo(line: str) -> None:
    if os.environ.get("INFERENCE_IAC_QUIET") != "1":
        print(line, flush=True)
