"""What the person running `pulumi up` sees of a resource while its provider works.

Messages name the resource they are about. Where they go is decided by whoever
hosts the provider: this repo's plugin host attaches them to the resource in
the engine's output (`set_route`, per request thread); anywhere else they are
printed to stderr with the resource's label.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from typing import Callable

# (label of the resource, message, ephemeral) -> None
Route = Callable[[str, str, bool], None]

_local = threading.local()


def set_route(route: Route | None) -> None:
    """Send this thread's messages to `route` (None: back to stderr)."""
    _local.route = route


def _stderr(label: str, message: str, ephemeral: bool) -> None:
    print(f"[{label}] {message}", file=sys.stderr, flush=True)


def emit(label: str, message: str, *, ephemeral: bool = False) -> None:
    route = getattr(_local, "route", None) or _stderr
    route(label, message, ephemeral)


@dataclass(frozen=True)
class Reporter:
    """Progress of one resource: `Reporter("Deployment", "shop-main")`."""

    kind: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}"

    def say(self, message: str, *, ephemeral: bool = False) -> None:
        """`ephemeral`: a status (a plan, a wait) rather than something to keep in the run's diagnostics."""
        emit(self.label, message, ephemeral=ephemeral)

    def waiting(self, status: str, elapsed: float, *, ready: int | None = None, desired: int | None = None,
                wave: int | None = None, waves: int | None = None, what: str = "") -> None:
        """One line per report of a long wait: status, ready/desired, wave k of n, elapsed."""
        parts = [f"waiting{' for ' + what if what else ''}: {status}"]
        if ready is not None and desired is not None:
            parts.append(f"{ready}/{desired} ready")
        if wave is not None and waves is not None:
            parts.append(f"wave {wave} of {waves}")
        parts.append(f"{elapsed:.0f}s elapsed")
        emit(self.label, ", ".join(parts), ephemeral=True)
