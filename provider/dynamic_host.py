"""The dynamic-provider plugin process, able to serve `import_`.

An import (or `get`) makes the engine call Read with only the resource's id
and URN: Pulumi 3.259 sends no properties and no inputs, so the stock host
cannot find the serialized provider (KeyError '__provider'). Pulumi 3.272
falls back to the inputs when the engine sends them. This host does that, and
otherwise rebuilds the provider from the type token in the URN, using the
registry of this package's resources. Then the stock servicer runs unchanged.

It also serves more calls at once. The stock host runs at most 4 provider
calls concurrently, and a create that waits for a deployment to become ready
holds one of them for the whole wait, so 16 deployments would be created in
four rounds. The waits are sleeps between polls, so this host gives the gRPC
server a wider pool (`INFERENCE_IAC_PROVIDER_WORKERS`, default 64): every
resource still waits inside its own create/update call, so a failure stays
attributed to its resource and everything created is recorded in state.

It is installed as `pulumi-resource-pulumi-python` in the virtualenv and
selected through the `plugins` section of each project's Pulumi.yaml.
"""

from __future__ import annotations

import os
from concurrent import futures

PROVIDER_KEY = "__provider"
DEFAULT_WORKERS = 64


def type_token(urn: str) -> str:
    """`urn:pulumi:stack::project::parent$type::name` -> `type`."""
    parts = urn.split("::")
    return parts[2].split("$")[-1] if len(parts) >= 4 else ""


def serialized_provider_for(urn: str) -> str | None:
    from pulumi.dynamic.dynamic import serialize_provider

    from .resources import PROVIDERS_BY_TYPE

    provider_class = PROVIDERS_BY_TYPE.get(type_token(urn))
    # Serialized exactly as pulumi.dynamic.Resource does, so the program's
    # own `__provider` input matches and the import shows no diff.
    return serialize_provider(provider_class()) if provider_class else None


def with_import_fallback(read):
    def read_with_fallback(request, context):
        if PROVIDER_KEY not in request.properties.fields:
            if PROVIDER_KEY in request.inputs.fields:
                request.properties.CopyFrom(request.inputs)
            else:
                serialized = serialized_provider_for(request.urn)
                if serialized is not None:
                    request.properties.fields[PROVIDER_KEY].string_value = serialized
        return read(request, context)

    return read_with_fallback


def worker_count() -> int:
    return max(4, int(os.environ.get("INFERENCE_IAC_PROVIDER_WORKERS", DEFAULT_WORKERS)))


def widen_server_pool() -> None:
    """Make the next `grpc.server(pool, ...)` call use a pool of `worker_count()` threads."""
    import grpc

    make_server = grpc.server

    def server_with_wider_pool(thread_pool, *args, **kwargs):
        thread_pool.shutdown(wait=False)
        return make_server(futures.ThreadPoolExecutor(max_workers=worker_count()), *args, **kwargs)

    grpc.server = server_with_wider_pool


def main() -> None:
    from pulumi.runtime.proto import provider_pb2_grpc

    register = provider_pb2_grpc.add_ResourceProviderServicer_to_server

    def register_patched(servicer, server):
        servicer.Read = with_import_fallback(servicer.Read)
        register(servicer, server)

    provider_pb2_grpc.add_ResourceProviderServicer_to_server = register_patched
    widen_server_pool()
    # Importing the stock module starts its gRPC server and serves until killed.
    import pulumi.dynamic.__main__  # noqa: F401


if __name__ == "__main__":
    main()
