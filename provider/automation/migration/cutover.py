"""The cutover from a v1 service to its migrated v2 program, one stack config value at a time.

A migrated program (written by `inference-migrate`) declares the v2 service
and, imported by its id, the v1 service it replaces. Two stack config values
of the program's project walk the cutover (docs/migration-v1-to-v2.md):

- `clients`: `v1` (the default) or `v2`, the service the `endpoint` output
  gives clients;
- `v1Service`: `running` (the default; protected, so nothing deletes it by
  accident), `stopped` (the rollback window: a start away from serving
  again), `deleted` (after the window: the v1 service is deleted) or
  `released` (the stack lets go of it: a later `destroy` leaves it running).

Clients may stay on v1 only while it runs. Deleting needs the window first:
the running service is protected, so `deleted` straight after `running`
fails at `up` and deletes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pulumi

CLIENTS = ("v1", "v2")
RUNNING, STOPPED, DELETED, RELEASED = "running", "stopped", "deleted", "released"
PHASES = (RUNNING, STOPPED, DELETED, RELEASED)


@dataclass(frozen=True)
class Cutover:
    clients: str = "v1"
    v1_service: str = RUNNING

    @classmethod
    def from_config(cls, config: pulumi.Config, clients: str = "v1", v1_service: str = RUNNING) -> "Cutover":
        """The stack's `clients` and `v1Service`, else the given defaults (how the v1 service was found)."""
        return cls.checked(config.get("clients") or clients, config.get("v1Service") or v1_service)

    @classmethod
    def checked(cls, clients: str, v1_service: str) -> "Cutover":
        """The cutover the config asks for; pulumi.RunError (shown without a traceback) when it cannot be."""
        if clients not in CLIENTS:
            raise pulumi.RunError(f"clients: {clients!r} must be one of {', '.join(CLIENTS)}")
        if v1_service not in PHASES:
            raise pulumi.RunError(f"v1Service: {v1_service!r} must be one of {', '.join(PHASES)}")
        if clients == "v1" and v1_service != RUNNING:
            raise pulumi.RunError(f"v1Service: {v1_service} while clients use v1 would leave them without a service; "
                                  "set clients to v2 first (or v1Service back to running)")
        return cls(clients, v1_service)

    def v1_options(self, v1_id: str) -> pulumi.ResourceOptions | None:
        """How the v1 service is declared in this phase; None when it is not declared at all."""
        if self.v1_service == DELETED:
            return None
        return pulumi.ResourceOptions(import_=v1_id, protect=self.v1_service == RUNNING,
                                      retain_on_delete=self.v1_service == RELEASED)

    def v1_inputs(self, inputs: Mapping[str, Any]) -> dict[str, Any]:
        """The v1 service as it was migrated, kept running or stopped (released: left as it is)."""
        state = {RUNNING: "running", STOPPED: "stopped"}.get(self.v1_service)
        return {**inputs, **({"state": state} if state else {})}

    def endpoint(self, v2_url: pulumi.Input[str], v1_service: Any) -> pulumi.Output[str]:
        """The URL clients are given."""
        if self.clients == "v2":
            return pulumi.Output.from_input(v2_url)
        return v1_service.access_address


def v1_service(name: str, v1_id: str, inputs: Mapping[str, Any], cutover: Cutover) -> Any:
    """The imported v1 service in this phase of the cutover, or None once it is to be deleted."""
    from inference_iac.modelarts.v1 import Service

    options = cutover.v1_options(v1_id)
    return None if options is None else Service(name, cutover.v1_inputs(inputs), options)
