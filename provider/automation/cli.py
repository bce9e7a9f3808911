"""Deploy, preview, refresh and destroy a Pulumi project, offline by default (`inference-stack`).

With no cloud settings in the environment (MODELARTS_ENDPOINT,
HUAWEICLOUD_SDK_REGION, EAS_ENDPOINT, ALIBABA_CLOUD_REGION_ID), the project's
local emulator is started in the background (or found again) and every
provider is pointed at it. State, Pulumi home and emulator data are kept
under `<project>/.inference-iac/` unless PULUMI_BACKEND_URL / PULUMI_HOME name
your own.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Mapping

from pulumi.automation import OutputValue
from pulumi.automation.errors import CommandError

from ..core.errors import ReportedError
from .connection import Connection, connect
from .report import Echo, explain
from .workspace import DEFAULT_PARALLEL, ProjectPaths, StackRunner

MASK = "[secret]"
BUILTIN_PACK = "builtin"

ENVIRONMENT_HELP = """\
environment:
  STACK                       default for --stack (default: dev)
  INFERENCE_IAC_PROJECT       default for --project (default: the current directory)
  INFERENCE_IAC_EMULATOR      auto (default): start the emulator unless cloud settings are set; on; off
  EMULATOR_PORT, EMULATOR_READY_DELAY
                              the background emulator's port (8999) and ready delay (3 s)
  MODELARTS_ENDPOINT, HUAWEICLOUD_SDK_REGION, HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
  HUAWEICLOUD_SDK_PROJECT_ID  ModelArts connection (or stack config modelarts:*)
  EAS_ENDPOINT, ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_ACCESS_KEY_ID,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET
                              PAI-EAS connection (or stack config eas:*)
  PULUMI_BACKEND_URL          your own backend (a bucket a team shares, Pulumi Cloud) instead of
                              <project>/.inference-iac/state
  PULUMI_CONFIG_PASSPHRASE    secrets passphrase (a development default with the local backend)
  INFERENCE_IAC_PARALLEL      operations at once during up (default 64)
  INFERENCE_IAC_PROGRESS_SECONDS
                              seconds between progress lines of a long wait (default 15)
"""


# ----- output ------------------------------------------------------------------------------------

def shown(value: Any, secret: bool, show_secrets: bool) -> str:
    return MASK if secret and not show_secrets else json.dumps(value)


def print_outputs(outputs: Mapping[str, OutputValue], show_secrets: bool) -> None:
    if not outputs:
        print("\nStack outputs: none")
        return
    print("\nStack outputs:")
    for key in sorted(outputs):
        print(f"  {key}: {shown(outputs[key].value, outputs[key].secret, show_secrets)}")


def print_live_status(outputs: Mapping[str, OutputValue], connection: Connection) -> None:
    """Ask the management API itself, so the result shown is the cloud's, not the state file's."""
    from ..eas.ids import SERVICE_ID as EAS_SERVICE_ID

    service_id = outputs["service_id"].value if "service_id" in outputs else None
    if not service_id:
        return
    env = {**os.environ, **connection.env}
    # A PAI-EAS service id names its region and group (`<region>/<name>`); a ModelArts one is a UUID.
    live = eas_live_status if EAS_SERVICE_ID.matches(service_id) else modelarts_live_status
    print(f"\nLive: {live(service_id, env)}")


def modelarts_live_status(service_id: str, env: dict[str, str]) -> str:
    from ..modelarts.client import ModelArtsClient
    from ..modelarts.settings import resolve

    with ModelArtsClient(resolve(lambda key: None, env)) as client:
        service = client.services.get(service_id)
        deployments = client.deployments.list_all(service_id)
    listing = ", ".join(f"{d['name']} {d['status']}" for d in deployments) or "none"
    return f"service {service['name']} is {service['status']}; deployments: {listing}"


def eas_live_status(service_id: str, env: dict[str, str]) -> str:
    from ..eas.client import EasClient
    from ..eas.ids import SERVICE_ID, in_region
    from ..eas.settings import resolve

    with EasClient(resolve(lambda key: None, env)) as client:
        (group,) = in_region(SERVICE_ID, service_id, client.region)
        members = [s for s in client.services.list_all(GroupName=group) if s.get("ServiceGroup", group) == group]
    listing = ", ".join(f"{m['ServiceName']} {m['Status']}" for m in members) or "none"
    return f"service group {group}; members: {listing}"


# ----- commands ----------------------------------------------------------------------------------

def runner_for(args: argparse.Namespace, connection: Connection | None = None) -> StackRunner:
    env = dict(connection.env) if connection else {}
    return StackRunner(project_dir=args.project, stack_name=args.stack, env=env, on_output=args.echo)


def connected(args: argparse.Namespace, start: bool = True) -> tuple[Connection, StackRunner]:
    connection = connect(ProjectPaths(args.project.resolve()).emulator, start=start)
    print(connection.describe())
    return connection, runner_for(args, connection)


def policy_options(args: argparse.Namespace) -> dict[str, list[str]]:
    """`--policy-pack`/`--policy-pack-config` as the engine takes them; `builtin` is this package's pack."""
    packs = [builtin_pack() if pack == BUILTIN_PACK else str(Path(pack).resolve()) for pack in args.policy_pack]
    configs = [str(Path(config).resolve()) for config in args.policy_pack_config]
    if configs and len(configs) != len(packs):
        raise ReportedError("give one --policy-pack-config per --policy-pack, in the same order "
                            f"({len(packs)} pack(s), {len(configs)} config file(s))")
    options: dict[str, list[str]] = {}
    if packs:
        options["policy_packs"] = packs
    if configs:
        options["policy_pack_configs"] = configs
    return options


