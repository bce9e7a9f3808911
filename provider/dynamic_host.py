"""The dynamic-provider plugin process of this package (`pulumi-resource-pulumi-python`).

It runs the Pulumi SDK's own servicer and adds four things:

- **Current provider code for every stack.** A dynamic resource's state holds
  its provider pickled by reference to a module path. For the resources this
  package ships, the serialized provider in every request is replaced by the
  one of the current release (rebuilt from the type token in the URN), so a
  stack written by an earlier release, whose module paths have moved, keeps
  working; so does an import, which carries no serialized provider at all.
- **Clean errors.** The stock servicer answers any exception with a Python
  traceback. An error whose message says it all (a cloud API error with its
  code and request id, a refused replacement, a failed wait) is reported as
  that message only; anything else says it is an internal error and where
  the traceback was written.
- **Messages on the resource.** Plans and progress are sent to the engine's
  log with the URN of the resource being handled, so they show on that
  resource instead of on the stack.
- **More calls at once.** The stock host serves 4 calls concurrently and a
  create that waits for a deployment holds one for the whole wait; this
  host's pool has `INFERENCE_IAC_PROVIDER_WORKERS` (default 64) threads.

Projects select it through the `plugins` section of their Pulumi.yaml, or by
having this virtualenv's bin directory first on PATH.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import threading
import traceback
from concurrent import futures
from pathlib import Path
from typing import Any, Callable

from .core.registry import type_in_urn

PROVIDER_KEY = "__provider"
DEFAULT_WORKERS = 64
# The request fields that may carry a serialized provider.
PROPERTY_FIELDS = ("properties", "olds", "news", "inputs")


_serialized: dict[str, str | None] = {}
_serialized_lock = threading.Lock()


def serialized_provider_for(urn: str) -> str | None:
    """The current serialized provider for a resource type of this package (None for others)."""
    token = type_in_urn(urn)
    with _serialized_lock:
        if token not in _serialized:
            from pulumi.dynamic.dynamic import serialize_provider

            from .registry import all_providers

            provider_class = all_providers().get(token)
            # Serialized exactly as pulumi.dynamic.Resource does.
            _serialized[token] = serialize_provider(provider_class()) if provider_class else None
        return _serialized[token]


def use_current_provider(request: Any) -> None:
    serialized = serialized_provider_for(getattr(request, "urn", ""))
    if serialized is None:
        return
    properties, inputs = getattr(request, "properties", None), getattr(request, "inputs", None)
    if properties is not None and inputs is not None and not properties.fields and inputs.fields:
        properties.CopyFrom(inputs)  # the read of an import: the engine sends only the inputs
    for name in PROPERTY_FIELDS:
        struct = getattr(request, name, None)
        if struct is not None and hasattr(struct, "fields") and (struct.fields or name in ("properties", "news")):
            struct.fields[PROVIDER_KEY].string_value = serialized


# ----- messages ------------------------------------------------------------------------------

class EngineLog:
    """Sends a resource's messages to the engine, attached to its URN."""

    def __init__(self, address: str | None) -> None:
        self.stub = None
        if address:
            import grpc
            from pulumi.runtime.proto import engine_pb2_grpc

            self.stub = engine_pb2_grpc.EngineStub(grpc.insecure_channel(address))

    def route(self, urn: str) -> Callable[[str, str, bool], None] | None:
        if self.stub is None or not urn:
            return None
        from pulumi.runtime.proto import engine_pb2

        def send(label: str, message: str, ephemeral: bool) -> None:
            try:
                self.stub.Log(engine_pb2.LogRequest(severity=engine_pb2.INFO, message=message, urn=urn,
                                                    ephemeral=ephemeral))
            except Exception as e:  # the engine went away: fall back to stderr
                print(f"[{label}] {message} {e!r}", file=sys.stderr, flush=True)

        return send


# ----- errors ----------------------------------------------------------------------------------

