"""`inference-emulator` console command: parse options, print them, serve with uvicorn."""

from __future__ import annotations

import argparse
import os

from .settings import DEFAULT_SECRET_KEY, SECRET_KEY_ENV, Settings

_DEFAULTS = Settings()


def _env(name: str, default):
    """Option default from EMULATOR_<NAME>, falling back to the built-in default."""
    return os.environ.get(f"EMULATOR_{name}", default)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inference-emulator",
        description="Local emulator of the ModelArts v2 real-time inference management API. "
                    "Every option can also be set with an EMULATOR_<OPTION> environment variable "
                    "(e.g. EMULATOR_PORT, EMULATOR_READY_DELAY); the secret key with "
                    f"{SECRET_KEY_ENV}.",
    )
    parser.add_argument("--host", default=_env("HOST", _DEFAULTS.host))
    parser.add_argument("--port", type=int, default=int(_env("PORT", _DEFAULTS.port)))
    parser.add_argument("--data-dir", default=_env("DATA_DIR", _DEFAULTS.data_dir),
                        help="directory holding the SQLite state (kept across restarts)")
    parser.add_argument("--access-key", default=_env("ACCESS_KEY", _DEFAULTS.access_key))
    parser.add_argument("--secret-key", default=None,
                        help=f"default: ${SECRET_KEY_ENV}, else the built-in dev key")
    parser.add_argument("--project-id", default=_env("PROJECT_ID", _DEFAULTS.project_id))
    parser.add_argument("--ready-delay", type=float,
                        default=float(_env("READY_DELAY", _DEFAULTS.ready_delay)),
                        help="seconds a deployment stays DEPLOYING/UPGRADING before RUNNING")
    parser.add_argument("--minute-seconds", type=float,
                        default=float(_env("MINUTE_SECONDS", _DEFAULTS.minute_seconds)),
                        help="real seconds one minute of a platform timeout lasts "
                             "(deploy_timeout_minutes); e.g. 1 in tests")
    parser.add_argument("--stop-delay", type=float,
                        default=float(_env("STOP_DELAY", _DEFAULTS.stop_delay)),
                        help="seconds a deployment stays STOPPING before STOPPED")
    parser.add_argument("--max-clock-skew", type=float, metavar="MINUTES",
                        default=float(_env("MAX_CLOCK_SKEW", _DEFAULTS.max_clock_skew)),
                        help="refuse (401) requests whose X-Sdk-Date is further than this from "
                             "the server clock, either way")
    parser.add_argument("--max-body-bytes", type=int, metavar="BYTES",
                        default=int(_env("MAX_BODY_BYTES", _DEFAULTS.max_body_bytes)),
                        help="refuse (413) request bodies larger than this, without reading them "
                             "whole")
    parser.add_argument("--infer-host", default=_env("INFER_HOST", _DEFAULTS.infer_host),
                        help="host name used in the predict_url of services")
    parser.add_argument("--fail-deployments", default=_env("FAIL_DEPLOYMENTS", ""), metavar="PATTERN",
                        help="fault injection: deployments whose name matches this glob fail to deploy")
    parser.add_argument("--dedicated-pools", type=int, metavar="N",
                        default=int(_env("DEDICATED_POOLS", _DEFAULTS.dedicated_pools)),
                        help="number of dedicated resource pools (ids pool-dedicated-0001 .. N)")
    parser.add_argument("--log-level", default=_env("LOG_LEVEL", "info"),
                        choices=["critical", "error", "warning", "info", "debug"])
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
    secret_key, _ = secret_key_and_source(args.secret_key)
    return Settings(host=args.host, port=args.port, data_dir=args.data_dir,
                    access_key=args.access_key, secret_key=secret_key,
                    project_id=args.project_id, ready_delay=args.ready_delay,
                    minute_seconds=args.minute_seconds, max_clock_skew=args.max_clock_skew,
                    max_body_bytes=args.max_body_bytes,
                    stop_delay=args.stop_delay, infer_host=args.infer_host,
                    fail_deployments=args.fail_deployments,
                    dedicated_pools=args.dedicated_pools)


def describe(settings: Settings) -> str:
    # The secret key is deliberately never printed.
    return "\n".join([
        "ModelArts inference emulator",
        f"  endpoint     {settings.endpoint}",
        f"  project id   {settings.project_id}",
        f"  access key   {settings.access_key}",
        f"  data dir     {os.path.abspath(settings.data_dir)}",
        f"  ready delay  {settings.ready_delay:g} s",
        f"  stop delay   {settings.stop_delay:g} s",
        f"  minute       {settings.minute_seconds:g} s (platform timeouts)",
        f"  pools        public + {settings.dedicated_pools} dedicated",
    ])


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    from .app import create_app

    args = build_parser().parse_args(argv)
    settings = settings_from_args(args)
    app = create_app(settings)
    print(describe(settings), flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)


if __name__ == "__main__":
    main()