def builtin_pack() -> str:
    from inference_iac.policy.pack import executable

    return executable()


def cmd_up(args: argparse.Namespace) -> int:
    connection, runner = connected(args)
    # The result carries the outputs the CLI read back after the update: no need to read them again.
    result = runner.up(preview_first=not args.skip_preview, parallel=args.parallel, **policy_options(args))
    print_outputs(result.outputs, args.show_secrets)
    print_live_status(result.outputs, connection)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    _, runner = connected(args)
    runner.preview(diff=args.diff, **policy_options(args))
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    _, runner = connected(args)
    runner.refresh()
    return 0


def cmd_destroy(args: argparse.Namespace) -> int:
    connection, runner = connected(args)
    runner.destroy()
    if args.stop_emulator and connection.emulator is not None:
        connection.emulator.stop()
        print("stopped the local emulator")
    return 0


def cmd_outputs(args: argparse.Namespace) -> int:
    print_outputs(runner_for(args).output_values(), args.show_secrets)
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    runner = runner_for(args)
    if args.action == "set":
        value = args.value
        if value is None:
            value = getpass.getpass(f"{args.key}: ") if sys.stdin.isatty() else sys.stdin.read().rstrip("\n")
        elif args.secret:
            print("note: a secret given on the command line shows in your shell history; "
                  "leave VALUE out to type it (or pipe it) instead", file=sys.stderr)
        runner.set_config_value(args.key, value, secret=args.secret)
        print(f"{runner.qualified(args.key)} set" + (" (secret)" if args.secret else ""))
    elif args.action == "get":
        found = runner.get_config_value(args.key)
        if found is None:
            raise ReportedError(f"{runner.qualified(args.key)} is not set in stack {args.stack}")
        print(MASK if found.secret and not args.show_secrets else found.value)
    else:
        runner.remove_config_value(args.key)
        print(f"{runner.qualified(args.key)} removed")
    return 0


def cmd_stack(args: argparse.Namespace) -> int:
    runner = runner_for(args)
    if args.action == "ls":
        for summary in runner.stacks():
            count = summary.resource_count if summary.resource_count is not None else "?"
            print(f"{summary.name}{' *' if summary.name == args.stack else ''}  resources: {count}")
    else:
        runner.remove_stack(force=args.force)
        print(f"stack {args.stack} removed")
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    runner = runner_for(args)
    live = [lock for lock in runner.locks() if lock_is_live(lock)]
    if live and not args.force:
        owners = ", ".join(f"pid {lock.get('pid')} on {lock.get('hostname')}" for lock in live)
        raise ReportedError(f"stack {args.stack} is locked by a run that is still going ({owners}); "
                            "wait for it, or pass --force if you are sure it is gone")
    runner.cancel()
    print(f"stack {args.stack}: locks and interrupted operations cleared; the next `up` brings it up to date")
    return 0


