"""`inference-promote`: move the artifact version a lower stack runs into a higher stack.

    inference-promote --project examples/promotion --from dev --to staging

Reads the version from the lower stack's outputs, checks through the
management API that the lower stack is healthy (refusing otherwise), writes
the version into the higher stack's config, previews, then runs `up`. A
higher stack with `release: canary` gets the version in its idle slot and a
gated traffic shift to it (examples/promotion/README.md). When
MODELARTS_ENDPOINT is not set the local emulator is started in the background.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from pulumi import automation as auto

from ..core.errors import NotFoundError, ReportedError
from ..modelarts.client import ModelArtsClient
from ..modelarts.settings import resolve
from ..modelarts.waiters.deployment import ready_instances, unhealthy_instances
from ..modelarts.statuses import ABNORMAL_EVENTS, DEPLOYMENT_RUNNING, SERVICE_RUNNING, status_of
from ..modelarts.waiters.service import alarming_events, event_time
from .connection import connect
from .report import explain
from .workspace import ProjectPaths, StackRunner

SLOTS = ("blue", "green")
# Keys the promotion writes into the higher stack's config (project namespace).
VERSION_KEY, PREVIOUS_KEY, SLOT_KEY = "appVersion", "previousVersion", "canarySlot"


class PromotionRefused(ReportedError):
    """The promotion must not go ahead; the message says why and what to do."""


# ----- health verdict (pure) -------------------------------------------------------------------


@dataclass
class DeploymentView:
    role: str
    artifact: str
    deployment: dict[str, Any]
    instances: list[dict[str, Any]]


@dataclass
class StackView:
    """What the management API says about the deployments a stack's outputs name."""

    service: dict[str, Any]
    deployments: list[DeploymentView]
    abnormal_events: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def image_of(deployment: dict[str, Any]) -> str:
    units = deployment.get("unit_configs") or [{}]
    return str(((units[0] or {}).get("image") or {}).get("swr_path") or "")


def runs_artifact(image: str, artifact: str) -> bool:
    # The artifact is the image's last path segment (name:tag).
    return image == artifact or image.endswith("/" + artifact)


def deployment_problems(view: DeploymentView) -> list[str]:
    d = view.deployment
    label = f"deployment {d.get('name') or view.role} ({view.role})"
    problems = []
    status = status_of(d)
    if status != DEPLOYMENT_RUNNING:
        reason = d.get("failure_reason")
        problems.append(f"{label} is {status}" + (f": {reason}" if reason else ""))
    ready = ready_instances(view.instances)
    wanted = int(d.get("count") or 1)
    if len(ready) < wanted:
        problems.append(f"{label} has {len(ready)} of {wanted} instance(s) ready")
    bad = unhealthy_instances(view.instances)
    if bad:
        problems.append(f"{label} has unhealthy instance(s): "
                        + ", ".join(f"{i.get('instance_name')} {i.get('status')}" for i in bad))
    image = image_of(d)
    if not runs_artifact(image, view.artifact):
        # The state says one thing, the cloud another: promote only what really runs.
        problems.append(f"{label} runs {image or 'no image'}, not {view.artifact} as the stack outputs say "
                        "(drift: refresh and up the stack first)")
    return problems


def health_verdict(view: StackView, since_ms: int) -> list[str]:
    """Reasons the stack is not healthy; empty when it is."""
    problems = [f"{what} named in the stack outputs does not exist" for what in view.missing]
    status = status_of(view.service)
    if view.service and status != SERVICE_RUNNING:
        problems.append(f"service {view.service.get('name')} is {status}")
    for deployment in view.deployments:
        problems += deployment_problems(deployment)
    # A time window, not "since a step began": recent trouble, whoever caused it.
    fresh = sorted((e for e in view.abnormal_events if event_time(e) >= since_ms), key=event_time)
    problems += [f"ABNORMAL event: {e.get('event_info')}" for e in fresh]
    return problems


# ----- version selection (pure) ----------------------------------------------------------------


def other_slot(slot: str) -> str:
    return SLOTS[1] if slot == SLOTS[0] else SLOTS[0]


def serving_slot(weights: Mapping[str, int]) -> str | None:
    """The slot that takes all traffic, or None while the traffic is split."""
    full = [slot for slot, weight in weights.items() if weight > 0]
    return full[0] if len(full) == 1 else None


