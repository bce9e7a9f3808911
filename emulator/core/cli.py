"""`inference-emulator` console command.

    inference-emulator [options]            serve (uvicorn), printing settings and credentials
    inference-emulator ls [--data-dir D]    list what is deployed, from the state on disk
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import fields
from pathlib import Path

from .settings import DEFAULT_SECRET_KEY, SECRET_KEY_ENV, Settings

_DEFAULTS = Settings()
LOG_LEVELS = ["critical", "error", "warning", "info", "debug"]

COMMANDS = """commands:
  inference-emulator [options]          serve the emulated APIs (this help)
  inference-emulator ls [--data-dir D]  list what is deployed, per project, reading the state
                                        in D directly (works whether or not a server runs)

Every option can also be set with an EMULATOR_<OPTION> environment variable
(e.g. EMULATOR_PORT, EMULATOR_READY_DELAY); the secret key with
{env} (the launcher passes it that way, so it never
shows in the process arguments). Unsigned local endpoints: GET / (status page),
/-/health, /-/stats, /-/faults (loopback callers only for / and /-/faults)."""


def _env(name: str, default):
    """Option default from EMULATOR_<NAME>, falling back to the built-in default."""
    return os.environ.get(f"EMULATOR_{name}", default)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inference-emulator",
        description="Local emulator of cloud inference management APIs (ModelArts v2 and v1,\n"
                    "Alibaba Cloud PAI-EAS) on one port, with state in SQLite under --data-dir.",
        epilog=COMMANDS.format(env=SECRET_KEY_ENV),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    setting = _setting_option(parser)
    setting("--host", str, "address to listen on (default: %(default)s)")
    setting("--port", int, "port to listen on (default: %(default)s)")
    setting("--data-dir", str, "directory holding the SQLite state, kept across restarts "
            "(default: %(default)s)")
    setting("--access-key", str, "the access key requests must be signed with "
            "(default: %(default)s)")
    parser.add_argument(
        "--secret-key", default=None,
        help=f"the secret key; prefer ${SECRET_KEY_ENV}, as command lines are visible to "
             f"every local user (default: ${SECRET_KEY_ENV}, else the built-in dev key)")
    setting("--project-id", str, "the one project the credentials may use (default: %(default)s)")
    setting("--ready-delay", float, "seconds a new instance needs to pass its probes: "
            "deployments stay DEPLOYING that long, upgrades roll out one wave per delay "
            "(default: %(default)s)", "SECONDS")
    setting("--minute-seconds", float, "real seconds one minute of a platform timeout "
            "(deploy_timeout_minutes) lasts; e.g. 1 in tests (default: %(default)s)", "SECONDS")
    setting("--stop-delay", float, "seconds a deployment stays STOPPING before STOPPED "
            "(default: %(default)s)", "SECONDS")
    setting("--max-clock-skew", float, "refuse (401) requests whose signed date (X-Sdk-Date, x-acs-date) is further than "
            "this from the server clock, either way (default: %(default)s)", "MINUTES")
    setting("--max-body-bytes", int, "refuse (413) request bodies larger than this, without "
            "reading them whole (default: %(default)s = 1 MiB)", "BYTES")
    setting("--infer-host", str, "host name used in the predict_url of services "
            "(default: %(default)s)")
    setting("--fail-deployments", str, "fault injection: deployments whose name matches this "
            "glob fail to deploy (default: none)", "PATTERN")
    setting("--dedicated-pools", int, "number of dedicated resource pools, ids "
            "pool-dedicated-0001 .. N (default: %(default)s)", "N")
    parser.add_argument("--log-level", default=_env("LOG_LEVEL", "info"), choices=LOG_LEVELS,
                        help="uvicorn log level (default: %(default)s)")
    return parser


def _setting_option(parser: argparse.ArgumentParser):
    """Adds the option of a `Settings` field: `--ready-delay` sets `ready_delay`, its default
    comes from EMULATOR_READY_DELAY, else the field's default."""
    def add(flag: str, kind: type, help: str, metavar: str | None = None) -> None:
        name = flag.removeprefix("--").replace("-", "_")
        parser.add_argument(flag, type=kind, metavar=metavar, help=help,
                            default=kind(_env(name.upper(), getattr(_DEFAULTS, name))))
    return add


