"""Drive the real `pulumi` CLI for one project directory, offline by default.

Everything a project's runs leave behind lives under the project:
`<project>/.inference-iac/state` (the local file backend), `.../home`
(PULUMI_HOME) and `.../emulator` (the local emulator's data), unless the
user has their own backend (PULUMI_BACKEND_URL, e.g. a shared bucket or Pulumi
Cloud) or PULUMI_HOME, which are then used as they are.

Projects run as Automation API inline programs: the CLI talks to a language
runtime served from this process (`--client`), and the inline program runs the
project's own `__main__.py`, exactly what Pulumi's Python language host would
run, so every project also works with a stock `pulumi up`.
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml
from pulumi import automation as auto
from pulumi.automation._cmd import CommandResult
from pulumi.automation.errors import create_command_error

from ..core.errors import ReportedError
from .pulumi_cli import offline_bin_dir, pulumi_binary, pulumi_root

WORK_DIR = ".inference-iac"
DEFAULT_PASSPHRASE = "offline-emulator-passphrase"
# The CLI's default is 8 concurrent operations; a provider call mostly waits, so allow more.
DEFAULT_PARALLEL = 64


class ProjectError(ReportedError):
    """The project directory cannot be used as it is."""


@dataclass(frozen=True)
class ProjectPaths:
    """Where one project's runs keep their files."""

    project_dir: Path

    @property
    def root(self) -> Path:
        return self.project_dir / WORK_DIR

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def emulator(self) -> Path:
        return self.root / "emulator"


def project_name(project_dir: Path) -> str:
    settings_file = project_dir / "Pulumi.yaml"
    if not settings_file.is_file():
        raise ProjectError(f"{project_dir} is not a Pulumi project: it has no Pulumi.yaml")
    settings = yaml.safe_load(settings_file.read_text()) or {}
    if not isinstance(settings, dict) or not settings.get("name"):
        raise ProjectError(f"{settings_file} has no `name`")
    return str(settings["name"])