def select_config(version: str, current: Mapping[str, str], canary: bool,
                  weights: Mapping[str, int] | None) -> dict[str, str]:
    """The higher stack's config values that put `version` in it.

    Direct: just the version. Canary: the version goes to the idle slot and
    the serving slot keeps its version as `previousVersion` - unless the last
    release never finished (the canary slot does not serve yet), in which case
    the canary slot's version is simply replaced. A release caught half-way
    (traffic split) is refused: finish it or roll it back first.
    """
    if not canary:
        return {VERSION_KEY: version}
    slot = current.get(SLOT_KEY) or SLOTS[1]
    if current.get(VERSION_KEY) == version:
        # The same version again: no flip; `up` resumes or retries the release.
        return {VERSION_KEY: version, SLOT_KEY: slot, PREVIOUS_KEY: current.get(PREVIOUS_KEY) or version}
    if weights is None:
        # Nothing deployed yet: both slots start on the version.
        return {VERSION_KEY: version, SLOT_KEY: slot, PREVIOUS_KEY: version}
    serving = serving_slot(weights)
    if serving is None:
        split = ", ".join(f"{s} {w}%" for s, w in sorted(weights.items()))
        raise PromotionRefused(f"a release is half-way ({split}): promote {current.get(VERSION_KEY)} again to "
                               "finish it, or roll it back, before promoting another version")
    if serving == slot:
        return {VERSION_KEY: version, SLOT_KEY: other_slot(slot), PREVIOUS_KEY: current.get(VERSION_KEY) or version}
    return {VERSION_KEY: version, SLOT_KEY: slot, PREVIOUS_KEY: current.get(PREVIOUS_KEY) or version}


# ----- reading the cloud --------------------------------------------------------------------------


def stack_view(client: ModelArtsClient, outputs: Mapping[str, Any]) -> StackView:
    service_id = outputs["service_id"]
    try:
        service = client.services.get(service_id)
    except NotFoundError:
        return StackView(service={}, deployments=[], missing=[f"service {service_id}"])
    view = StackView(service=service, deployments=[])
    versions = outputs.get("deployment_versions") or {}
    for role, deployment_id in sorted((outputs.get("deployment_ids") or {}).items()):
        try:
            deployment = client.deployments.get(service_id, deployment_id)
        except NotFoundError:
            view.missing.append(f"deployment {role} ({deployment_id})")
            continue
        instances = client.deployments.instances(service_id, deployment["name"])
        view.deployments.append(DeploymentView(role, versions.get(role, ""), deployment, instances))
    view.abnormal_events = alarming_events(client, service_id, kinds=ABNORMAL_EVENTS)
    return view


def live_weights(client: ModelArtsClient, outputs: Mapping[str, Any]) -> dict[str, int] | None:
    """Each slot's live weight, or None when the stack has no deployed slots."""
    ids = outputs.get("deployment_ids") or {}
    if not outputs.get("service_id") or set(ids) != set(SLOTS):
        return None
    try:
        return {slot: int(client.deployments.get(outputs["service_id"], ids[slot]).get("weight") or 0) for slot in SLOTS}
    except NotFoundError:
        return None


# ----- the command --------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="inference-promote", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(os.environ.get("INFERENCE_IAC_PROJECT", ".")),
                        help="the project directory (default: %(default)s)")
    parser.add_argument("--from", dest="source", required=True, help="the lower stack, e.g. dev")
    parser.add_argument("--to", dest="target", required=True, help="the higher stack, e.g. staging")
    parser.add_argument("--events-since", type=float, default=60, metavar="MINUTES",
                        help="ABNORMAL events of the lower stack newer than this block the promotion (default 60)")
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="local state backend dir (default: <project>/.inference-iac/state, or PULUMI_BACKEND_URL)")
    parser.add_argument("--home-dir", type=Path, default=None, help="PULUMI_HOME (default: <project>/.inference-iac/home)")
    args = parser.parse_args(argv)
    if args.source == args.target:
        parser.error("--from and --to name the same stack")
    return args


def connection_env(args: argparse.Namespace) -> dict[str, str]:
    """The provider environment: the clouds the environment names, or the project's emulator."""
    connection = connect(ProjectPaths(args.project.resolve()).emulator)
    print(connection.describe())
    return connection.env


def client_for(config: Mapping[str, str], env: Mapping[str, str]) -> ModelArtsClient:
    # The stack's own modelarts:* config wins over the environment, as in the provider.
    return ModelArtsClient(resolve(config.get, {**os.environ, **env}))


