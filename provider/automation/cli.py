"""`inference-stack`: up / preview / refresh / destroy a project of this repo offline.

When MODELARTS_ENDPOINT is not set, the local emulator is started in the
background (or reused if one this command started is still running) and the
provider is pointed at it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..modelarts.client import ModelArtsClient
from ..modelarts.settings import resolve
from .local_emulator import BackgroundEmulator
from .workspace import REPO_ROOT, StackRunner


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="inference-stack", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "preview", "refresh", "destroy", "down", "outputs"])
    parser.add_argument("--project", type=Path, default=REPO_ROOT, help="project directory (default: the root stack)")
    parser.add_argument("--stack", default=os.environ.get("STACK", "dev"), help="stack name (default: dev)")
    parser.add_argument("--emulator-dir", type=Path, default=REPO_ROOT / ".emulator", help="data dir of the background emulator")
    return parser.parse_args(argv)


def connect(args: argparse.Namespace) -> BackgroundEmulator | None:
    if os.environ.get("MODELARTS_ENDPOINT"):
        print(f"using ModelArts endpoint {os.environ['MODELARTS_ENDPOINT']}")
        return None
    emulator = BackgroundEmulator(args.emulator_dir)
    if args.command in ("down",) and not emulator.is_running():
        return emulator
    emulator.ensure_running()
    print(f"using the local emulator at {emulator.endpoint} (log: {emulator.log_path})")
    return emulator


def show_outputs(runner: StackRunner) -> None:
    outputs = runner.outputs()
    print("\nStack outputs:")
    for key in sorted(outputs):
        print(f"  {key}: {json.dumps(outputs[key])}")


def show_live_status(runner: StackRunner) -> None:
    """Ask the management API itself, so the result shown is the cloud's, not the state file's."""
    service_id = runner.outputs().get("service_id")
    if not service_id:
        return
    config = resolve(lambda key: None, {**os.environ, **runner.env})
    with ModelArtsClient(config) as client:
        service = client.services.get(service_id)
        deployments = client.deployments.list_all(service_id)
    listing = ", ".join(f"{d['name']} {d['status']}" for d in deployments) or "none"
    print(f"\nLive: service {service['name']} is {service['status']}; deployments: {listing}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    emulator = connect(args)
    env = emulator.provider_env() if emulator is not None else {}
    runner = StackRunner(project_dir=args.project, stack_name=args.stack, env=env)
    if args.command == "up":
        runner.up()
        show_outputs(runner)
        show_live_status(runner)
    elif args.command == "preview":
        runner.preview()
    elif args.command == "refresh":
        runner.refresh()
    elif args.command == "outputs":
        show_outputs(runner)
    elif args.command in ("destroy", "down"):
        if emulator is None or emulator.is_running():
            runner.destroy()
        if args.command == "down" and emulator is not None:
            emulator.stop()
            print("stopped the local emulator")
    return 0


if __name__ == "__main__":
    sys.exit(main())