def build_ls_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inference-emulator ls",
        description="List what is deployed in an emulator's data dir, per project: services, "
                    "their deployments, status and version. Reads the SQLite state directly "
                    "(read-only), whether or not a server runs on it.")
    _setting_option(parser)("--data-dir", str, "the emulator's data dir (default: %(default)s)")
    return parser


def secret_key_and_source(flag: str | None) -> tuple[str, str]:
    """The secret key and where it came from: the flag wins over the environment, which
    wins over the built-in dev key."""
    if flag is not None:
        return flag, "--secret-key"
    for name in (SECRET_KEY_ENV, "EMULATOR_SECRET_KEY"):
        if os.environ.get(name):
            return os.environ[name], f"${name}"
    return DEFAULT_SECRET_KEY, "built-in dev key"


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Every `Settings` field from its option (the secret key from where `secret_key_and_source`
    finds it)."""
    values = {field.name: getattr(args, field.name) for field in fields(Settings)}
    values["secret_key"], _ = secret_key_and_source(args.secret_key)
    return Settings(**values)


def describe(settings: Settings, secret_source: str, api_names: list[str]) -> str:
    """The start-up banner. The secret key itself is shown only when it is the built-in dev
    key (which protects nothing); otherwise only where it came from."""
    if settings.secret_key == DEFAULT_SECRET_KEY:
        secret = f"{settings.secret_key} (the built-in dev key; from {secret_source})"
        if secret_source == "built-in dev key":
            secret = f"{settings.secret_key} (the built-in dev key)"
    else:
        secret = f"from {secret_source} (not shown)"
    return "\n".join([
        f"Inference emulator: {', '.join(api_names)}",
        f"  endpoint        {settings.endpoint}",
        f"  status page     {settings.endpoint}/  (what is deployed; also: inference-emulator ls)",
        f"  project id      {settings.project_id}",
        f"  access key      {settings.access_key}  (ModelArts AK; EAS AccessKeyId)",
        f"  secret key      {secret}",
        f"  data dir        {os.path.abspath(settings.data_dir)}",
        f"  ready delay     {settings.ready_delay:g} s",
        f"  stop delay      {settings.stop_delay:g} s",
        f"  minute          {settings.minute_seconds:g} s (platform timeouts)",
        f"  clock skew      at most {settings.max_clock_skew:g} min (X-Sdk-Date, x-acs-date)",
        f"  body limit      {settings.max_body_bytes} bytes",
        f"  pools           {settings.dedicated_pools} dedicated (+ the public pool)",
    ])


def ls(argv: list[str]) -> int:
    from .app import default_apis
    from .overview import collect, render_text
    from .store import StateNotFound, Store

    args = build_ls_parser().parse_args(argv)
    try:
        store = Store.open_readonly(args.data_dir)
    except StateNotFound as missing:
        print(f"inference-emulator ls: {missing}", file=sys.stderr)
        return 1
    try:
        print(_served_by(Path(args.data_dir)))
        print(render_text(collect(store, default_apis(), Settings(data_dir=args.data_dir))), end="")
    finally:
        store.close()
    return 0


def _served_by(data_dir: Path) -> str:
    """Which process serves this data dir, from the launcher's record (if any)."""
    from .launcher import RECORD_FILE, _alive

    try:
        record = json.loads((data_dir / RECORD_FILE).read_text())
        pid = record["pid"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"state in {data_dir.resolve()} (no background emulator recorded)"
    if isinstance(pid, int) and _alive(pid):
        return f"state in {data_dir.resolve()}, served at {record.get('endpoint')} (pid {pid})"
    return f"state in {data_dir.resolve()} (the recorded emulator, pid {pid}, is not running)"


def serve(argv: list[str] | None) -> None:
    import uvicorn

    from .app import create_app, default_apis

    args = build_parser().parse_args(argv)
    settings = settings_from_args(args)
    _, source = secret_key_and_source(args.secret_key)
    apis = default_apis()
    app = create_app(settings, apis)
    print(describe(settings, source, [api.name for api in apis]), flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["ls"]:
        sys.exit(ls(argv[1:]))
    serve(argv)


if __name__ == "__main__":
    main()