def runner_env(state_dir: Path | None, home_dir: Path | None, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for the CLI: a backend, a secrets passphrase, no network calls of its own."""
    env: dict[str, str] = {
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_SKIP_CONFIRMATIONS": "true",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # The dynamic-provider plugin runs this interpreter, which has the package.
        "PULUMI_PYTHON_CMD": sys.executable,
        # This virtualenv comes first: its pulumi-resource-pulumi-python is this
        # package's plugin host and wins over the one bundled with the CLI.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), str(pulumi_binary().parent),
                                 os.environ.get("PATH", "")]),
    }
    if state_dir is not None:
        env["PULUMI_BACKEND_URL"] = f"file://{state_dir}"
    if home_dir is not None:
        env["PULUMI_HOME"] = str(home_dir)
    if not (os.environ.get("PULUMI_CONFIG_PASSPHRASE") or os.environ.get("PULUMI_CONFIG_PASSPHRASE_FILE")):
        if state_dir is None:
            raise ProjectError("PULUMI_BACKEND_URL names your own backend: set PULUMI_CONFIG_PASSPHRASE (or "
                               "PULUMI_CONFIG_PASSPHRASE_FILE) for its secrets")
        env["PULUMI_CONFIG_PASSPHRASE"] = DEFAULT_PASSPHRASE
    env.update(extra or {})
    return env


def project_program(project_dir: Path) -> Callable[[], None]:
    """An inline program that runs the project's `__main__.py` as the language host would.

    An error of this package (bad component arguments, say) is reported as its
    message, once, instead of a traceback.
    """

    def program() -> None:
        from pulumi.errors import RunError
        from pydantic import ValidationError

        from ..core.spec import validation_message

        if str(project_dir) not in sys.path:
            sys.path.insert(0, str(project_dir))
        try:
            runpy.run_path(str(project_dir / "__main__.py"), run_name="__main__")
        except ReportedError as error:
            raise RunError(str(error)) from None
        except ValidationError as error:
            raise RunError(validation_message(error)) from None

    return program


@dataclass
class StackRunner:
    """One stack of one project directory."""

    project_dir: Path
    stack_name: str
    # None: the project's own `.inference-iac/state`, unless PULUMI_BACKEND_URL is set.
    state_dir: Path | None = None
    home_dir: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    config: dict[str, auto.ConfigValue] = field(default_factory=dict)
    # When set (by use_config), keys missing from `config` are removed from the stack.
    exact_config: bool = False
    on_output: Callable[[str], None] | None = None

    def __post_init__(self) -> None:
        self.project_dir = Path(self.project_dir).resolve()
        paths = ProjectPaths(self.project_dir)
        backend = self.env.get("PULUMI_BACKEND_URL") or os.environ.get("PULUMI_BACKEND_URL")
        if self.state_dir is None and not backend:
            self.state_dir = paths.state
        if self.home_dir is None and not (self.env.get("PULUMI_HOME") or os.environ.get("PULUMI_HOME")):
            self.home_dir = paths.home
        for directory in (self.state_dir, self.home_dir):
            if directory is not None:
                Path(directory).mkdir(parents=True, exist_ok=True)

    # ----- the stack ----------------------------------------------------------------------

    def project_name(self) -> str:
        return project_name(self.project_dir)

    def full_env(self) -> dict[str, str]:
        return runner_env(self.state_dir, self.home_dir, self.env)

    def workspace(self) -> auto.LocalWorkspace:
        self.project_name()  # a project directory with a Pulumi.yaml, which the workspace reads
        command = auto.PulumiCommand(root=str(pulumi_root()), skip_version_check=True)
        env = self.full_env()
        # The dynamic-provider plugin inherits the CLI's environment, which is
        # how it gets the endpoint and credentials without them entering state.
        return auto.LocalWorkspace(work_dir=str(self.project_dir), pulumi_home=env.get("PULUMI_HOME"),
                                   program=project_program(self.project_dir), env_vars=env,
                                   pulumi_command=command)

    def stack(self, create: bool = True) -> auto.Stack:
        workspace = self.workspace()
        if create:
            stack = auto.Stack.create_or_select(self.stack_name, workspace)
        else:
            stack = auto.Stack.select(self.stack_name, workspace)
        plain = {key: value for key, value in self.config.items() if not value.secret}
        if plain:
            stack.set_all_config(plain)
        for key, value in self.config.items():
            if value.secret:
                # Through stdin: the Automation API would put the value on the CLI's command line.
                self.set_config_value(key, value.value, secret=True, stack_ready=True)
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

    # ----- operations --------------------------------------------------------------------

    def up(self, preview_first: bool = False, **kwargs: Any) -> auto.UpResult:
        """Deploy. `preview_first` previews before changing anything, as `pulumi up` does unless
        told to skip it: what only a preview refuses (a replacement not allowed, behind a resource
        that is updated in the same run) then stops the run before the first change."""
        kwargs.setdefault("parallel", int(os.environ.get("INFERENCE_IAC_PARALLEL", DEFAULT_PARALLEL)))
        if preview_first:
            preview_options = {k: v for k, v in kwargs.items() if k in ("policy_packs", "policy_pack_configs")}
            self.preview(**preview_options)
        return self.stack().up(on_output=self._echo, **kwargs)

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        return self.stack().preview(on_output=self._echo, **kwargs)

    def refresh(self, **kwargs: Any) -> auto.RefreshResult:
        return self.stack().refresh(on_output=self._echo, **kwargs)

    def destroy(self, **kwargs: Any) -> auto.DestroyResult:
        return self.stack().destroy(on_output=self._echo, **kwargs)

    def outputs(self) -> dict[str, Any]:
        return {key: out.value for key, out in self.stack().outputs().items()}

    def output_values(self) -> dict[str, auto.OutputValue]:
        return dict(self.stack().outputs())

    # ----- config, stacks, locks ------------------------------------------------------------

    def qualified(self, key: str) -> str:
        return key if ":" in key else f"{self.project_name()}:{key}"

    def set_config_value(self, key: str, value: str, secret: bool = False, stack_ready: bool = False) -> None:
        """`pulumi config set`, the value through stdin so it never shows in a process list."""
        if not stack_ready:
            self.stack()  # the stack exists
        args = ["config", "set", self.qualified(key), "--stack", self.stack_name, "--non-interactive",
                "--secret" if secret else "--plaintext"]
        self.cli(args, stdin=value)

    def get_config_value(self, key: str) -> auto.ConfigValue | None:
        return self.stack().get_all_config().get(self.qualified(key))

    def remove_config_value(self, key: str) -> None:
        self.stack().remove_config(self.qualified(key))

    def stacks(self) -> list[auto.StackSummary]:
        return self.workspace().list_stacks()

    def remove_stack(self, force: bool = False) -> None:
        args = ["stack", "rm", self.stack_name, "--yes", "--non-interactive"] + (["--force"] if force else [])
        self.cli(args)

    def locks(self) -> list[dict[str, Any]]:
        """The lock files of this stack in a local file backend (others cannot be read here)."""
        if self.state_dir is None:
            return []
        lock_dir = Path(self.state_dir) / ".pulumi" / "locks" / "organization" / self.project_name() / self.stack_name
        found = []
        for path in sorted(lock_dir.glob("*.json")) if lock_dir.is_dir() else []:
            try:
                found.append({**json.loads(path.read_text()), "path": str(path)})
            except (OSError, ValueError):
                found.append({"path": str(path)})
        return found

    def cancel(self) -> None:
        """Remove the stack's locks (`pulumi cancel`) and the pending operations an interrupted run left."""
        self.cli(["cancel", "--yes", "--stack", self.stack_name, "--non-interactive"])
        stack = self.stack(create=False)
        deployment = stack.export_stack()
        pending = deployment.deployment.get("pending_operations") if deployment.deployment else None
        if pending:
            deployment.deployment["pending_operations"] = []
            stack.import_stack(deployment)

    def cli(self, args: list[str], stdin: str | None = None) -> str:
        """Run the CLI directly in the project with this runner's environment."""
        result = subprocess.run([str(pulumi_binary()), *args], cwd=self.project_dir, input=stdin, text=True,
                                capture_output=True, env={**os.environ, **self.full_env()})
        if result.returncode != 0:
            raise create_command_error(CommandResult(stdout=result.stdout, stderr=result.stderr,
                                                     code=result.returncode))
        return result.stdout

    def _echo(self, line: str) -> None:
        if self.on_output is not None:
            self.on_output(line)
        elif os.environ.get("INFERENCE_IAC_QUIET") != "1":
            print(line, flush=True)


__all__ = ["DEFAULT_PASSPHRASE", "ProjectPaths", "StackRunner", "offline_bin_dir", "project_name", "runner_env"]