def stack_config(stack: auto.Stack) -> dict[str, str]:
    return {key: value.value for key, value in stack.get_all_config().items()}


def unqualified(config: Mapping[str, str], namespace: str) -> dict[str, str]:
    prefix = f"{namespace}:"
    return {key[len(prefix):]: value for key, value in config.items() if key.startswith(prefix)}


def check_lower(runner: StackRunner, env: Mapping[str, str], events_since_minutes: float,
                now: Callable[[], float] = time.time) -> str:
    """The version the lower stack runs; PromotionRefused unless it is deployed and healthy."""
    stack = runner.stack()
    outputs = {key: out.value for key, out in stack.outputs().items()}
    if not outputs.get("app_version") or not outputs.get("service_id"):
        raise PromotionRefused(f"stack {runner.stack_name} has no deployed version (no app_version/service_id "
                               f"outputs); run `inference-stack up --project {runner.project_dir} --stack "
                               f"{runner.stack_name}` first")
    version = outputs["app_version"]
    with client_for(stack_config(stack), env) as client:
        view = stack_view(client, outputs)
    since_ms = int((now() - events_since_minutes * 60) * 1000)
    problems = health_verdict(view, since_ms)
    if problems:
        raise PromotionRefused(f"stack {runner.stack_name} ({version}) is not healthy:\n  - " + "\n  - ".join(problems))
    print(f"{runner.stack_name} runs {version} and is healthy "
          f"({len(view.deployments)} deployment(s) RUNNING, instances ready, no ABNORMAL events "
          f"in the last {events_since_minutes:g} min)")
    return version


def set_version(runner: StackRunner, version: str, env: Mapping[str, str]) -> dict[str, str]:
    """Write the config that puts `version` into the higher stack; returns the values written."""
    namespace = runner.project_name()
    stack = runner.stack()
    current = unqualified(stack_config(stack), namespace)
    canary = current.get("release") == "canary"
    weights = None
    if canary:
        outputs = {key: out.value for key, out in stack.outputs().items()}
        with client_for(stack_config(stack), env) as client:
            weights = live_weights(client, outputs)
    values = select_config(version, current, canary, weights)
    changed = {key: value for key, value in values.items() if current.get(key) != value}
    if changed:
        stack.set_all_config({f"{namespace}:{key}": auto.ConfigValue(value) for key, value in changed.items()})
    described = ", ".join(f"{key}={value}" for key, value in sorted(values.items()))
    print(f"{runner.stack_name} config: {described}" + ("" if changed else " (unchanged)"))
    return values


def summary(changes: Mapping[str, int] | None) -> str:
    shown = {op: n for op, n in (changes or {}).items() if op != "same" and n}
    return ", ".join(f"{n} to {op}" for op, n in sorted(shown.items())) or "no changes"


def promote(args: argparse.Namespace, env: dict[str, str]) -> None:
    def runner(stack_name: str) -> StackRunner:
        return StackRunner(project_dir=args.project, stack_name=stack_name, state_dir=args.state_dir,
                           home_dir=args.home_dir, env=env)

    lower, higher = runner(args.source), runner(args.target)
    version = check_lower(lower, env, args.events_since)
    set_version(higher, version, env)
    print(f"\nPreview of {higher.stack_name}:")
    preview = higher.preview()
    print(f"Planned for {higher.stack_name}: {summary(preview.change_summary)}")
    print(f"\nUpdating {higher.stack_name}:")
    higher.up()
    outputs = higher.outputs()
    line = f"\n{higher.stack_name} now runs {outputs.get('app_version')}"
    if outputs.get("release") == "canary":
        line += (f" in slot {outputs.get('canary_slot')} (release {outputs.get('release_status')}, canary "
                 f"{outputs.get('canary_weight')}%); slot {outputs.get('stable_slot')} keeps "
                 f"{outputs.get('previous_version')} idle")
    print(line)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        env = connection_env(args)
        promote(args, env)
    except PromotionRefused as refused:
        print(f"inference-promote: refusing to promote {args.source} -> {args.target}: {refused}", file=sys.stderr)
        return 2
    except auto.CommandError as failed:
        print(f"inference-promote: the update of {args.target} failed:\n{explain(failed)}", file=sys.stderr)
        return 1
    except ReportedError as error:
        print(f"inference-promote: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
