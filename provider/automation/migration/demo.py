"""A v1 service to migrate, in the project's local emulator: `python -m inference_iac.automation.migration.demo`.

It stands for a service made long ago in the console: two versions of an
image model sharing the traffic 70/30 on a dedicated pool. Run again, it
finds what it made before. It never writes to a real cloud.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from ...core.errors import ReportedError
from ...modelarts.settings import resolve
from ...modelarts.v1.client import ModelArtsV1Client
from ...modelarts.v1.statuses import MODEL_PENDING, SERVICE_TRANSITIONAL, model_status_of, status_of
from ..connection import connect
from ..workspace import ProjectPaths

SERVICE_NAME = "shop"
MODEL_NAME = "shop-model"
IMAGES = {"1.0.0": "swr.cn-north-4.myhuaweicloud.com/demo/shop-model:1.0.0",
          "1.1.0": "swr.cn-north-4.myhuaweicloud.com/demo/shop-model:1.1.0"}
WEIGHTS = {"1.0.0": 70, "1.1.0": 30}
POOL = "pool-dedicated-0001"
FLAVOR = "modelarts.vm.cpu.2u"
# The container API and health check of the model's config.json (an Image model must have one).
MODEL_CONFIG = ('{"protocol": "http", "port": 8080, "health": {"check_method": "HTTP", "url": "/health", '
                '"initial_delay_seconds": 10, "period_seconds": 10, "failure_threshold": 3}}')


def wait(read, done, what: str, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        found = read()
        if done(found):
            return found
        if time.monotonic() > deadline:
            raise ReportedError(f"{what} did not settle within {timeout:g} s")
        time.sleep(0.5)


def create_demo(client: ModelArtsV1Client) -> dict[str, Any]:
    """The demo's v1 service (made, or found again), once it no longer deploys."""
    config = []
    for version, image in IMAGES.items():
        model = client.models.create({"model_name": MODEL_NAME, "model_version": version, "model_type": "Image",
                                      "source_location": image, "initial_config": MODEL_CONFIG})
        wait(lambda: client.models.get(model["model_id"]), lambda m: model_status_of(m) not in MODEL_PENDING,
             f"model {MODEL_NAME} {version}")
        config.append({"model_id": model["model_id"], "weight": WEIGHTS[version], "specification": FLAVOR,
                       "instance_count": 1, "envs": {"MODEL_VERSION": version}})
    service, _ = client.services.create_or_adopt({
        "service_name": SERVICE_NAME, "infer_type": "real-time", "pool_name": POOL,
        "description": "shop recommendations", "config": config})
    return wait(lambda: client.services.get(service["service_id"]),
                lambda s: status_of(s) not in SERVICE_TRANSITIONAL, f"v1 service {SERVICE_NAME}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference_iac.automation.migration.demo",
                                     description=__doc__.split("\n\n")[0].split(": ", 1)[0])
    parser.add_argument("--project", type=Path, default=Path(os.environ.get("INFERENCE_IAC_PROJECT", ".")),
                        help="the project whose local emulator gets the service (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        connection = connect(ProjectPaths(args.project.resolve()).emulator)
        if connection.emulator is None:
            raise ReportedError("the demo writes to the local emulator only, and the environment names a real "
                                "cloud; unset it (or set INFERENCE_IAC_EMULATOR=on)")
        print(connection.describe())
        with ModelArtsV1Client(resolve(lambda key: None, {**os.environ, **connection.env})) as client:
            service = create_demo(client)
    except ReportedError as error:
        print(f"demo: {error}", file=sys.stderr)
        return 2
    weights = ", ".join(f"{e['model_name']} {e['model_version']} {e['weight']}%" for e in service["config"])
    print(f"v1 service {service['service_name']} ({service['service_id']}) is {service['status']}: {weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
