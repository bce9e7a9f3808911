"""`inference-migrate`: write the ModelArts v2 program of a v1 service (reads the cloud, changes nothing).

    inference-migrate --service-id ID | --service-name NAME [--out DIR] [--pool-id POOL] [--flavor OLD=NEW]
                      [--drop FEATURE] [--auth token|api-key]
    inference-migrate --check [--project DIR] [--stack NAME]

Reads the v1 service and the models its config names, translates them
(`translate.py`), checks the result with the InferenceService component's
own rules, and writes DIR/Pulumi.yaml, DIR/__main__.py and DIR/MIGRATION.md.
A setting the program would not carry refuses the migration (exit 2) until
it is dropped by name. With no cloud in the environment, the v1 service is
read from the project's emulator (as `inference-stack` finds it), and DIR is
bound to that same emulator, so `inference-stack --project DIR up` deploys
beside the v1 service.

`--check` judges a deployed migration before clients move (exit 2 when it
is not ready): see `check.py`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from pulumi.automation.errors import CommandError

from ...core.errors import CloudError, ReportedError
from ...modelarts.catalogue import Catalogue
from ...modelarts.client import ModelArtsClient
from ...modelarts.settings import resolve
from ...modelarts.v1.client import ModelArtsV1Client
from ..connection import Connection, connect
from ..report import explain
from ..workspace import ProjectPaths, StackRunner
from . import program
from .check import read_readiness
from .features import FEATURES
from .report import migration_md, refusal
from .translate import AUTH_TYPES, Migration, Options, translate

FILES = ("Pulumi.yaml", "__main__.py", "MIGRATION.md")


class MigrationRefused(ReportedError):
    """The migration cannot go ahead as asked; the message says why and how to go on."""


# ----- reading the cloud ------------------------------------------------------------------------


def read_v1(client: ModelArtsV1Client, args: argparse.Namespace
            ) -> tuple[dict[str, Any], dict[str, dict[str, Any] | None]]:
    """The service's details and the details of each model its config names (None: not in the registry)."""
    if args.service_name is not None:
        service = client.services.find_by_name(args.service_name)
    else:
        service = client.services.find(args.service_id)
    if service is None:
        named = f"named {args.service_name}" if args.service_name is not None else args.service_id
        raise MigrationRefused(f"there is no v1 service {named} in project {client.config.project_id} "
                               f"({client.config.resolved_endpoint()})")
    ids = dict.fromkeys(entry.get("model_id") for entry in service.get("config") or [])
    return service, {model_id: client.models.find_by_id(model_id) for model_id in ids if model_id}


def region_offer(client: ModelArtsClient) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(flavors, pools) the v2 API offers; None for a catalogue that could not be read."""
    catalogue = Catalogue(client)
    flavors, pools = catalogue.flavors(), catalogue.pools()
    return (frozenset(flavors) if flavors else None), (frozenset(pools) if pools is not None else None)


def clients(connection: Connection) -> tuple[ModelArtsV1Client, ModelArtsClient]:
    """Both APIs of the one ModelArts connection the environment (or the emulator) gives."""
    config = resolve(lambda key: None, {**os.environ, **connection.env})
    return ModelArtsV1Client(config), ModelArtsClient(config)


def migrate(args: argparse.Namespace, connection: Connection) -> Migration:
    v1, v2 = clients(connection)
    with v1, v2:
        service, models = read_v1(v1, args)
        flavors, pools = region_offer(v2)
    options = Options(pool_id=args.pool_id, flavors=dict(args.flavor), drop=frozenset(args.drop), name=args.name,
                      auth=args.auth, offered_flavors=flavors, pools=pools)
    migration = translate(service, models, options)
    program.check(migration)
    return migration


# ----- writing the program ------------------------------------------------------------------------


def out_dir(args: argparse.Namespace, migration: Migration) -> Path:
    return args.out if args.out is not None else Path(f"{migration.plan.component}-v2")


def write(out: Path, migration: Migration, force: bool) -> None:
    existing = [name for name in FILES if (out / name).exists()]
    if existing and not force:
        raise MigrationRefused(f"{out} already holds {', '.join(existing)}; pass --force to overwrite them")
    out.mkdir(parents=True, exist_ok=True)
    (out / "Pulumi.yaml").write_text(program.pulumi_yaml(migration))
    (out / "__main__.py").write_text(program.main_py(migration))
    (out / "MIGRATION.md").write_text(migration_md(migration, str(out)))


def share_emulator(out: Path, connection: Connection) -> str | None:
    """Make DIR's runs use the emulator the v1 service lives in (the emulator stands for one cloud)."""
    if connection.emulator is None:
        return None
    source = connection.emulator.data_dir.resolve()
    link = ProjectPaths(out.resolve()).emulator
    if link.resolve() == source:
        return str(source)
    if link.exists() or link.is_symlink():
        raise MigrationRefused(f"{out} already has an emulator of its own ({link}); the v2 program must be "
                               f"deployed to the one the v1 service lives in ({source}): remove {link} first")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(source, target_is_directory=True)
    return str(source)


