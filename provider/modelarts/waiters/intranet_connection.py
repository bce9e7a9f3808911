"""Intranet-connection waits.

A connection that needs the service owner's approval can sit in APPROVING
for days, so that wait is bounded separately (`approval_wait_seconds`) and
running out of it is not an error: the caller records the connection as
APPROVING and tells the user.
"""

from __future__ import annotations

from typing import Any

from ...core.poll import WaitFailed, Waits, WaitTimeout
from ..client import ModelArtsClient
from ..statuses import CONNECTION_APPROVING, CONNECTION_CONNECTED, CONNECTION_DEAD_ENDS, status_of


def explain(connection: dict[str, Any]) -> str:
    reason = connection.get("message") or "no reason given"
    return f"intranet connection {connection.get('id')} is {status_of(connection)}: {reason}"


def _probe(client: ModelArtsClient, connection_id: str):
    def probe() -> dict[str, Any]:
        connection = client.intranet_connections.get(connection_id)
        if status_of(connection) in CONNECTION_DEAD_ENDS:
            raise WaitFailed(explain(connection))
        return connection

    return probe


def wait_connection_ready(client: ModelArtsClient, connection_id: str, waits: Waits,
                          approval_wait_seconds: float) -> dict[str, Any]:
    """Wait for CONNECTED; give up quietly on APPROVING after `approval_wait_seconds`.

    Returns the live connection, CONNECTED or APPROVING. Raises WaitFailed on
    a dead end (rejected, revoked, failed) and WaitTimeout if it stays
    CONNECTING past the deadline.
    """
    probe = _probe(client, connection_id)
    progress = (lambda c, elapsed: waits.reporter and waits.reporter.waiting(status_of(c), elapsed))
    connection = probe()
    if status_of(connection) == CONNECTION_APPROVING:
        waits.say(f"waiting for the service owner's approval (up to {approval_wait_seconds:.0f}s) ...")
        try:
            connection = waits.until(probe, done=lambda c: status_of(c) != CONNECTION_APPROVING, describe=explain,
                                     progress=progress, timeout_seconds=approval_wait_seconds)
        except WaitTimeout:
            waits.say("not approved yet; recorded as APPROVING. Once the service owner approves it, "
                      "`pulumi refresh` or `pulumi up` shows the new status.")
            return probe()
    return waits.until(probe, done=lambda c: status_of(c) == CONNECTION_CONNECTED, describe=explain,
                       progress=progress)


def wait_connection_gone(client: ModelArtsClient, connection_id: str, waits: Waits) -> None:
    waits.until(lambda: client.intranet_connections.find(connection_id), done=lambda c: c is None,
                describe=lambda c: f"intranet connection {connection_id} is still {status_of(c)}")
