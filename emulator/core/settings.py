"""Runtime settings shared by the CLI, the ASGI app, the API plug-ins and the launcher."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

# The one set of development credentials (tests, benchmarks, `make up`); they protect nothing.
DEFAULT_ACCESS_KEY = "EMULATORACCESSKEY000"
DEFAULT_SECRET_KEY = "EMULATORSECRETKEY00000000000000000000000"  # 40 chars, like a real SK
DEFAULT_PROJECT_ID = "0123456789abcdef0123456789abcdef"
DEFAULT_INFER_HOST = "infer.modelarts.emulator.local"
# The launcher hands the secret key to the emulator process through this variable,
# never on its command line (which any local user can read).
SECRET_KEY_ENV = "INFERENCE_EMULATOR_SECRET_KEY"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8999
    data_dir: str = ".emulator"
    access_key: str = DEFAULT_ACCESS_KEY
    secret_key: str = DEFAULT_SECRET_KEY
    project_id: str = DEFAULT_PROJECT_ID
    # Seconds a new/started deployment stays DEPLOYING (and an updated one
    # UPGRADING) before it is reported RUNNING.
    ready_delay: float = 3.0
    # Real seconds one "minute" of a platform timeout lasts (deploy_timeout_minutes),
    # so tests can run a 20-minute deploy timeout in 20 s (or less).
    minute_seconds: float = 60.0
    # Seconds a stopped deployment stays STOPPING before it is STOPPED.
    stop_delay: float = 0.0
    # Requests whose signature date (X-Sdk-Date) is further than this many
    # minutes from the server clock, either way, are refused (401).
    max_clock_skew: float = 15.0
    # Request bodies larger than this are refused (413) without being read whole.
    max_body_bytes: int = MIB
    # Host name used in the (not emulated) inference URLs returned as predict_url.
    infer_host: str = DEFAULT_INFER_HOST
    # Fault injection: deployments whose name matches this glob pattern fail
    # to deploy (status FAILED at their due time) instead of becoming RUNNING.
    fail_deployments: str = ""
    # Dedicated resource pools offered to deployments: pool-dedicated-0001 .. N.
    dedicated_pools: int = 1

    def deploy_fault(self, deployment_name: str) -> str | None:
        """The failure reason for a deployment that is set up to fail, else None."""
        if self.fail_deployments and fnmatch.fnmatchcase(deployment_name, self.fail_deployments):
            return (f"Emulated fault: instances of deployment [{deployment_name}] failed their "
                    "startup probe (--fail-deployments)")
        return None

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"
