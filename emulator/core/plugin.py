"""What an emulated cloud API plugs into the core.

An API plug-in (one folder per cloud API, e.g. `emulator/modelarts/`) is an
`ApiPlugin`: its routes and handlers, how its requests are authenticated, how
its errors are rendered, the per-request time-advance hook that applies the
timed state changes that came due, and an overview of what is deployed (for
`inference-emulator ls` and the status page). The core owns everything else:
the ASGI app, the store and its transactions, body limits and JSON parsing,
the fault plane, the request counter, the launcher and the CLI.

The request pipeline (`core.app`) for a route of a plug-in:

1. read the body (size limit) and apply the request faults (`/-/faults`);
2. `authenticate(RawRequest)` -> the project id the request acts in;
3. parse the JSON body; open a store transaction;
4. `context(Call)` -> the handler's context; `advance(context)`;
5. run the handler; render its result as JSON (or return its own Response).

Any `ApiError` on the way is rendered by `error_response`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from starlette.responses import Response

from .errors import ApiError
from .settings import Settings
from .store import Store

Handler = Callable[[Any], Any]


@dataclass(frozen=True)
class ApiRoute:
    """A path template and its handler per HTTP method."""

    path: str
    handlers: Mapping[str, Handler]


@dataclass(frozen=True)
class RawRequest:
    """Exactly what was received, for signature checks."""

    method: str
    raw_path: str  # as sent, still percent-encoded
    query_string: str  # as sent
    headers: Mapping[str, str]  # lower-case names
    header_bytes: list[tuple[bytes, bytes]]  # the raw header list
    body: bytes
    path_params: Mapping[str, str]


@dataclass
class Call:
    """A request on its way to a handler (inside a store transaction)."""

    store: Store
    settings: Settings
    project_id: str
    path: dict[str, str]
    query: dict[str, str]
    body: Any
    now: float
    # Every value of each query parameter (the SDK repeats list-valued ones).
    query_lists: dict[str, list[str]] = field(default_factory=dict)
    # The request as received (raw path, headers), for APIs that route on the
    # still-encoded path or read a header; None when a Call is built by hand.
    raw: RawRequest | None = None


@dataclass(frozen=True)
class Node:
    """One line of the overview: a resource, its state and what it holds."""

    kind: str
    name: str
    id: str
    status: str
    version: str = ""
    details: str = ""
    children: tuple["Node", ...] = ()


class ApiPlugin:
    """Base class of an API plug-in; override what the API needs."""

    # Short name, used in /-/stats and the overview.
    name: str = ""
    # Every request under this path prefix (or any of these prefixes) is counted as this
    # API's in /-/stats and has its unrouted 404/405 rendered by it.
    path_prefix: str | tuple[str, ...] = ""

    def routes(self) -> list[ApiRoute]:
        raise NotImplementedError

    def authenticate(self, request: RawRequest, settings: Settings, now: float) -> str:
        """Check the request's credentials; return the project it acts in (raise ApiError)."""
        raise NotImplementedError

    def error_response(self, error: ApiError) -> Response:
        raise NotImplementedError

    def context(self, call: Call) -> Any:
        """The object handlers receive; the plain Call by default."""
        return call

    def advance(self, context: Any) -> None:
        """Apply the timed state changes of the caller's project that have come due."""

    def overview(self, store: Store, project_id: str, settings: Settings,
                 now: float) -> list[Node]:
        """What is deployed in a project, for people (read-only: nothing is written)."""
        return []

    def client_env(self, endpoint: str, access_key: str, secret_key: str,
                   project_id: str) -> dict[str, str]:
        """The environment variables a client of this API (a provider, the official SDK) reads
        to reach this emulator with its credentials."""
        return {}