def lock_is_live(lock: dict[str, Any]) -> bool:
    """Whether the process that holds a lock is still running (known only for this machine)."""
    import socket

    pid = lock.get("pid")
    if not isinstance(pid, int) or lock.get("hostname") != socket.gethostname():
        return bool(pid)  # another machine: assume it is
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process nobody has reaped yet still answers signal 0."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def cmd_down(args: argparse.Namespace) -> int:
    """destroy, then stop the emulator (its data stays for the next `up`)."""
    args.stop_emulator = True
    return cmd_destroy(args)


# ----- parsing ------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inference-stack", description=__doc__.split("\n\n")[0],
                                     epilog=ENVIRONMENT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=Path(os.environ.get("INFERENCE_IAC_PROJECT", ".")),
                        help="the project directory, with its Pulumi.yaml (default: %(default)s)")
    parser.add_argument("--stack", default=os.environ.get("STACK", "dev"), help="stack name (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Callable, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    up = command("up", cmd_up, "deploy the stack, then show its outputs and the live status")
    up.add_argument("--parallel", type=int, default=int(os.environ.get("INFERENCE_IAC_PARALLEL", DEFAULT_PARALLEL)),
                    help="operations at once (default: %(default)s)")
    up.add_argument("--show-secrets", action="store_true", help="print secret outputs in plain text")
    up.add_argument("--skip-preview", action="store_true",
                    help="change without previewing first (a refusal only a preview sees may then come after "
                         "other resources have changed)")
    preview = command("preview", cmd_preview, "show what `up` would change, and why")
    preview.add_argument("--diff", action="store_true", help="show the input differences too")
    for sub in (up, preview):
        sub.add_argument("--policy-pack", action="append", default=[], metavar="PACK",
                         help=f"run a policy pack (a path, or '{BUILTIN_PACK}' for this package's platform rules); "
                              "repeatable")
        sub.add_argument("--policy-pack-config", action="append", default=[], metavar="FILE",
                         help="a JSON config file for the --policy-pack at the same position")
    command("refresh", cmd_refresh, "read every resource back from the cloud and record real drift")
    destroy = command("destroy", cmd_destroy, "delete every resource of the stack")
    destroy.add_argument("--stop-emulator", action="store_true", help="also stop the background emulator")
    command("down", cmd_down, "destroy the stack and stop the background emulator")
    outputs = command("outputs", cmd_outputs, "print the stack outputs (secrets masked)")
    outputs.add_argument("--show-secrets", action="store_true", help="print secret outputs in plain text")

    config = command("config", cmd_config, "set, get or remove a stack config value")
    config_actions = config.add_subparsers(dest="action", required=True, metavar="ACTION")
    config_set = config_actions.add_parser("set", help="set KEY to VALUE (read from stdin or a prompt when left out)")
    config_set.add_argument("key", help="KEY, or NAMESPACE:KEY (default namespace: the project's name)")
    config_set.add_argument("value", nargs="?", help="VALUE")
    config_set.add_argument("--secret", action="store_true", help="encrypt the value in the stack file")
    config_get = config_actions.add_parser("get", help="print KEY's value (secrets masked)")
    config_get.add_argument("key")
    config_get.add_argument("--show-secrets", action="store_true")
    config_rm = config_actions.add_parser("rm", help="remove KEY")
    config_rm.add_argument("key")

    stack = command("stack", cmd_stack, "list or remove stacks")
    stack_actions = stack.add_subparsers(dest="action", required=True, metavar="ACTION")
    stack_actions.add_parser("ls", help="list the project's stacks")
    stack_rm = stack_actions.add_parser("rm", help="remove the stack (and its config file)")
    stack_rm.add_argument("--force", action="store_true", help="remove it even though it still has resources")

    cancel = command("cancel", cmd_cancel, "clear the lock (and interrupted operations) a killed run left")
    cancel.add_argument("--force", action="store_true", help="clear it even if its run seems to be going on")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.stop_emulator = getattr(args, "stop_emulator", False)
    args.echo = Echo(lambda line: print(line, flush=True))
    try:
        try:
            return args.handler(args)
        finally:
            args.echo.close()
    except CommandError as error:
        print(f"\ninference-stack: {args.command} of stack {args.stack} failed:\n{explain(error)}", file=sys.stderr)
        return 1
    except ReportedError as error:
        print(f"inference-stack: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("inference-stack: interrupted; if a run was going on, `inference-stack cancel` clears its lock",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