def describe_failure(error: BaseException) -> str:
    """What the user sees for a failed call: the message, or where the traceback went."""
    from pydantic import ValidationError

    from .core.errors import ReportedError
    from .core.spec import validation_message

    if isinstance(error, ReportedError):
        return str(error)
    if isinstance(error, ValidationError):
        return validation_message(error)
    log = Path(tempfile.gettempdir()) / f"inference-iac-provider-{os.getpid()}.log"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc() + "\n")
    return f"internal error in the provider: {type(error).__name__}: {error} (traceback in {log})"


def preview_response(method: Callable, request: Any) -> Any:
    """The answer to a Create or Update asked at preview, which must change nothing: the inputs
    for a create (as the engine does for providers without previews); for an update, the outputs
    the provider expects it to leave, so that ids stay known to the resources that use them."""
    from pulumi.runtime import rpc
    from pulumi.runtime.proto import provider_pb2 as proto

    from .core.provider import CloudProvider

    if method.__name__ == "Create":
        return proto.CreateResponse(properties=request.properties)
    stock = sys.modules["pulumi.dynamic.__main__"]  # the stock host serving this process
    olds = rpc.deserialize_properties(request.olds, True)
    news = rpc.deserialize_properties(request.news, True)
    provider = stock.get_provider(news, getattr(method.__self__, "_config", {}))
    predicted = provider.preview_update(olds, news) if isinstance(provider, CloudProvider) else dict(news)
    predicted[stock.PROVIDER_KEY] = news[stock.PROVIDER_KEY]
    loop = asyncio.new_event_loop()
    try:
        properties = loop.run_until_complete(rpc.serialize_properties(predicted, {}))
    finally:
        loop.close()
    return proto.UpdateResponse(properties=properties)


def forget_changed_inputs() -> None:
    from .core.provider import take_changed_inputs

    take_changed_inputs()


def name_changed_inputs(response: Any) -> None:
    """Put the inputs our diff found changed into the engine's answer (its `[diff: ...]` list)."""
    from .core.provider import take_changed_inputs

    names = take_changed_inputs()
    if names and not response.diffs:
        response.diffs.extend(names)


def wrap(method: Callable, engine_log: EngineLog) -> Callable:
    from .core import progress

    def serve(request: Any, context: Any) -> Any:
        import grpc

        use_current_provider(request)
        progress.set_route(engine_log.route(getattr(request, "urn", "")))
        name = getattr(method, "__name__", "")
        is_diff = name == "Diff"
        if is_diff:
            forget_changed_inputs()  # nothing a failed diff left behind on this thread
        try:
            if name in ("Create", "Update") and getattr(request, "preview", False):
                return preview_response(method, request)
            response = method(request, context)
            if name == "Configure":
                # Creates and updates at preview are answered by `preview_response`.
                response.supportsPreview = True
            if is_diff:
                name_changed_inputs(response)
            return response
        except grpc.RpcError:
            raise
        except Exception as error:  # noqa: BLE001 - every failure is reported to the engine
            context.abort(grpc.StatusCode.UNKNOWN, describe_failure(error))
        finally:
            progress.set_route(None)

    return serve


# ----- the process ------------------------------------------------------------------------------

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


def unwrapped(method: Callable) -> Callable:
    """The stock servicer's method without its traceback-reporting wrapper."""
    closure = getattr(method, "__closure__", None) or ()
    inner = [cell.cell_contents for cell in closure if callable(cell.cell_contents)]
    return inner[0] if inner else method


def main() -> None:
    from pulumi.runtime.proto import provider_pb2_grpc

    engine_log = EngineLog(sys.argv[1] if len(sys.argv) > 1 else None)
    register = provider_pb2_grpc.add_ResourceProviderServicer_to_server

    def register_wrapped(servicer, server):
        for name in ("Configure", "Check", "Diff", "Create", "Read", "Update", "Delete"):
            method = unwrapped(getattr(type(servicer), name)).__get__(servicer)
            setattr(servicer, name, wrap(method, engine_log))
        register(servicer, server)

    provider_pb2_grpc.add_ResourceProviderServicer_to_server = register_wrapped
    widen_server_pool()
    # Importing the stock module starts its gRPC server and serves until killed.
    import pulumi.dynamic.__main__  # noqa: F401


if __name__ == "__main__":
    main()