def summary(migration: Migration, out: Path, emulator: str | None) -> str:
    plan = migration.plan
    lines = [f"wrote {out}/ ({', '.join(FILES)}): InferenceService {plan.component} with "
             f"{len(plan.deployments)} deployment(s)"]
    lines += [f"  {d.name}: {d.image}, weight {d.weight}, {d.replicas} replica(s), pool {d.pool_id}"
              for d in plan.deployments]
    if migration.left_behind:
        lines.append("left behind: " + ", ".join(dict.fromkeys(f.feature for f in migration.left_behind))
                     + " (see MIGRATION.md)")
    if emulator:
        lines.append(f"{out} uses the same local emulator ({emulator})")
    lines.append(f"next: inference-stack --project {out} up")
    return "\n".join(lines)


# ----- checking a deployed migration -----------------------------------------------------------------


def check(args: argparse.Namespace, connection: Connection) -> int:
    runner = StackRunner(project_dir=args.project, stack_name=args.stack, env=dict(connection.env))
    outputs = {key: out.value for key, out in runner.stack(create=False).outputs().items()}
    if not outputs.get("service_id") or "v1_service_id" not in outputs:
        raise MigrationRefused(f"stack {args.stack} of {args.project} holds no deployed migration (no service_id "
                               f"and v1_service_id outputs); run `inference-stack --project {args.project} up` first")
    v1, v2 = clients(connection)
    with v1, v2:
        found = read_readiness(v2, v1, outputs)
    print("\n".join(found.lines))
    if found.problems:
        raise MigrationRefused("the v2 service is not ready for the v1 clients:\n  - " + "\n  - ".join(found.problems))
    if outputs.get("v1_service_id") and any(line.startswith("v1 service: gone") for line in found.lines):
        print("ready: the v2 service serves on its own")
    else:
        print("ready: v2 serves what v1 serves; the clients can move (stack config clients: v2)")
    return 0


# ----- the command ----------------------------------------------------------------------------------


def flavor_pair(text: str) -> tuple[str, str]:
    old, sep, new = text.partition("=")
    if not sep or not old or not new:
        raise argparse.ArgumentTypeError(f"{text!r}: expected OLD=NEW, e.g. modelarts.vm.gpu.pnt004=modelarts.vm.gpu.t4")
    return old, new


def build_parser() -> argparse.ArgumentParser:
    features = "\n".join(f"  {f.name:<22}{f.title}" for f in FEATURES.values())
    parser = argparse.ArgumentParser(
        prog="inference-migrate", description=__doc__.split("\n\n")[0].split(": ", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"features --drop takes:\n{features}\n\nconnection: the clouds the environment names "
               "(MODELARTS_ENDPOINT or HUAWEICLOUD_SDK_REGION, HUAWEICLOUD_SDK_AK/SK/PROJECT_ID), else the "
               "project's local emulator")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--service-id", help="the v1 service to migrate")
    what.add_argument("--service-name", help="the v1 service to migrate, by its name (unique in a project)")
    what.add_argument("--check", action="store_true",
                      help="judge the migration deployed from --project (its --stack) instead: is the v2 service "
                           "ready for the v1 clients?")
    parser.add_argument("--out", type=Path, default=None, help="the directory to write the program to "
                                                               "(default: ./<service name>-v2)")
    parser.add_argument("--project", type=Path, default=Path(os.environ.get("INFERENCE_IAC_PROJECT", ".")),
                        help="the project whose local emulator holds the v1 service, when no cloud is named; with "
                             "--check, the migrated program (default: %(default)s)")
    parser.add_argument("--stack", default=os.environ.get("STACK", "dev"),
                        help="with --check: the stack (default: %(default)s)")
    parser.add_argument("--pool-id", help="the v2 dedicated pool of every deployment (default: the v1 service's "
                                          "pool_name; required when it ran on the public pool or an old cluster)")
    parser.add_argument("--flavor", type=flavor_pair, action="append", default=[], metavar="OLD=NEW",
                        help="use flavor NEW where the v1 config names OLD (repeatable)")
    parser.add_argument("--drop", action="append", default=[], metavar="FEATURE",
                        help="migrate without FEATURE (repeatable; listed below)")
    parser.add_argument("--name", help="the v2 service's name (default: the v1 service's)")
    parser.add_argument("--auth", choices=sorted(AUTH_TYPES), default="token",
                        help="how callers authenticate to v2: token (an IAM token, as on v1; the default) or "
                             "api-key (an API key the program creates)")
    parser.add_argument("--force", action="store_true", help="overwrite the files of an earlier migration in DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        connection = connect(ProjectPaths(args.project.resolve()).emulator)
        print(connection.describe())
        if args.check:
            return check(args, connection)
        migration = migrate(args, connection)
        if not migration.ok:
            raise MigrationRefused(refusal(migration))
        out = out_dir(args, migration)
        write(out, migration, args.force)
        print(summary(migration, out, share_emulator(out, connection)))
    except CommandError as error:
        print(f"inference-migrate: reading the stack failed:\n{explain(error)}", file=sys.stderr)
        return 1
    except CloudError as error:
        print(f"inference-migrate: the ModelArts API failed: {error}", file=sys.stderr)
        return 1
    except ReportedError as error:
        print(f"inference-migrate: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("inference-migrate: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
