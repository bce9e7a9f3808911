"""Intranet-connection lookups and waits.

A connection that needs the service owner's approval can sit in APPROVING
for days, so that wait is bounded separately (`approval_wait_seconds`) and
running out of it is not an error: the caller records the connection as
APPROVING and tells the user.
"""

from __future__ import annotations

from typing import Any

from ..clients.modelarts import ModelArtsClient
from ..progress import say
from .poll import WaitFailed, WaitTimeout, poll_until

CONNECTED = "CONNECTED"
APPROVING = "APPROVING"
TRANSITIONAL = {"CONNECTING", "DELETING"}
# Statuses nobody moves the connection out of without a new request (or a retry).
DEAD_ENDS = {"REJECTED", "CANCELED", "FAILED"}


def find_connection(client: ModelArtsClient, connection_id: str) -> dict[str, Any] | None:
    return client.intranet_connections.find(connection_id)


def connection_status(connection: dict[str, Any] | None) -> str:
    return str((connection or {}).get("status", "UNKNOWN")).upper()


def explain(connection: dict[str, Any]) -> str:
    status = connection_status(connection)
    reason = connection.get("message") or "no reason given"
    return f"intranet connection {connection.get('id')} is {status}: {reason}"


def _probe(client: ModelArtsClient, connection_id: str):
    def probe() -> dict[str, Any]:
        connection = client.intranet_connections.get(connection_id)
        if connection_status(connection) in DEAD_ENDS:
            raise WaitFailed(explain(connection))
        return connection

    return probe


def wait_connection_ready(client: ModelArtsClient, connection_id: str, label: str,
                          timeout_seconds: float, approval_wait_seconds: float) -> dict[str, Any]:
    """Wait for CONNECTED; give up quietly on APPROVING after `approval_wait_seconds`.

    Returns the live connection, CONNECTED or APPROVING. Raises WaitFailed on
    a dead end (rejected, revoked, failed) and WaitTimeout if it stays
    CONNECTING past `timeout_seconds`.
    """
    probe = _probe(client, connection_id)
    connection = probe()
    if connection_status(connection) == APPROVING:
        say(f"IntranetConnection {label}: waiting for the service owner's approval "
            f"(up to {approval_wait_seconds:.0f}s) ...")
        try:
            connection = poll_until(probe, done=lambda c: connection_status(c) != APPROVING,
                                    describe=lambda c: explain(c), timeout_seconds=approval_wait_seconds)
        except WaitTimeout:
            say(f"IntranetConnection {label}: not approved yet; recorded as APPROVING. "
                "Once the service owner approves it, `pulumi refresh` or `pulumi up` shows the new status.")
            return probe()
    return poll_until(probe, done=lambda c: connection_status(c) == CONNECTED,
                      describe=lambda c: explain(c), timeout_seconds=timeout_seconds)


def wait_connection_gone(client: ModelArtsClient, connection_id: str, timeout_seconds: float) -> None:
    poll_until(
        lambda: find_connection(client, connection_id),
        done=lambda c: c is None,
        describe=lambda c: f"intranet connection {connection_id} is still {connection_status(c)}",
        timeout_seconds=timeout_seconds,
    )
